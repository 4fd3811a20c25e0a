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
  memberByHand(emulator, acme, "boss@acme.example", true); // an owner: protected, only in a comment
  memberByHand(emulator, acme, emulator.owner.email); // the API key's own user: protected too
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
  expect(acmeMembers.outputs.emails).toEqual(["Alice@acme.example", "bob@acme.example", "carol@acme.example"]);
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
