/** `pulumi-maiagent doctor --json` against the emulator: the default outcome of every check, then one deviation
 * per case and the check it moves. Every run also proves only GET/HEAD/OPTIONS arrived and the key is nowhere. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
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

type Case = [string, Partial<EmulatorOptions>, Record<string, string>, number];
const DEVIATIONS: Case[] = [
  ["a 400 naming the oversize page size is info: the scan lowers its size", { rejectOversizePageSize: true }, { "list.pageSize": "info", "members.shape": "ok" }, 0],
  ["a 400 to the oversize page size that names nothing fails: every scan would fail", { rejectOversizePageSize: true, unnamedPageSize400: true }, { "list.pageSize": "fail" }, 1],
  ["an API that honours only page_size warns, naming what works", { pageSizeParam: "page_size" }, { "list.pageSizeParam": "warn" }, 3],
  ["isOwner absent from member reads warns (everyone protected)", { memberIsOwner: "absent" }, { "members.shape": "warn" }, 3],
  ["isOwner as strings in member reads is info", { memberIsOwner: "string" }, { "members.shape": "info" }, 0],
  ["a read-only isOwner in the OPTIONS metadata warns", { memberCreateHonoursIsOwner: false }, { "members.create": "warn", "schema.memberCreate": "ok" }, 3],
  ["without OPTIONS actions the schema decides that isOwner is read-only", { memberCreateHonoursIsOwner: false, optionsActions: false }, { "members.create": "warn" }, 3],
  ["without OPTIONS actions and without a schema, members.create cannot tell", { optionsActions: false, schemaServed: false }, { "members.create": "skip", "schema.paths": "skip" }, 0],
  ["DELETE in the organization's Allow header warns (destroy would delete)", { allowOrganizationDelete: true }, { "org.methods": "warn" }, 3],
  ["without Allow headers, org.methods cannot tell", { allowHeaders: false }, { "org.methods": "skip", "members.methods": "skip" }, 0],
  ["bulk-create missing only from the schema is info too", { schemaOverride: (doc) => delete doc.paths["/api/v1/organizations/{organization_pk}/groups/{group_pk}/group-members/bulk-create/"] }, { "groups.bulk": "info", "schema.paths": "info" }, 0],
  ["a deployment without groups warns; bulk-create is then skipped", { groupsPresent: false }, { "groups.present": "warn", "groups.bulk": "skip", "schema.paths": "warn" }, 3],
  ["bulk-create absent is info (one POST per member)", { groupBulkCreate: "absent-404" }, { "groups.bulk": "info", "schema.paths": "info" }, 0],
  ["a slashless path redirected to another host warns", { slashlessRedirect: "other-host" }, { "http.redirects": "warn" }, 3],
  ["next links to another origin warn", { nextLinks: "other-host" }, { "list.next": "warn" }, 3],
  ["a server clock 2 h ahead warns", { clockOffsetMs: 2 * 3600_000 }, { "http.clock": "warn" }, 3],
  ["rate-limit headers are info, suggesting maiagent:requestsPerSecond", { rateLimitHeaders: true }, { "http.headers": "info" }, 0],
  ["no schema/ skips every schema check and fails nothing", { schemaServed: false }, { "schema.paths": "skip", "schema.orgName": "skip", "schema.security": "skip" }, 0],
  ["another name maxLength in the schema warns", { schemaOverride: (doc) => (doc.components.schemas.Organization.properties.name.maxLength = 100) }, { "schema.orgName": "warn" }, 3],
  ["a schema without the Api-Key scheme warns", { schemaOverride: (doc) => (doc.components.securitySchemes = { cookieAuth: { type: "apiKey", in: "cookie", name: "sessionid" } }) }, { "schema.security": "warn" }, 3],
  ["snake_case keys and epoch timestamps are info; OPTIONS metadata is still read", { keyCase: "snake", timestamps: "epoch", memberCreateHonoursIsOwner: false }, { "org.shape": "info", "members.create": "warn", "members.shape": "ok" }, 3],
  ["logos absent from organization reads warn (declared logos would drift)", { orgLogosInReads: false }, { "org.shape": "warn" }, 3],
  ["an ignored member query is info", { memberQuery: "ignored" }, { "members.query": "info" }, 0],
  ["permissions as a page are info", { permissionsPaged: true }, { "permissions.shape": "info" }, 0],
  ["without a browsable root, users/current/ under the base URL is enough", { apiRootView: false }, { "api.root": "ok" }, 0],
];

test.each(DEVIATIONS)("%s", async (_name, options, expected, code) => {
  const run = await doctorAgainst(options);
  expect(run.statuses).toMatchObject(expected);
  expect(run.code).toBe(code);
});

test("only the sibling root answering fails api.root, naming the base URL to set; nothing after it runs", async () => {
  const run = await doctorAgainst({ servedPrefixes: ["/api/"] });
  expect(run.statuses).toMatchObject({ "api.root": "fail", "auth.identity": "skip", "schema.paths": "skip" });
  expect(run.report!.checks.find((c) => c.id === "api.root")!.action).toBe(`Set MAIAGENT_BASE_URL=${emulator.baseUrl("/api/")}`);
  expect(run.code).toBe(1);
});

test("a base URL that is no API root fails api.root, whose users/current/ does not answer either", async () => {
  emulator = await Emulator.start();
  const run = await runDoctor(`${emulator.url}/v1/`, ["api.root", "--json", "--quiet"]);
  expect(run.report!.checks.find((c) => c.id === "api.root")).toMatchObject({ status: "fail", observed: `${emulator.url}/v1/ answers 404, users/current/ too` });
  expect(run.code).toBe(1);
});

test("a refused key fails auth.identity naming MAIAGENT_API_KEY; the key is not shown", async () => {
  emulator = await Emulator.start();
  seedDoctor(emulator);
  const run = await runDoctor(emulator.baseUrl(), ["--json", "--quiet"], {}, "not-the-key-x7");
  expect(run.statuses).toMatchObject({ "api.root": "ok", "auth.identity": "fail", "org.shape": "skip" });
  expect(run.report!.checks.find((c) => c.id === "auth.identity")!.action).toContain("MAIAGENT_API_KEY");
  expect(run.report!.identity).toBeNull();
  expect(run.stdout + run.stderr).not.toContain("not-the-key-x7");
  expect(run.code).toBe(1);
});

test("one 429 with a short Retry-After is retried once, counted, and reported by http.headers", async () => {
  emulator = await Emulator.start();
  seedDoctor(emulator);
  emulator.faults.add({ kind: "status", status: 429, retryAfter: "1", path: /^permissions\/$/ });
  const run = await runDoctor(emulator.baseUrl(), ["--json", "--quiet"]);
  expect(emulator.count({ path: /permissions\/$/ })).toBe(2);
  expect(run.statuses).toMatchObject({ "permissions.shape": "ok", "http.headers": "info" });
  expect(run.report!.requests.GET + run.report!.requests.OPTIONS).toBe(emulator.requests.length);
});

test("a 429 whose Retry-After is an HTTP-date is retried once, and http.headers names the form", async () => {
  emulator = await Emulator.start();
  seedDoctor(emulator);
  const soon = new Date(Math.ceil((Date.now() + 1500) / 1000) * 1000).toUTCString();
  emulator.faults.add({ kind: "status", status: 429, retryAfter: soon, path: /^permissions\/$/ });
  const run = await runDoctor(emulator.baseUrl(), ["--json", "--quiet"]);
  expect(emulator.count({ path: /permissions\/$/ })).toBe(2);
  expect(run.report!.checks.find((c) => c.id === "http.headers")).toMatchObject({ status: "info", observed: "no rate-limit headers; 1 answer 429 (Retry-After: an HTTP-date)" });
});

test("--org probes that organization; check ids run only those checks and what they need", async () => {
  emulator = await Emulator.start();
  const { orgIds } = seedDoctor(emulator);
  const run = await runDoctor(emulator.baseUrl(), ["org.shape", "list.next", "--org", orgIds[2], "--json", "--quiet"]);
  expect(Object.keys(run.statuses)).toEqual(["env.settings", "net.route", "net.tls", "api.root", "auth.identity", "list.next", "org.shape"]);
  expect(run.report!.checks.find((c) => c.id === "org.shape")!.observed).toContain(`organization ${orgIds[2]}:`);
  expect(emulator.count({ path: new RegExp(`${orgIds[0]}`) })).toBe(0);
  expect(run.code).toBe(0);
});

test("an @pulumi/pulumi older than 3.268 in the working directory warns (get needs it); none there is info", async () => {
  emulator = await Emulator.start();
  seedDoctor(emulator);
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "doctor-sdk-"));
  try {
    const empty = await runDoctor(emulator.baseUrl(), ["env.runtime", "--json", "--quiet"], {}, undefined, project);
    expect(empty.statuses).toEqual({ "env.runtime": "info" });
    fs.mkdirSync(path.join(project, "node_modules/@pulumi/pulumi"), { recursive: true });
    fs.writeFileSync(path.join(project, "node_modules/@pulumi/pulumi/package.json"), JSON.stringify({ name: "@pulumi/pulumi", version: "3.250.0" }));
    const old = await runDoctor(emulator.baseUrl(), ["env.runtime", "--json", "--quiet"], {}, undefined, project);
    expect(old.report!.checks[0]).toMatchObject({ status: "warn", observed: expect.stringContaining("@pulumi/pulumi 3.250.0") });
    expect(old.code).toBe(3);
    expect(emulator.requests).toEqual([]);
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});

test("after a 400 naming the page size, the member probe asks for the size the message states, as the scan would", async () => {
  const run = await doctorAgainst({ rejectOversizePageSize: true });
  expect(run.report!.checks.find((c) => c.id === "list.pageSize")!.action).toBe("Scans ask for 2 per page instead, as the first 400 teaches them.");
  expect(emulator.requests.filter((r) => /members\/$/.test(r.path)).map((r) => r.query)).toContain("?pageSize=2");
});

test("--org naming an organization the key cannot see fails org.shape (the provider could not manage it) and skips what needs it", async () => {
  emulator = await Emulator.start();
  seedDoctor(emulator);
  const run = await runDoctor(emulator.baseUrl(), ["org", "members", "groups", "--org", "0b5e7c4e-1111-4222-8333-444455556666", "--json", "--quiet"]);
  expect(run.statuses).toMatchObject({ "org.shape": "fail", "org.methods": "skip", "members.shape": "skip", "members.query": "skip", "groups.present": "skip" });
  expect(run.report!.checks.find((c) => c.id === "org.shape")!.action).toMatch(/export --all/);
  expect(run.code).toBe(1);
});
