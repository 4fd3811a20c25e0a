/** Where relative roster paths start: the Pulumi project root (the folder of Pulumi.yaml). */
import * as path from "node:path";

/** `pulumi.runtime.getRootDirectory()` when the program runs under the CLI. `pulumi up` runs a program in the
 * folder of its `main` file (examples/roster for this repository), not where maiagent.yaml sits. Outside the CLI
 * (mocks, an SDK without it, plain node) there is no usable answer, and the working directory is used. */
export function projectRoot(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const root: unknown = require("@pulumi/pulumi").runtime.getRootDirectory?.();
    // Under mocks the SDK answers "" or the placeholder "rootDirectory": only an absolute path is real.
    if (typeof root === "string" && path.isAbsolute(root)) return root;
  } catch {
    // @pulumi/pulumi is not installed: the export CLI may run without it.
  }
  return process.cwd();
}
