/** `npx pulumi-maiagent export`, the packed bin run as a child process against the emulator. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "./emulator/server";
import type { Org } from "./emulator/state";
import { EXPORT_BIN, runExport } from "./helpers/export-cli";
import { loadDist } from "./helpers/native";

const roster = loadDist<typeof import("../provider/roster/index")>("provider/roster/index.js");
let emulator: Emulator;
beforeEach(async () => (emulator = await Emulator.start()));
afterEach(() => emulator.stop());

const run = (args: string[], env: Record<string, string | undefined> = {}) => runExport(emulator, args, env);
function organization(name: string, emails: string[], extra: Partial<Org> = {}): Org {
  const org = emulator.state.createOrg({ name }, emulator.owner.id).body as Org;
  Object.assign(org, extra);
  for (const email of emails) emulator.state.addMember(org, { email, isOwner: email.startsWith("boss@") });
  return org;
}
const writes = () => emulator.requests.filter((r) => r.method !== "GET").length;

test("--all writes every organization, sorted, with adoptId and every live member; owners and the key's user marked by a comment", async () => {
  const acme = organization("Acme Support", ["carol@acme.example", "boss@acme.example", "Alice@acme.example", "owner@emulator.test", "bob@acme.example"], {
    compactLogo: "https://acme.example/c.png",
  });
  const twin = organization("Acme Support", ["dan@acme.example"]);
  const cjk = organization("客服中心", []);
  const globex = organization("Globex", []);

  const first = await run(["export", "--all"]);
  expect(first).toMatchObject({ code: 0 });
  const loaded = roster.parseRoster(first.stdout).organizations;
  // A repeated name: the earliest created keeps the plain key, a later one gets the start of its own id.
  expect(Object.keys(loaded)).toEqual(["acme-support", `acme-support-${twin.id.slice(0, 8)}`, "globex", `org-${cjk.id.slice(0, 8)}`]);
  expect(loaded["acme-support"]).toEqual({
    name: "Acme Support",
    compactLogo: "https://acme.example/c.png",
    adoptId: acme.id,
    members: ["Alice@acme.example", "bob@acme.example", "boss@acme.example", "carol@acme.example", "owner@emulator.test"],
    removeUnlisted: false,
    retain: true,
  });
  expect(loaded.globex).toMatchObject({ name: "Globex", adoptId: globex.id, members: [] });
  expect(first.stdout).toContain(
    [
      "    members:",
      "      - Alice@acme.example",
      "      - bob@acme.example",
      "      - boss@acme.example # owner",
      "      - carol@acme.example",
      "      - owner@emulator.test # the API key's own user",
    ].join("\n"),
  );
  expect(first.stderr).toContain("Reading the members of 4 organizations…");
  expect(first.stderr).toMatch(/\[\d\/4\] Acme Support \(.*\): 5 members, 2 protected/);
  expect(writes()).toBe(0);

  // Same live data, the API answering in snake_case this time: the same bytes.
  emulator.setOptions({ keyCase: "snake" });
  expect((await run(["export", "--all", "--quiet"])).stdout).toBe(first.stdout);
});

test("the exported file declares exactly what is live, which is what makes the first `up` write nothing", async () => {
  const acme = organization("Acme Support", ["b@acme.example", "a@acme.example", "boss@acme.example"], { fullLogo: "https://acme.example/f.png" });
  const { stdout } = await run(["export", "--org", acme.id]);
  expect(roster.rosterDeclarations(roster.parseRoster(stdout))).toEqual([
    {
      key: "acme-support",
      organization: { name: acme.name, fullLogo: acme.fullLogo, adoptId: acme.id },
      members: { emails: ["a@acme.example", "b@acme.example", "boss@acme.example"], removeUnlisted: false },
      retainMembers: true,
    },
  ]);
});

test("--org (repeatable) with --out writes only those organizations to the file; progress goes to stderr", async () => {
  const acme = organization("Acme", ["a@acme.example"]);
  const globex = organization("Globex", ["g@globex.example"]);
  organization("Initech", ["i@initech.example"]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
  const out = path.join(dir, "maiagent.yaml");
  try {
    const result = await run(["export", "--org", globex.id, "--org", acme.id, "--org", acme.id, "--out", out]);
    expect(result).toMatchObject({ code: 0, stdout: "" });
    expect(result.stderr).toContain(`Exported 2 organizations to ${out}.`);
    expect(Object.keys(roster.loadRosterFile(out).organizations)).toEqual(["acme", "globex"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true }); // tests leave nothing behind
  }
  expect(emulator.count({ method: "GET", path: /organizations\/[^/]+\/$/ })).toBe(2);
});

test("a bad key fails with the API's 401 and what to do, exit 1, and never shows the key", async () => {
  organization("Acme", []);
  const key = "wrong-key-5f1c9a";
  const result = await run(["export", "--all"], { MAIAGENT_API_KEY: key });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: GET \/api\/v1\/\S+ failed with HTTP 401: Invalid API key\. Check MAIAGENT_API_KEY/m);
  expect(result.stderr).not.toContain("pulumi config"); // advice for the provider, not for this command
  expect(result.stdout + result.stderr).not.toContain(key);
});

test("an unknown organization id fails naming it, exit 1, and writes no file", async () => {
  const id = "00000000-0000-4000-8000-000000000000";
  const out = path.join(os.tmpdir(), `export-missing-${process.pid}.yaml`);
  const result = await run(["export", "--org", id, "--out", out]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`error: Organization ${id} was not found, or this API key cannot see it`);
  expect(fs.existsSync(out)).toBe(false);
  expect(result.stderr).not.toContain(emulator.options.apiKey);
});

test.each<[string, string[], Record<string, string | undefined>, RegExp]>([
  ["no command", [], {}, /error: No command given\./],
  ["neither --org nor --all", ["export"], {}, /--org <id> \(repeatable\) or --all/],
  ["both --org and --all", ["export", "--all", "--org", "3be0a7de-9aa3-41f7-ae68-0a58d1197a5c"], {}, /not both/],
  ["an id that is not a UUID", ["export", "--org", "acme"], {}, /--org must be an organization id \(a UUID\): acme/],
  ["an unknown option", ["export", "--all", "--organisation", "x"], {}, /Unknown option --organisation\./],
  ["no MAIAGENT_API_KEY", ["export", "--all"], { MAIAGENT_API_KEY: undefined }, /Set MAIAGENT_API_KEY/],
])("a usage error (%s) exits 2 with the usage, before any request", async (_label, args, env, message) => {
  const result = await run(args, env);
  expect(result).toMatchObject({ code: 2, stdout: "" });
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toContain("Usage: pulumi-maiagent export");
  expect(emulator.requests).toHaveLength(0);
});

test("the packed bin is a node script", () => {
  expect(fs.readFileSync(EXPORT_BIN, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
});

test("--version prints the package version and exits 0", async () => {
  const result = await run(["--version"]);
  expect(result).toMatchObject({ code: 0, stderr: "", stdout: `${JSON.parse(fs.readFileSync(path.join(__dirname, "../package.json"), "utf8")).version}\n` });
});

test("--help prints the usage on stdout and exits 0", async () => {
  const result = await run(["--help"]);
  expect(result).toMatchObject({ code: 0, stderr: "" });
  expect(result.stdout).toMatch(/^Usage: pulumi-maiagent export[\s\S]*MAIAGENT_API_KEY/);
  expect(result.stdout).toContain("MAIAGENT_LOG=debug");
});

test("live data the roster cannot hold is still written, and the run fails listing the hand edits", async () => {
  organization("Acme", ["a@acme.example"], { compactLogo: "ftp://acme.example/logo.png" });
  const result = await run(["export", "--all", "--quiet"]);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain("compactLogo: ftp://acme.example/logo.png");
  expect(result.stderr).toContain("error: the file was written, but needs these fixes by hand before `pulumi up`:");
  expect(result.stderr).toContain("  maiagent.yaml:10 organizations.acme.compactLogo: must be an absolute http(s) URL");
});

test("keys come from names: ASCII-folded, unique, independent of order; a repeat gets its id's start, the earliest created keeps the name", () => {
  const { assignKeys, slugify } = loadDist<typeof import("../provider/cli/keys")>("provider/cli/keys.js");
  expect(slugify("  Café Ünited (EU) ")).toBe("cafe-united-eu");
  expect(slugify("x".repeat(80))).toHaveLength(60);
  const orgs = [
    { id: "b2000000-0000-4000-8000-000000000000", name: "Acme", createdAt: "2026-01-01T00:00:00Z" },
    { id: "c3000000-0000-4000-8000-000000000000", name: "Acme 2", createdAt: "2026-01-02T00:00:00Z" },
    { id: "a1000000-0000-4000-8000-000000000000", name: "ACME", createdAt: "2026-01-03T00:00:00Z" },
    { id: "9f0e1d2c-0000-4000-8000-000000000000", name: "客服中心", createdAt: null },
  ];
  const expected = [[orgs[0].id, "acme"], [orgs[1].id, "acme-2"], [orgs[2].id, "acme-a1000000"], [orgs[3].id, "org-9f0e1d2c"]];
  expect([...assignKeys(orgs)].sort()).toEqual(expected.sort());
  expect([...assignKeys([...orgs].reverse())].sort()).toEqual(expected.sort());
  // Keys a previous file gives (adoptId → key) are kept, and no new organization takes one of them.
  const previous = new Map([[orgs[2].id, "acme"], ["d4000000-0000-4000-8000-000000000000", "acme-2"]]);
  expect(new Map(assignKeys(orgs, previous))).toEqual(
    new Map([[orgs[2].id, "acme"], [orgs[0].id, "acme-b2000000"], [orgs[1].id, "acme-2-c3000000"], [orgs[3].id, "org-9f0e1d2c"]]),
  );
});

test("a member list without isOwner still lists everyone, each marked as of unknown owner status, never guessed", async () => {
  const acme = organization("Acme", ["boss@acme.example", "a@acme.example", "owner@emulator.test"]);
  emulator.setOptions({ memberIsOwner: "absent" });
  const result = await run(["export", "--org", acme.id, "--quiet"]);
  expect(result).toMatchObject({ code: 0 });
  expect(roster.parseRoster(result.stdout).organizations.acme.members).toEqual(["a@acme.example", "boss@acme.example", "owner@emulator.test"]);
  expect(result.stdout).toContain(
    [
      "      - a@acme.example # owner status unknown",
      "      - boss@acme.example # owner status unknown",
      "      - owner@emulator.test # the API key's own user",
    ].join("\n"),
  );
});
