/** What the Node.js language host (pulumi-language-nodejs) does for a RunRequest: runs @pulumi/pulumi's
 * `cmd/run` from the program's own install, in the program directory, with the same flags and environment. */
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { Project } from "./project";

export interface RunOptions {
  stack: string;
  monitor: string;
  dryRun: boolean;
  parallel: number;
  config: Record<string, string>;
  secretKeys: string[];
}
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningProgram {
  done: Promise<RunResult>;
  /** What the engine does when a step fails: stop the program (it would go on registering, or spend a long
   * while reporting each dependant's failure). */
  cancel(): void;
}

export function runProgram(project: Project, options: RunOptions, env: NodeJS.ProcessEnv = {}): RunningProgram {
  const run = require.resolve("@pulumi/pulumi/cmd/run", { paths: [project.programDirectory] });
  const args = [
    path.dirname(run),
    ...["--monitor", options.monitor, "--engine", options.monitor],
    ...["--project", project.name, "--root-directory", project.root, "--stack", options.stack],
    ...["--pwd", project.programDirectory],
    ...(options.dryRun ? ["--dry-run"] : []),
    ...["--parallel", String(options.parallel)],
    project.entryPoint,
  ];
  const child = spawn(process.execPath, args, {
    cwd: project.programDirectory,
    env: {
      ...process.env,
      PULUMI_CONFIG: JSON.stringify(options.config),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(options.secretKeys),
      ...(project.typescript && { PULUMI_NODEJS_TYPESCRIPT: "true" }),
      ...(project.tsconfig && { PULUMI_NODEJS_TSCONFIG_PATH: project.tsconfig }),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const result: RunResult = { code: null, stdout: "", stderr: "" };
  child.stdout.on("data", (d) => (result.stdout += d));
  child.stderr.on("data", (d) => (result.stderr += d));
  const done = new Promise<RunResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ ...result, code }));
  });
  return { done, cancel: () => child.kill() };
}
