/** Versions doctor reports: this package's, and the `@pulumi/pulumi` a program in the working directory gets. */
import * as fs from "node:fs";
import * as path from "node:path";

export function packageVersion(): string {
  return (require("../../../../package.json") as { version: string }).version;
}

/** Walks up from `cwd` as Node's resolution does; undefined when no project there has the SDK installed. */
export function pulumiSdkVersion(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, "node_modules", "@pulumi", "pulumi", "package.json");
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** a < b for dotted versions (pre-release tags ignored). */
export function older(a: string, b: string): boolean {
  const [x, y] = [a, b].map((v) => v.split("-")[0].split(".").map(Number));
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
}
