/** Re-running `npx pulumi-maiagent export --out` over a file a stack already uses: keys stay with their
 * organizations, and a failed write leaves the old file exactly as it was. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "./emulator/server";
import type { Org } from "./emulator/state";
import { runExport } from "./helpers/export-cli";
import { loadDist } from "./helpers/native";
import { emailsFor } from "./helpers/roster";

const roster = loadDist<typeof import("../provider/roster/index")>("provider/roster/index.js");
let emulator: Emulator;
let dir: string;
let file: string;
beforeEach(async () => {
  emulator = await Emulator.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-rerun-"));
  file = path.join(dir, "maiagent.yaml");
});
afterEach(async () => {
  await emulator.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], fileSizeLimitBlocks?: number) => runExport(emulator, args, {}, fileSizeLimitBlocks);
function organization(name: string, emails: string[], id?: string): Org {
  const org = emulator.state.createOrg({ name }, emulator.owner.id).body as Org;
  if (id) {
    emulator.state.orgs.delete(org.id);
    emulator.state.orgs.set((org.id = id), org);
  }
  for (const email of emails) emulator.state.addMember(org, { email });
  return org;
}
/** key → adoptId of the file as the roster loader reads it. */
const keysOf = (text: string) => Object.fromEntries(Object.entries(roster.parseRoster(text).organizations).map(([key, org]) => [key, org.adoptId]));

test("a second 'Acme' with a lower id appearing later never takes the key `acme` from the first, with or without --out", async () => {
  const acme = organization("Acme", ["a@acme.example"], "9f000000-0000-4000-8000-000000000000");
  expect(await run(["export", "--all", "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  expect(keysOf(fs.readFileSync(file, "utf8"))).toEqual({ acme: acme.id });

  const twin = organization("Acme", ["z@other.example"], "10000000-0000-4000-8000-000000000000");
  expect(await run(["export", "--all", "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  expect(keysOf(fs.readFileSync(file, "utf8"))).toEqual({ acme: acme.id, "acme-10000000": twin.id });
  expect(roster.parseRoster(fs.readFileSync(file, "utf8")).organizations.acme.members).toEqual(["a@acme.example"]);

  // Without a file to keep keys from: the earliest created keeps the bare slug, later ones get their id's start.
  expect(keysOf((await run(["export", "--all", "--quiet"])).stdout)).toEqual({ acme: acme.id, "acme-10000000": twin.id });
});

test("--out keeps every key the file already gives an adoptId, even after renames that swap the names", async () => {
  const older = organization("Initech", [], "00000000-0000-4000-8000-00000000000a");
  const acme = organization("Acme", [], "ffffffff-0000-4000-8000-00000000000b");
  const other = organization("Globex", [], "00000000-0000-4000-8000-00000000000c");
  expect(await run(["export", "--org", older.id, "--org", acme.id, "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  const hand = fs.readFileSync(file, "utf8").replace(/^ {2}acme:$/m, "  support:"); // renamed by hand, before any up
  fs.writeFileSync(file, hand);

  older.name = "Acme"; // now the older of two organizations named Acme
  other.name = "Support";
  expect(await run(["export", "--all", "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  const text = fs.readFileSync(file, "utf8");
  expect(keysOf(text)).toEqual({ initech: older.id, support: acme.id, "support-00000000": other.id });
  expect(roster.parseRoster(text).organizations.initech.name).toBe("Acme");
});

test("an --out file that is not YAML is left alone and the export fails saying why", async () => {
  organization("Acme", []);
  fs.writeFileSync(file, "organizations:\n  acme: [unclosed\n");
  const result = await run(["export", "--all", "--out", file, "--quiet"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`error: ${file}:`);
  expect(result.stderr).toContain("it was not changed");
  expect(fs.readFileSync(file, "utf8")).toBe("organizations:\n  acme: [unclosed\n");
});

test("--out is written atomically: a write that fails part-way leaves the old file byte-identical and no temporary file", async () => {
  const acme = organization("Acme", emailsFor(5));
  expect(await run(["export", "--all", "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  fs.chmodSync(file, 0o640);
  const before = fs.readFileSync(file);
  for (const email of emailsFor(400, "more.example")) emulator.state.addMember(acme, { email });

  const failed = await run(["export", "--all", "--out", file, "--quiet"], 4); // 2–4 KiB; the new file needs ~10 KiB
  expect(failed.code).toBe(1);
  expect(failed.stderr).toMatch(/^error: .*maiagent\.yaml.*EFBIG/m);
  expect(failed.stderr).toContain(`${file} was not changed`);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.readdirSync(dir)).toEqual(["maiagent.yaml"]);

  expect(await run(["export", "--all", "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  expect(roster.loadRosterFile(file).organizations.acme.members).toHaveLength(405);
  expect(fs.statSync(file).mode & 0o777).toBe(0o640); // the replacement keeps the file's permissions
  expect(fs.readdirSync(dir)).toEqual(["maiagent.yaml"]);
});

test("an organization the roster created (listed without adoptId) keeps its key on re-export: matched by its unique name", async () => {
  const acme = organization("Acme Support", ["alice@acme.example"]);
  fs.writeFileSync(file, "organizations:\n  acme:\n    name: Acme Support\n    members: [alice@acme.example]\n    retain: false\n");
  expect(await run(["export", "--all", "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  expect(keysOf(fs.readFileSync(file, "utf8"))).toEqual({ acme: acme.id });
});

test("a key without adoptId whose name two organizations share is not guessed: the export fails naming both ids, the file unchanged", async () => {
  const one = organization("Acme Support", [], "10000000-0000-4000-8000-000000000001");
  const two = organization("Acme Support", [], "20000000-0000-4000-8000-000000000002");
  const text = "organizations:\n  acme:\n    name: Acme Support\n    members: []\n";
  fs.writeFileSync(file, text);
  const result = await run(["export", "--all", "--out", file, "--quiet"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`acme (name "Acme Support") has no adoptId, and 2 organizations have that name: ${one.id}, ${two.id}`);
  expect(result.stderr).toContain("adoptId");
  expect(fs.readFileSync(file, "utf8")).toBe(text);
});

test("a re-export that would drop keys the file has fails naming them, unless --prune; the file unchanged", async () => {
  const acme = organization("Acme", ["a@acme.example"]);
  const globex = organization("Globex", ["g@globex.example"]);
  expect(await run(["export", "--all", "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  const before = fs.readFileSync(file, "utf8");
  const result = await run(["export", "--org", acme.id, "--out", file, "--quiet"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("would drop 1 organization the file has: globex");
  expect(result.stderr).toContain("--prune");
  expect(fs.readFileSync(file, "utf8")).toBe(before);
  expect(await run(["export", "--org", acme.id, "--out", file, "--quiet", "--prune"])).toMatchObject({ code: 0 });
  expect(keysOf(fs.readFileSync(file, "utf8"))).toEqual({ acme: acme.id });
  expect(globex.id).toBeTruthy();
});

test("a list that changes between the pages of the export's scan, with the same count and no row twice, loses nobody", async () => {
  const acme = organization("Acme", emailsFor(150));
  const steady = emulator.state.membersOf(acme.id)[100]; // first row of page 2 (pages of 100)
  let swapped = false;
  emulator.setOptions({
    beforeMemberPage: (_id, page) => {
      if (page !== 2 || swapped) return;
      swapped = true; // one member of page 1 leaves, one joins at the end: every later row moves up one page slot
      emulator.state.members.delete(emulator.state.membersOf(acme.id)[0].id);
      emulator.state.addMember(acme, { email: "joined@acme.example" });
    },
  });
  expect(await run(["export", "--all", "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  const members = roster.parseRoster(fs.readFileSync(file, "utf8")).organizations.acme.members;
  expect(members).toContain(steady.email);
  expect(members).toContain("joined@acme.example");
  expect(members).toHaveLength(150);
});
