/** A Pulumi project as the CLI reads it: Pulumi.yaml's `main` and the Node.js runtime options. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export interface Project {
  name: string;
  /** Where Pulumi.yaml is: `--root-directory`, and what `pulumi.runtime.getRootDirectory()` returns. */
  root: string;
  /** The CLI's getPwdMain: a directory `main` is the working directory and the entry point is "."; a file
   * `main` runs in its parent directory with the file as the entry point. No `main`: the root, ".". */
  programDirectory: string;
  entryPoint: string;
  typescript: boolean;
  tsconfig?: string;
}

export function readProject(root: string): Project {
  const yaml = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));
  const options = typeof yaml.runtime === "object" ? (yaml.runtime.options ?? {}) : {};
  const main = path.resolve(root, yaml.main ?? ".");
  const isDirectory = fs.statSync(main).isDirectory();
  return {
    name: yaml.name,
    root,
    programDirectory: isDirectory ? main : path.dirname(main),
    entryPoint: isDirectory ? "." : path.basename(main),
    typescript: options.typescript !== false,
    tsconfig: options.tsconfig,
  };
}
