/** `pulumi-maiagent doctor` as a child process (the built dist/provider/cli/main.js) against an emulator. */
import { execFile } from "node:child_process";
import * as path from "node:path";
import type { Emulator } from "../emulator/server";
import type { Report } from "../../provider/cli/doctor/report";
/** The repository root, from the test sources or from their compiled copy under dist/ (the benchmark). */
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");
export const DOCTOR_BIN = path.join(ROOT, "dist/provider/cli/main.js");

export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The parsed --json report (undefined without --json). */
  report?: Report;
  /** id → status, for compact assertions. */
  statuses: Record<string, string>;
}

/** Asynchronous on purpose: the emulator answers from this process's event loop. Runs in ROOT, whose
 * node_modules has @pulumi/pulumi (env.runtime reads it from the working directory). */
export function runDoctor(baseUrl: string, args: string[] = [], env: Record<string, string | undefined> = {}, apiKey = "emulator-test-key", cwd = ROOT): Promise<DoctorRun> {
  const fullEnv = { PATH: process.env.PATH, MAIAGENT_API_KEY: apiKey, MAIAGENT_BASE_URL: baseUrl, ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, [DOCTOR_BIN, "doctor", ...args], { cwd, env: fullEnv as NodeJS.ProcessEnv, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error ? Number(error.code ?? 1) : 0;
      const report = args.includes("--json") && stdout.trim().startsWith("{") ? (JSON.parse(stdout) as Report) : undefined;
      const statuses = Object.fromEntries((report?.checks ?? []).map((c) => [c.id, c.status]));
      resolve({ code, stdout, stderr, report, statuses });
    });
  });
}

/** Three organizations (the first with its owner and two members), pages of at most 2: every list check can tell. */
export function seedDoctor(emulator: Emulator): { orgIds: string[] } {
  emulator.setOptions({ maxPageSize: 2 });
  const orgIds = ["Acme", "Globex", "Initech"].map((name) => {
    const org = emulator.state.createOrg({ name }, emulator.owner.id).body as { id: string };
    return org.id;
  });
  const first = emulator.state.orgs.get(orgIds[0])!;
  for (const email of ["owner@emulator.test", "alice@acme.example", "bob@acme.example"]) {
    emulator.state.addMember(first, { email, isOwner: email.startsWith("owner@") });
  }
  return { orgIds };
}

/** Every method that reached the emulator, distinct. */
export const methodsSeen = (emulator: Emulator) => [...new Set(emulator.requests.map((r) => r.method))].sort();
