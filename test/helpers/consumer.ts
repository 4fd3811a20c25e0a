/** Fresh consumer projects outside the repository, as `npm install pulumi-maiagent` leaves them: the packed,
 * installed copy made by global-setup (.tmp/project) linked into each project's node_modules, with
 * @pulumi/pulumi and @types/node. Created under one temporary folder, removed by `remove()`. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT, ROOT } from "./host";

/** Whatever a template's tsconfig.json holds, plus the files it compiles. */
export interface ConsumerSpec {
  compilerOptions: Record<string, unknown>;
  files: Record<string, string>;
  /** Extra package.json fields, e.g. `{ type: "module" }`. */
  packageJson?: Record<string, unknown>;
}

export interface TscResult {
  status: number | null;
  output: string;
  /** `file(line,col): error TSnnnn` per diagnostic, without the message. */
  errors: string[];
}

export class Consumers {
  private constructor(readonly base: string) {}

  static create(): Consumers {
    return new Consumers(fs.mkdtempSync(path.join(os.tmpdir(), "maiagent-consumers-")));
  }

  project(name: string, spec: ConsumerSpec): string {
    const dir = path.join(this.base, name);
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
    fs.mkdirSync(path.join(modules, "@types"), { recursive: true });
    const link = (target: string, at: string) => fs.symlinkSync(target, path.join(modules, at), "dir");
    link(path.join(PROJECT, "node_modules/pulumi-maiagent"), "pulumi-maiagent");
    link(path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [PROJECT] })), "@pulumi/pulumi");
    link(path.join(ROOT, "node_modules/@types/node"), "@types/node");
    link(path.join(ROOT, "node_modules/typescript"), "typescript");
    const manifest = { name: `consumer-${name}`, private: true, main: "index.ts", ...spec.packageJson };
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: consumer-${name}\nruntime: nodejs\n`);
    const tsconfig = { compilerOptions: spec.compilerOptions, files: Object.keys(spec.files).filter((f) => f.endsWith(".ts")) };
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    for (const [file, text] of Object.entries(spec.files)) fs.writeFileSync(path.join(dir, file), text);
    return dir;
  }

  remove(): void {
    fs.rmSync(this.base, { recursive: true, force: true });
  }
}

/** `tsc --noEmit -p <dir>` with the repository's TypeScript, as a user's `npx tsc` would run it. */
export function tsc(dir: string): TscResult {
  const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir, "--noEmit", "--pretty", "false"], {
    cwd: dir,
    encoding: "utf8",
  });
  const output = `${run.stdout}${run.stderr}`;
  const errors = output
    .split("\n")
    .map((line) => /^(.*?\(\d+,\d+\)): error (TS\d+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${path.relative(dir, path.resolve(dir, m[1]))}: ${m[2]}`);
  return { status: run.status, output, errors };
}

/** Projects without their own `typescript` (pulumi new before 2024) are compiled by the CLI's ts-node with the
 * TypeScript that @pulumi/pulumi vendors (3.8.3). Its diagnostics for `index.ts` (what ts-node reports) and for
 * the package's declarations (which it must parse to type the program), as `file: TSnnnn message`. */
export function vendoredTypeScriptErrors(dir: string): { version: string; errors: string[] } {
  const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [dir] }));
  const vendored = fs.readdirSync(path.join(pulumiDir, "vendor")).find((name) => name.startsWith("typescript@"));
  if (!vendored) throw new Error(`${pulumiDir}/vendor has no typescript`);
  const script = `
    const ts = require(${JSON.stringify(path.join(pulumiDir, "vendor", vendored, "typescript.js"))});
    const config = ts.parseJsonConfigFileContent(ts.readConfigFile("tsconfig.json", ts.sys.readFile).config, ts.sys, process.cwd());
    const program = ts.createProgram(config.fileNames, config.options);
    const ours = program.getSourceFiles().filter((f) => f.fileName.endsWith("/index.ts") || f.fileName.includes("/pulumi-maiagent/"));
    const errors = ours.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)])
      .map((d) => d.file.fileName.replace(/^.*pulumi-maiagent\\//, "") + ": TS" + d.code + " " + ts.flattenDiagnosticMessageText(d.messageText, " "));
    console.log(JSON.stringify({ version: ts.version, errors }));`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: dir, encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}
