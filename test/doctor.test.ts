/** `pulumi-maiagent doctor --json` against the emulator: the default outcome of every check, then one deviation
 * per case and the check it moves. Every run also proves only GET/HEAD/OPTIONS arrived and the key is nowhere. */
import { Emulator, type EmulatorOptions } from "./emulator/server";
import { methodsSeen, runDoctor, seedDoctor, type DoctorRun } from "./helpers/doctor-cli";

let emulator: Emulator;
afterEach(() => emulator.stop());

async function doctorAgainst(options: Partial<EmulatorOptions> = {}, args: string[] = [], prefix: "/api/v1/" | "/api/" = "/api/v1/"): Promise<DoctorRun> {
  emulator = await Emulator.start();
  seedDoctor(emulator);
  emulator.setOptions(options);
  const run = await runDoctor(emulator.baseUrl(prefix), ["--json", "--quiet", ...args]);
  expect(methodsSeen(emulator).every((m) => ["GET", "HEAD", "OPTIONS"].includes(m))).toBe(true);
  expect(run.stdout + run.stderr).not.toContain(emulator.options.apiKey);
  return run;
}

test("against the emulator's defaults every check is ok, except the documented clamp (info) and the schema's writable isOwner (info)", async () => {
  const run = await doctorAgainst();
  expect(run.statuses).toEqual({
    "env.runtime": "ok",
    "env.settings": "ok",
    "net.route": "ok",
    "net.tls": "skip",
    "api.root": "ok",
    "auth.identity": "ok",
    "http.redirects": "ok",
    "list.pageSize": "info",
    "list.pageSizeParam": "ok",
    "list.next": "ok",
    "org.shape": "ok",
    "org.methods": "ok",
    "members.shape": "ok",
    "members.methods": "ok",
    "members.query": "ok",
    "members.create": "ok",
    "permissions.shape": "ok",
    "groups.present": "ok",
    "groups.bulk": "ok",
    "http.headers": "ok",
    "http.clock": "ok",
    "schema.paths": "ok",
    "schema.memberCreate": "info",
    "schema.orgName": "ok",
    "schema.groupsBulk": "ok",
    "schema.security": "ok",
  });
  expect(run.code).toBe(0);
  expect(run.report!.identity).toMatchObject({ email: "owner@emulator.test" });
  // The other members' emails appear nowhere, not even in the redacted evidence of the query probe.
  expect(run.stdout).not.toMatch(/alice@|bob@/);
  const total = emulator.requests.length;
  expect(total).toBeLessThanOrEqual(40);
  const { GET, HEAD, OPTIONS } = run.report!.requests;
  expect(GET + HEAD + OPTIONS).toBe(total);
});
