/** GroupMember (one person in one group, additive) through the real provider host. */
import type { Emulator } from "./emulator/server";
import type { Engine } from "./helpers/engine";
import { addToGroupByHand, groupByHand, groupEmails } from "./helpers/groups";
import { GROUP_MEMBER_TYPE } from "./helpers/host";
import { rejection } from "./helpers/native";
import { memberByHand, orgByHand } from "./helpers/roster";
import { useFixture } from "./helpers/shared-fixture";

let emulator: Emulator;
let engine: Engine;
const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path.replace(/^\/api\/v1\/organizations\/[^/]+\/groups\/[^/]+\//, "")}`);

useFixture((f) => ({ emulator, engine } = f));
beforeEach(() => {
  emulator.requests.splice(0);
  emulator.faults.clear();
});

function setUp(domain: string) {
  const org = orgByHand(emulator);
  const people = ["ann", "ben", "cat"].map((name) => memberByHand(emulator, org, `${name}@${domain}`));
  const group = groupByHand(emulator, org, "Support");
  emulator.requests.splice(0);
  return { org, group, people };
}

test("create adds one person by their member id, leaves others alone; refresh and delete", async () => {
  const { org, group, people } = setUp("one.example");
  addToGroupByHand(emulator, group, people[2]);
  const { state } = await engine.up(GROUP_MEMBER_TYPE, "ann", { organizationId: org, groupId: group.id, email: "ANN@one.example" });
  expect(writes()).toEqual(["POST group-members/"]);
  expect(groupEmails(emulator, group)).toEqual(["ann@one.example", "cat@one.example"]);
  expect(state.outputs).toMatchObject({ organizationId: org, groupId: group.id, email: "ann@one.example", memberId: people[0].id });
  expect(state.id).toBe(`${org}/${group.id}/${state.outputs.groupMemberId}`);
  expect((await engine.refresh(state))!.outputs).toMatchObject({ email: "ann@one.example", groupMemberId: state.outputs.groupMemberId });
  await engine.destroy(state);
  expect(groupEmails(emulator, group)).toEqual(["cat@one.example"]);
  await engine.destroy(state); // 404: already gone
  expect(await engine.refresh(state)).toBeUndefined();
});

test("someone not in the organization fails before any write; someone already in the group needs adoptExisting (then zero writes)", async () => {
  const { org, group, people } = setUp("two.example");
  const outsider = await rejection(engine.up(GROUP_MEMBER_TYPE, "x", { organizationId: org, groupId: group.id, email: "zed@outside.example" }));
  expect(outsider.message).toContain("zed@outside.example is not a member of organization");
  addToGroupByHand(emulator, group, people[1]);
  const held = await rejection(engine.up(GROUP_MEMBER_TYPE, "ben", { organizationId: org, groupId: group.id, email: "ben@two.example" }));
  expect(held.message).toContain("ben@two.example is already in group");
  expect(held.message).toContain("set `adoptExisting: true`");
  const { state } = await engine.up(GROUP_MEMBER_TYPE, "ben", { organizationId: org, groupId: group.id, email: "ben@two.example", adoptExisting: true });
  expect(writes()).toEqual([]);
  expect(state.outputs.memberId).toBe(people[1].id);
});

test("a change of email replaces the membership, old one first", async () => {
  const { org, group } = setUp("three.example");
  const { state } = await engine.up(GROUP_MEMBER_TYPE, "who", { organizationId: org, groupId: group.id, email: "ann@three.example" });
  const { op } = await engine.up(GROUP_MEMBER_TYPE, "who", { organizationId: org, groupId: group.id, email: "ben@three.example" }, state);
  expect(op).toBe("replace");
  expect(writes()).toEqual(["POST group-members/", expect.stringMatching(/^DELETE group-members\//), "POST group-members/"]);
  expect(groupEmails(emulator, group)).toEqual(["ben@three.example"]);
  const same = await engine.plan(GROUP_MEMBER_TYPE, "who", { organizationId: org, groupId: group.id, email: "BEN@three.example" }, (await engine.refresh({ ...state, id: `${org}/${group.id}/${emulator.state.groups.membersOf(group, true)[0].id}` }))!);
  expect(same.diff!.changes).toBe("DIFF_NONE");
});

test("an add that failed after it was applied is not repeated; the OWNER group is refused", async () => {
  const { org, group } = setUp("four.example");
  emulator.faults.add({ kind: "status", status: 502, when: "after", method: "POST", path: /group-members\/$/ });
  await engine.up(GROUP_MEMBER_TYPE, "ann", { organizationId: org, groupId: group.id, email: "ann@four.example" });
  expect(writes()).toEqual(["POST group-members/"]);
  expect(groupEmails(emulator, group)).toEqual(["ann@four.example"]);
  const owner = emulator.state.groups.groupsOf(org).find((g) => g.builtIn)!;
  const error = await rejection(engine.up(GROUP_MEMBER_TYPE, "o", { organizationId: org, groupId: owner.id, email: "ben@four.example" }));
  expect(error.message).toContain("built-in OWNER group");
  expect(writes()).toEqual(["POST group-members/"]);
});
