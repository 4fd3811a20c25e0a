/** Runs `pulumi-maiagent export` as installed from the packed tarball (global-setup), against an emulator. */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Emulator } from "../emulator/server";
import { ROOT } from "./native";

const installed = path.join(ROOT, ".tmp/project/node_modules/pulumi-maiagent");
export const EXPORT_BIN = path.join(installed, JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")).bin["pulumi-maiagent"]);

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Through node, as npm's bin shim does (npm makes the file executable when it installs it; the tarball
 * does not). Asynchronous on purpose: the emulator answers from this process's event loop.
 * `fileSizeLimitBlocks`: run under /bin/sh's `ulimit -f` (blocks of 512 bytes in dash, 1024 in bash), so that
 * writing a larger file fails part-way, as it does on a full disk. */
export function runExport(emulator: Emulator, args: string[], env: Record<string, string | undefined> = {}, fileSizeLimitBlocks?: number): Promise<Run> {
  const fullEnv = { PATH: process.env.PATH, MAIAGENT_API_KEY: emulator.options.apiKey, MAIAGENT_BASE_URL: emulator.baseUrl(), ...env };
  const [command, commandArgs] =
    fileSizeLimitBlocks === undefined
      ? [process.execPath, [EXPORT_BIN, ...args]]
      : ["/bin/sh", ["-c", `ulimit -f ${fileSizeLimitBlocks} && exec "$@"`, "sh", process.execPath, EXPORT_BIN, ...args]];
  return new Promise((resolve) => {
    execFile(command, commandArgs, { env: fullEnv as NodeJS.ProcessEnv, encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
