/** The compiled package, loaded by Node's own require (see native-environment.js): got is ESM-only. */
import * as path from "node:path";

declare const nativeRequire: NodeJS.Require;
declare const nativeEnv: NodeJS.ProcessEnv;
export type Package = typeof import("../../provider/index");
export type Client = InstanceType<Package["MaiAgentClient"]>;

export const ROOT = path.resolve(__dirname, "../..");
/** The environment the compiled package sees (jest gives tests a copy of process.env). */
export const packageEnv: NodeJS.ProcessEnv = nativeEnv;

/** A compiled module under dist/, e.g. "scripts/demo.js". */
export function loadDist<T>(relativePath: string): T {
  return nativeRequire(path.join(ROOT, "dist", relativePath));
}

export function loadPackage(): Package {
  return loadDist("provider/index.js");
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error) => error,
  );
}
