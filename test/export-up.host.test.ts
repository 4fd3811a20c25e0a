/** Export, then the first `up` of the exported maiagent.yaml through the real provider host: no write at all. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "./emulator/server";
import { runExport } from "./helpers/export-cli";
import { useFixture } from "./helpers/shared-fixture";
import { ORG_TYPE, ROSTER_TYPE } from "./helpers/host";
import { loadDist } from "./helpers/native";
import { memberByHand, orgByHand } from "./helpers/roster";
import type { Engine, ResourceState } from "./helpers/engine";

const roster = loadDist<typeof import("../provider/roster/index")>("provider/roster/index.js");
let emulator: Emulator;
let engine: Engine;

useFixture((f) => ({ emulator, engine } = f));

const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

/** Folders to remove even when an assertion fails: test runs leave nothing behind. */
const cleanUp: string[] = [];
afterAll(() => cleanUp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

test("the first up of an exported file adopts every organization and member with zero writes, and then shows no drift", async () => {
  const acme = orgByHand(emulator, "Acme Support");
  emulator.state.orgs.get(acme)!.compactLogo = "https://acme.example/logo.png";
  for (const email of ["carol@acme.example", "Alice@acme.example", "bob@acme.example"]) memberByHand(emulator, acme, email);
  memberByHand(emulator, acme, "boss@acme.example", true); // an owner: protected, listed with a comment
  memberByHand(emulator, acme, emulator.owner.email); // the API key's own user: protected too, and listed
  const globex = orgByHand(emulator, "Globex");
  memberByHand(emulator, globex, "dan@globex.example");

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maiagent-export-"));
  cleanUp.push(dir);
  const file = path.join(dir, "maiagent.yaml");
  const exported = await runExport(emulator, ["export", "--all", "--out", file, "--quiet"]);
  expect(exported).toMatchObject({ code: 0 });
  emulator.requests.splice(0);

  const states: ResourceState[] = [];
  for (const declared of roster.loadDeclarations({ file })) {
    const org = (await engine.up(ORG_TYPE, declared.key, declared.organization)).state;
    const members = (await engine.up(ROSTER_TYPE, declared.key, { organizationId: org.id, ...declared.members })).state;
    states.push(org, members);
  }
  expect(writes()).toEqual([]);
  expect(states.filter((s) => s.type === ORG_TYPE).map((s) => s.id).sort()).toEqual([acme, globex].sort());
  const acmeMembers = states.find((s) => s.type === ROSTER_TYPE && s.id === acme)!;
  expect(acmeMembers.outputs.emails).toEqual(["Alice@acme.example", "bob@acme.example", "boss@acme.example", "carol@acme.example", emulator.owner.email]);
  expect(acmeMembers.outputs.protectedEmails).toEqual(["boss@acme.example", emulator.owner.email]);

  for (const [i, declared] of roster.loadDeclarations({ file }).entries()) {
    const [org, members] = [states[2 * i], states[2 * i + 1]];
    const refreshedOrg = (await engine.refresh(org))!;
    const refreshedMembers = (await engine.refresh(members))!;
    expect((await engine.plan(ORG_TYPE, declared.key, declared.organization, refreshedOrg)).diff!.changes).toBe("DIFF_NONE");
    const plan = await engine.plan(ROSTER_TYPE, declared.key, { organizationId: org.id, ...declared.members }, refreshedMembers);
    expect(plan.diff!.changes).toBe("DIFF_NONE");
  }
  expect(writes()).toEqual([]);
});

/** `pulumi up` of every organization in `file`, against the states of an earlier up (refreshed first, as
 * `pulumi up --refresh` does); returns the new states by key. */
async function upFile(file: string, prior: Map<string, ResourceState[]> = new Map()): Promise<Map<string, ResourceState[]>> {
  const states = new Map<string, ResourceState[]>();
  for (const declared of roster.loadDeclarations({ file })) {
    const [oldOrg, oldMembers] = prior.get(declared.key) ?? [];
    const org = (await engine.up(ORG_TYPE, declared.key, declared.organization, oldOrg && (await engine.refresh(oldOrg)))).state;
    const inputs = { organizationId: org.id, ...declared.members };
    const members = (await engine.up(ROSTER_TYPE, declared.key, inputs, oldMembers && (await engine.refresh(oldMembers)))).state;
    states.set(declared.key, [org, members]);
  }
  return states;
}

/** Gives an organization (without members yet) another id: one that sorts before every other. */
function lowerId(id: string, lower: string): string {
  const org = emulator.state.orgs.get(id)!;
  emulator.state.orgs.delete(id);
  emulator.state.orgs.set((org.id = lower), org);
  return lower;
}

function exportFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maiagent-export-"));
  cleanUp.push(dir); // tests leave nothing behind
  return path.join(dir, "maiagent.yaml");
}

test("an ownership transfer after the export removes no one: the former owner is listed, and `up --refresh` writes nothing", async () => {
  const acme = orgByHand(emulator, "Transfer Co");
  const alice = memberByHand(emulator, acme, "alice@transfer.example");
  const boss = memberByHand(emulator, acme, "boss@transfer.example", true);
  const file = exportFile();
  expect(await runExport(emulator, ["export", "--org", acme, "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  expect(fs.readFileSync(file, "utf8")).toContain("- boss@transfer.example # owner");
  const first = await upFile(file);
  [alice.isOwner, boss.isOwner] = [true, false]; // ownership moves from boss to alice in the MaiAgent UI
  emulator.requests.splice(0);

  await upFile(file, first);
  expect(writes()).toEqual([]);
  expect(emulator.state.membersOf(acme).map((m) => m.email).sort()).toEqual(["alice@transfer.example", "boss@transfer.example"]);
});

test("a file exported with another person's key lists that person, so the stack's `up` keeps them", async () => {
  const acme = orgByHand(emulator, "Keys Co");
  memberByHand(emulator, acme, "alice@keys.example");
  memberByHand(emulator, acme, "exporter@keys.example");
  const file = exportFile();
  expect(await runExport(emulator, ["export", "--org", acme, "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  const first = await upFile(file);
  memberByHand(emulator, acme, "new@keys.example"); // joined since; the re-export picks them up

  emulator.setOptions({ otherKeys: { "exporter-key-1c9e": "exporter@keys.example" } });
  const reexport = await runExport(emulator, ["export", "--org", acme, "--out", file, "--quiet"], { MAIAGENT_API_KEY: "exporter-key-1c9e" });
  expect(reexport).toMatchObject({ code: 0 });
  expect(fs.readFileSync(file, "utf8")).toContain("- exporter@keys.example # the API key's own user");
  emulator.requests.splice(0);

  await upFile(file, first); // the stack's own key (owner@emulator.test), not the exporter's
  expect(writes()).toEqual([]);
  expect(emulator.state.membersOf(acme).map((m) => m.email).sort()).toEqual(["alice@keys.example", "exporter@keys.example", "new@keys.example"]);
});

test("a same-named organization appearing between two exports moves no key: the next up writes nothing", async () => {
  const zeta = orgByHand(emulator, "Zeta");
  memberByHand(emulator, zeta, "z@zeta.example");
  const file = exportFile();
  expect(await runExport(emulator, ["export", "--all", "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  const first = await upFile(file);
  expect(first.get("zeta")![0].id).toBe(zeta);

  const twin = lowerId(orgByHand(emulator, "Zeta"), "00000000-0000-4000-8000-00000000002e"); // another team's, visible to this key
  memberByHand(emulator, twin, "other@elsewhere.example");
  expect(await runExport(emulator, ["export", "--all", "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  emulator.requests.splice(0);

  const second = await upFile(file, first);
  expect(writes()).toEqual([]);
  expect(second.get("zeta")![0].id).toBe(zeta);
  expect(second.get(`zeta-${twin.slice(0, 8)}`)![0].id).toBe(twin);
  expect(emulator.state.membersOf(zeta).map((m) => m.email)).toEqual(["z@zeta.example"]);
});
