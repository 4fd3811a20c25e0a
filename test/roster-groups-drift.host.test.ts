/** Roles from maiagent.yaml through the real provider host: up, then by hand a group renamed, a permission granted
 * and a person added to the group; refresh + preview shows each as a change (what makes
 * `preview --refresh --expect-no-changes` fail); up repairs all three; the next preview is clean. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "./emulator/server";
import type { Engine, ResourceState } from "./helpers/engine";
import { addToGroupByHand, groupEmails, permissionId } from "./helpers/groups";
import { GROUP_MEMBERS_TYPE, GROUP_TYPE, ORG_TYPE, ROSTER_TYPE } from "./helpers/host";
import { loadDist } from "./helpers/native";
import { useFixture } from "./helpers/shared-fixture";

const roster = loadDist<typeof import("../provider/roster/index")>("provider/roster/index.js");
let emulator: Emulator;
let engine: Engine;
useFixture((f) => ({ emulator, engine } = f));

const FILE = [
  "organizations:",
  "  drift:",
  "    name: Drift Inc",
  "    members: [ann@drift.example, ben@drift.example, eve@drift.example]",
  "    groups:",
  "      support:",
  "        name: Support",
  "        permissions: [chatbot.view]",
  "        members: [ann@drift.example]",
].join("\n");

test("a role renamed, a permission granted and a person added by hand are drift, and one up repairs them", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maiagent-roles-"));
  fs.writeFileSync(path.join(dir, "maiagent.yaml"), FILE);
  const [declared] = roster.loadDeclarations({ cwd: dir });
  fs.rmSync(dir, { recursive: true, force: true });
  const [g] = declared.groups!;

  const org = (await engine.up(ORG_TYPE, declared.key, declared.organization)).state;
  await engine.up(ROSTER_TYPE, declared.key, { organizationId: org.id, ...declared.members });
  const groupInputs = { organizationId: org.id, ...g.group };
  let group = (await engine.up(GROUP_TYPE, g.key, groupInputs)).state;
  const membersInputs = { organizationId: org.id, groupId: group.outputs.groupId, ...g.members };
  let members = (await engine.up(GROUP_MEMBERS_TYPE, g.key, membersInputs)).state;

  const live = emulator.state.groups.groups.get(group.outputs.groupId as string)!;
  live.name = "Support (renamed by hand)";
  live.permissionIds.push(permissionId(emulator, "billing.manage"));
  addToGroupByHand(emulator, live, emulator.state.membersOf(org.id).find((m) => m.email === "eve@drift.example")!);

  const changes = async (state: ResourceState, inputs: Record<string, unknown>) => {
    const refreshed = (await engine.refresh(state))!;
    return { refreshed, diff: (await engine.plan(state.type, state.urn.split("::").pop()!, inputs, refreshed)).diff! };
  };
  const groupDrift = await changes(group, groupInputs);
  expect(groupDrift.diff.changes).toBe("DIFF_SOME");
  expect(groupDrift.refreshed.inputs).toMatchObject({ name: "Support (renamed by hand)", permissions: ["billing.manage", "chatbot.view"] });
  const membersDrift = await changes(members, membersInputs);
  expect(membersDrift.diff.changes).toBe("DIFF_SOME");
  expect(membersDrift.refreshed.inputs).toMatchObject({ emails: ["ann@drift.example", "eve@drift.example"] });

  group = (await engine.up(GROUP_TYPE, g.key, groupInputs, groupDrift.refreshed)).state;
  members = (await engine.up(GROUP_MEMBERS_TYPE, g.key, membersInputs, membersDrift.refreshed)).state;
  expect(live).toMatchObject({ name: "Support", permissionIds: [permissionId(emulator, "chatbot.view")] });
  expect(groupEmails(emulator, live)).toEqual(["ann@drift.example"]);
  expect(emulator.state.membersOf(org.id)).toHaveLength(3); // eve left the role, not the organization

  const before = emulator.requests.length;
  expect((await changes(group, groupInputs)).diff.changes).toBe("DIFF_NONE");
  expect((await changes(members, membersInputs)).diff.changes).toBe("DIFF_NONE");
  expect(emulator.requests.slice(before).filter((r) => r.method !== "GET")).toEqual([]);
});
