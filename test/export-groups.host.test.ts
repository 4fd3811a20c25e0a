/** Export writes each organization's groups (not the built-in owner group) with permission names, members and
 * adoptId; the first `up` of that file through the real provider host makes zero writes, groups included. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "./emulator/server";
import type { Engine, ResourceState } from "./helpers/engine";
import { runExport } from "./helpers/export-cli";
import { addToGroupByHand, groupByHand } from "./helpers/groups";
import { GROUP_MEMBERS_TYPE, GROUP_TYPE, ORG_TYPE, ROSTER_TYPE } from "./helpers/host";
import { loadDist } from "./helpers/native";
import { memberByHand, orgByHand } from "./helpers/roster";
import { useFixture } from "./helpers/shared-fixture";

const roster = loadDist<typeof import("../provider/roster/index")>("provider/roster/index.js");
let emulator: Emulator;
let engine: Engine;
useFixture((f) => ({ emulator, engine } = f));
const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

/** Folders to remove even when a test fails: tests leave nothing behind. */
const afterDone: string[] = [];
afterAll(() => afterDone.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

test("export → up: groups with their permissions and members are adopted with zero writes, and show no drift after", async () => {
  const org = orgByHand(emulator, "Roles Inc");
  const [ann, ben, cat] = ["ann@roles.example", "Ben@roles.example", "cat@roles.example"].map((e) => memberByHand(emulator, org, e));
  const support = groupByHand(emulator, org, "Support", ["member.view", "chatbot.view"]);
  [ann, ben].forEach((m) => addToGroupByHand(emulator, support, m));
  const ops = groupByHand(emulator, org, "Ops", []);
  addToGroupByHand(emulator, ops, cat);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maiagent-export-groups-"));
  afterDone.push(dir);
  const file = path.join(dir, "maiagent.yaml");
  expect(await runExport(emulator, ["export", "--org", org, "--out", file, "--quiet"])).toMatchObject({ code: 0 });
  const text = fs.readFileSync(file, "utf8");
  expect(text).not.toContain("OWNER");
  expect(text).toContain("Roles: a group removed from here is deleted");
  const [declared] = roster.loadDeclarations({ file });
  expect(declared.groups).toEqual([
    { key: "roles-inc.ops", group: { name: "Ops", permissions: [], adoptId: ops.id }, members: { emails: ["cat@roles.example"], removeUnlisted: false } },
    { key: "roles-inc.support", group: { name: "Support", permissions: ["chatbot.view", "member.view"], adoptId: support.id }, members: { emails: ["ann@roles.example", "Ben@roles.example"], removeUnlisted: false } },
  ]);

  emulator.requests.splice(0);
  const states: Array<[ResourceState, Record<string, unknown>]> = [];
  const orgState = (await engine.up(ORG_TYPE, declared.key, declared.organization)).state;
  await engine.up(ROSTER_TYPE, declared.key, { organizationId: orgState.id, ...declared.members });
  for (const g of declared.groups!) {
    const groupInputs = { organizationId: orgState.id, ...g.group };
    const group = (await engine.up(GROUP_TYPE, g.key, groupInputs)).state;
    const membersInputs = { organizationId: orgState.id, groupId: group.outputs.groupId, ...g.members };
    const members = (await engine.up(GROUP_MEMBERS_TYPE, g.key, membersInputs)).state;
    states.push([group, groupInputs], [members, membersInputs]);
  }
  expect(writes()).toEqual([]);
  for (const [state, inputs] of states) {
    const refreshed = (await engine.refresh(state))!;
    expect((await engine.plan(state.type, state.urn.split("::").pop()!, inputs, refreshed)).diff!.changes).toBe("DIFF_NONE");
  }
  expect(writes()).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a re-export onto the file keeps each group's key (found by its adoptId), even one renamed by hand", async () => {
  const org = orgByHand(emulator, "Keys Inc");
  const group = groupByHand(emulator, org, "Support", ["chatbot.view"]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maiagent-export-groups-"));
  const file = path.join(dir, "maiagent.yaml");
  try {
    expect(await runExport(emulator, ["export", "--org", org, "--out", file, "--quiet"])).toMatchObject({ code: 0 });
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^(\s+)support:$/m, "$1helpdesk:"));
    group.name = "Support (renamed)";
    groupByHand(emulator, org, "Helpdesk");
    expect(await runExport(emulator, ["export", "--org", org, "--out", file, "--quiet"])).toMatchObject({ code: 0 });
    const [declared] = roster.loadDeclarations({ file });
    const byKey = Object.fromEntries(declared.groups!.map((g) => [g.key, g.group.adoptId]));
    expect(byKey["keys-inc.helpdesk"]).toBe(group.id);
    expect(Object.keys(byKey)).toHaveLength(2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
