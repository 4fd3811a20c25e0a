/** GroupMembers (authoritative) through the real provider host: emails resolved to organization members by one
 * scan, hand-added people seen and removed, bulk-create and its fallbacks, idempotent adds and removes. */
import type { Emulator, EmulatorOptions } from "./emulator/server";
import type { Engine } from "./helpers/engine";
import { startFixture, type Fixture } from "./helpers/fixture";
import { addToGroupByHand, groupByHand, groupEmails } from "./helpers/groups";
import { GROUP_MEMBERS_TYPE, GROUP_TYPE, UNKNOWN, type HostError } from "./helpers/host";
import { rejection } from "./helpers/native";
import { memberByHand, orgByHand } from "./helpers/roster";
import { useFixture } from "./helpers/shared-fixture";

let emulator: Emulator;
let engine: Engine;
const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path.replace(/^\/api\/v1\/organizations\/[^/]+\/groups\/[^/]+\//, "")}`);

/** An organization with these members and one empty group. */
function setUp(emails: string[], options: { emulator?: Emulator } = {}) {
  const e = options.emulator ?? emulator;
  const org = orgByHand(e);
  const members = emails.map((email) => memberByHand(e, org, email));
  const group = groupByHand(e, org, "Support", ["chatbot.view"]);
  return { org, group, members, inputs: (list: string[]) => ({ organizationId: org, groupId: group.id, emails: list }) };
}

describe("with the default API (bulk-create 201, duplicate add 400, cascade)", () => {
  useFixture((f) => ({ emulator, engine } = f));
  beforeEach(() => {
    emulator.requests.splice(0);
    emulator.faults.clear();
  });

  test("create adds every listed organization member with bulk-create; outputs are sorted case-insensitively", async () => {
    const { org, group, inputs } = setUp(["carol@acme.example", "Alice@acme.example", "bob@acme.example"]);
    emulator.requests.splice(0);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "support", inputs(["bob@acme.example", "carol@acme.example", "alice@ACME.example"]));
    expect(writes()).toEqual(["POST group-members/bulk-create/"]);
    expect(groupEmails(emulator, group)).toEqual(["alice@acme.example", "bob@acme.example", "carol@acme.example"]);
    expect(state.id).toBe(`${org}/${group.id}`);
    expect(state.outputs.emails).toEqual(["Alice@acme.example", "bob@acme.example", "carol@acme.example"]);
    expect((state.outputs.members as Array<{ groupMemberId: string }>).every((m) => typeof m.groupMemberId === "string")).toBe(true);
    const again = await engine.plan(GROUP_MEMBERS_TYPE, "support", inputs(["ALICE@acme.example", "bob@acme.example", "carol@acme.example"]), state);
    expect(again.diff!.changes).toBe("DIFF_NONE");
  });

  test("a group id not known yet (preview while its Group updates) is a change, not a replacement; another id replaces", async () => {
    const { inputs } = setUp(["unk@acme.example"]);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "unknown-id", inputs(["unk@acme.example"]));
    const unknown = await engine.plan(GROUP_MEMBERS_TYPE, "unknown-id", { ...inputs(["unk@acme.example"]), groupId: UNKNOWN }, state);
    expect(unknown.diff).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
    const other = await engine.plan(GROUP_MEMBERS_TYPE, "unknown-id", { ...inputs(["unk@acme.example"]), groupId: "00000000-0000-4000-8000-000000000001" }, state);
    expect(other.diff).toMatchObject({ changes: "DIFF_SOME", replaces: ["groupId"] });
  });

  test("an email that is not a member of the organization fails before any write, naming it", async () => {
    const { inputs } = setUp(["alice@acme.example"]);
    emulator.requests.splice(0);
    const error = await rejection(engine.up(GROUP_MEMBERS_TYPE, "g", inputs(["alice@acme.example", "zed@outside.example"])));
    expect(error.message).toContain("zed@outside.example is not a member of organization");
    expect(error.message).toContain("Add them to the organization first");
    expect(writes()).toEqual([]);
  });

  test("a person added to the group by hand shows on refresh and is removed by the next up, never from the organization", async () => {
    const { org, group, members, inputs } = setUp(["alice@byhand.example", "mallory@byhand.example"]);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "g", inputs(["alice@byhand.example"]));
    addToGroupByHand(emulator, group, members[1]);
    const refreshed = (await engine.refresh(state))!;
    expect(refreshed.outputs.emails).toEqual(["alice@byhand.example", "mallory@byhand.example"]);
    expect(refreshed.inputs).toMatchObject({ emails: ["alice@byhand.example", "mallory@byhand.example"] });
    // what a preview displays as one added line (the by-index lists are hidden)
    expect([state.inputs.emailLines, refreshed.inputs.emailLines]).toEqual(["alice@byhand.example\n", "alice@byhand.example\nmallory@byhand.example\n"]);
    expect(refreshed.outputs.emailLines).toBe("alice@byhand.example\nmallory@byhand.example\n");
    const { diff } = await engine.plan(GROUP_MEMBERS_TYPE, "g", inputs(["alice@byhand.example"]), refreshed);
    expect(diff!.changes).toBe("DIFF_SOME");
    emulator.requests.splice(0);
    const { state: repaired } = await engine.up(GROUP_MEMBERS_TYPE, "g", inputs(["alice@byhand.example"]), refreshed);
    expect(writes()).toEqual([expect.stringMatching(/^DELETE group-members\/[^/]+\/$/)]);
    expect(groupEmails(emulator, group)).toEqual(["alice@byhand.example"]);
    expect(emulator.state.membersOf(org)).toHaveLength(2);
    expect((await engine.refresh(repaired))!.outputs.emails).toEqual(["alice@byhand.example"]);
  });

  test("the built-in OWNER group is refused before any write", async () => {
    const org = orgByHand(emulator);
    memberByHand(emulator, org, "alice@acme.example");
    const owner = emulator.state.groups.groupsOf(org).find((g) => g.builtIn)!;
    emulator.requests.splice(0);
    const error = await rejection(engine.up(GROUP_MEMBERS_TYPE, "o", { organizationId: org, groupId: owner.id, emails: ["alice@acme.example"] }));
    expect(error.message).toContain("is the built-in OWNER group; it is never managed");
    expect(writes()).toEqual([]);
  });

  test("delete removes the people in state from the group, not someone added by hand since, and nobody from the organization", async () => {
    const { org, group, members, inputs } = setUp(["a@acme.example", "b@acme.example", "late@acme.example"]);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "g", inputs(["a@acme.example", "b@acme.example"]));
    addToGroupByHand(emulator, group, members[2]);
    await engine.destroy(state);
    expect(groupEmails(emulator, group)).toEqual(["late@acme.example"]);
    expect(emulator.state.membersOf(org)).toHaveLength(3);
  });

  test("someone already removed from the organization (and so from the group) does not fail the up; the next refresh is clean", async () => {
    const { org, group, members, inputs } = setUp(["a@acme.example", "b@acme.example"]);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "g", inputs(["a@acme.example", "b@acme.example"]));
    emulator.state.members.delete(members[1].id); // OrganizationMembers dropped b earlier in the same up
    const { state: after } = await engine.up(GROUP_MEMBERS_TYPE, "g", inputs(["a@acme.example"]), state);
    expect(after.outputs.emails).toEqual(["a@acme.example"]);
    expect(groupEmails(emulator, group)).toEqual(["a@acme.example"]);
    const refreshed = (await engine.refresh(after))!;
    expect((await engine.plan(GROUP_MEMBERS_TYPE, "g", inputs(["a@acme.example"]), refreshed)).diff!.changes).toBe("DIFF_NONE");
    expect(emulator.state.membersOf(org)).toHaveLength(1);
  });

  test("a remove answered 404 is gone, not a failure", async () => {
    const { group, inputs } = setUp(["a@acme.example", "b@acme.example"]);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "g", inputs(["a@acme.example", "b@acme.example"]));
    emulator.faults.add({ kind: "status", status: 404, when: "after", method: "DELETE", path: /group-members\/[^/]+\/$/ });
    const { state: after } = await engine.up(GROUP_MEMBERS_TYPE, "g", inputs(["a@acme.example"]), state);
    expect(after.outputs.emails).toEqual(["a@acme.example"]);
    expect(groupEmails(emulator, group)).toEqual(["a@acme.example"]);
  });

  test("a bulk-create that failed after it was applied is not repeated; one that failed before is", async () => {
    const first = setUp(["a@acme.example", "b@acme.example"]);
    emulator.faults.add({ kind: "status", status: 503, when: "after", method: "POST", path: /bulk-create\/$/ });
    await engine.up(GROUP_MEMBERS_TYPE, "g1", first.inputs(["a@acme.example", "b@acme.example"]));
    expect(writes()).toEqual(["POST group-members/bulk-create/"]);
    expect(groupEmails(emulator, first.group)).toEqual(["a@acme.example", "b@acme.example"]);

    const second = setUp(["c@acme.example", "d@acme.example"]);
    emulator.requests.splice(0);
    emulator.faults.add({ kind: "reset", when: "before", method: "POST", path: /bulk-create\/$/ });
    await engine.up(GROUP_MEMBERS_TYPE, "g2", second.inputs(["c@acme.example", "d@acme.example"]));
    expect(writes()).toEqual(["POST group-members/bulk-create/", "POST group-members/bulk-create/"]);
    expect(groupEmails(emulator, second.group)).toEqual(["c@acme.example", "d@acme.example"]);
  });

  test("a bulk-create refused with 400 is retried one by one, and the error names whom the API refused", async () => {
    const { group, inputs } = setUp(["a@acme.example", "b@acme.example"]);
    emulator.requests.splice(0);
    emulator.faults.add({ kind: "status", status: 400, when: "before", method: "POST", path: /bulk-create\/$/ });
    emulator.faults.add({ kind: "status", status: 400, when: "before", method: "POST", path: /group-members\/$/ });
    const error = (await rejection(engine.up(GROUP_MEMBERS_TYPE, "g", inputs(["a@acme.example", "b@acme.example"])))) as HostError;
    const [held] = groupEmails(emulator, group);
    const refused = held === "a@acme.example" ? "b@acme.example" : "a@acme.example";
    expect(groupEmails(emulator, group)).toHaveLength(1);
    expect(error.message).toContain(`1 of 2 changes failed: add ${refused}: POST`);
    expect(error.initFailedProperties).toMatchObject({ emails: [held] });
    expect(writes().filter((w) => w === "POST group-members/")).toHaveLength(2);
  });

  test("someone already in the group whom a stale scan missed is present, not an error (duplicate add 400)", async () => {
    const { group, members, inputs } = setUp(["a@acme.example", "b@acme.example"]);
    addToGroupByHand(emulator, group, members[0]);
    emulator.faults.add({ kind: "empty-page", when: "before", method: "GET", path: /group-members\/$/ });
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "g", inputs(["a@acme.example", "b@acme.example"]));
    expect(state.outputs.emails).toEqual(["a@acme.example", "b@acme.example"]);
  });
});

describe.each<[string, Partial<EmulatorOptions>, string[]]>([
  ["bulk-create answering 200 without a body", { groupBulkCreate: "200-empty" }, ["POST group-members/bulk-create/"]],
  ["bulk-create absent (404)", { groupBulkCreate: "absent-404" }, ["POST group-members/bulk-create/", "POST group-members/", "POST group-members/", "POST group-members/"]],
  ["bulk-create absent (405), duplicate adds idempotent, no cascade", { groupBulkCreate: "absent-405", duplicateGroupMember: "idempotent", groupMembershipCascade: false }, ["POST group-members/bulk-create/", "POST group-members/", "POST group-members/", "POST group-members/"]],
])("with %s", (_label, options, firstWrites) => {
  let fixture: Fixture;
  beforeAll(async () => ({ emulator, engine } = fixture = await startFixture(options)));
  afterAll(() => fixture.stop());

  test("the group ends up holding exactly the listed people, and a second group needs no more bulk attempts", async () => {
    const one = setUp(["a@acme.example", "b@acme.example", "c@acme.example"]);
    emulator.requests.splice(0);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "one", one.inputs(["a@acme.example", "b@acme.example", "c@acme.example"]));
    expect(writes()).toEqual(firstWrites);
    expect(state.outputs.emails).toEqual(["a@acme.example", "b@acme.example", "c@acme.example"]);
    const two = setUp(["d@acme.example", "e@acme.example"]);
    emulator.requests.splice(0);
    await engine.up(GROUP_MEMBERS_TYPE, "two", two.inputs(["d@acme.example", "e@acme.example"]));
    const bulkAgain = writes().filter((w) => w.endsWith("bulk-create/")).length;
    expect(bulkAgain).toBe(firstWrites.length === 1 ? 1 : 0);
    expect(groupEmails(emulator, two.group)).toEqual(["d@acme.example", "e@acme.example"]);
  });

  test("removing someone who left the organization works, and a re-run of the same up makes no write", async () => {
    const { group, members, inputs } = setUp(["a@acme.example", "b@acme.example"]);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "leaver", inputs(["a@acme.example", "b@acme.example"]));
    emulator.state.members.delete(members[1].id);
    const { state: after } = await engine.up(GROUP_MEMBERS_TYPE, "leaver", inputs(["a@acme.example"]), state);
    expect(groupEmails(emulator, group)).toEqual(["a@acme.example"]);
    emulator.requests.splice(0);
    const refreshed = (await engine.refresh(after))!;
    await engine.up(GROUP_MEMBERS_TYPE, "leaver", inputs(["a@acme.example"]), refreshed);
    expect(writes()).toEqual([]);
  });
});

describe("with snake_case answers and epoch timestamps", () => {
  let fixture: Fixture;
  beforeAll(async () => ({ emulator, engine } = fixture = await startFixture({ keyCase: "snake", timestamps: "epoch" })));
  afterAll(() => fixture.stop());

  test("a Group and its GroupMembers round-trip, and read back without drift", async () => {
    const { org, inputs } = setUp(["a@snake.example", "b@snake.example"]);
    const { state: group } = await engine.up(GROUP_TYPE, "snake", { organizationId: org, name: "Snake", permissions: ["chatbot.view"] });
    expect(group.outputs.createdAt).toMatch(/^\d{13}$/);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "snake", { ...inputs(["b@snake.example", "a@snake.example"]), groupId: group.outputs.groupId });
    expect(state.outputs.emails).toEqual(["a@snake.example", "b@snake.example"]);
    const refreshedGroup = (await engine.refresh(group))!;
    expect(refreshedGroup.outputs.permissions).toEqual(["chatbot.view"]);
    const refreshed = (await engine.refresh(state))!;
    expect(refreshed.outputs.members).toEqual(state.outputs.members);
  });
});

describe("the removal guard (maxRemovals), as for OrganizationMembers", () => {
  useFixture((f) => ({ emulator, engine } = f));
  beforeEach(() => emulator.requests.splice(0));

  test("a change that drops more people than the limit fails at check, so in preview, before any request", async () => {
    const emails = Array.from({ length: 12 }, (_, i) => `p${i}@guard.example`);
    const { inputs } = setUp(emails);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "guarded", inputs(emails));
    emulator.requests.splice(0);
    const error = await rejection(engine.plan(GROUP_MEMBERS_TYPE, "guarded", inputs(emails.slice(0, 4)), state));
    expect(error.message).toContain("would remove 8 members, more than maxRemovals (5: 10 % of 12 members, at least 5)");
    expect(error.message).toContain("`maxRemovals: 8` on the GroupMembers");
    expect(emulator.requests).toEqual([]);
    const allowed = await engine.up(GROUP_MEMBERS_TYPE, "guarded", { ...inputs(emails.slice(0, 4)), maxRemovals: 8 }, state);
    expect(allowed.state.outputs.emails).toEqual(emails.slice(0, 4));
  });

  test("a declared maxRemovals survives a refresh: read returns the inputs check returned, so the next preview shows no change", async () => {
    const emails = ["r0@guard.example", "r1@guard.example"];
    const { inputs } = setUp(emails);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "kept", { ...inputs(emails), maxRemovals: 7 });
    const refreshed = (await engine.refresh(state))!;
    expect(refreshed.inputs).toEqual(state.inputs);
    const { diff } = await engine.plan(GROUP_MEMBERS_TYPE, "kept", { ...inputs(emails), maxRemovals: 7 }, refreshed);
    expect(diff!.changes).toBe("DIFF_NONE");
  });

  test("create over a group that already holds people it does not list stops naming them, unless removeUnlisted: true", async () => {
    const emails = ["a@take.example", "b@take.example", "c@take.example"];
    const { group, members, inputs } = setUp(emails);
    members.slice(1).forEach((m) => addToGroupByHand(emulator, group, m));
    emulator.requests.splice(0);
    const error = await rejection(engine.up(GROUP_MEMBERS_TYPE, "takeover", inputs(["a@take.example"])));
    expect(error.message).toContain("already holds 2 people not listed in `emails`: b@take.example, c@take.example");
    expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
    await engine.up(GROUP_MEMBERS_TYPE, "takeover", { ...inputs(["a@take.example"]), removeUnlisted: true });
    expect(groupEmails(emulator, group)).toEqual(["a@take.example"]);
  });

  test("pointing GroupMembers at another group is guarded: the replace would remove its people from the old group", async () => {
    const emails = Array.from({ length: 7 }, (_, i) => `m${i}@move.example`);
    const { org, group, inputs } = setUp(emails);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "moved", inputs(emails));
    const other = groupByHand(emulator, org, "Elsewhere", ["chatbot.view"]);
    emulator.requests.splice(0);
    const error = await rejection(engine.plan(GROUP_MEMBERS_TYPE, "moved", { ...inputs(emails.slice(0, 1)), groupId: other.id }, state));
    expect(error.message).toContain(`Changing groupId from ${group.id} to ${other.id} replaces this GroupMembers, and deleting the old one would remove 7 members`);
    expect(emulator.requests).toEqual([]);
  });

  test("a preview with the group id unknown (its Group changing) still refuses the removals it can already count", async () => {
    const emails = Array.from({ length: 8 }, (_, i) => `u${i}@unknown.example`);
    const { inputs } = setUp(emails);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "unknown-id", inputs(emails));
    const error = await rejection(engine.plan(GROUP_MEMBERS_TYPE, "unknown-id", { ...inputs(emails.slice(0, 1)), groupId: UNKNOWN }, state));
    expect(error.message).toContain("would remove 7 members, more than maxRemovals (5");
  });

  test("a drift repair that would remove more hand-added people than the limit fails before any DELETE", async () => {
    const emails = Array.from({ length: 9 }, (_, i) => `q${i}@guard.example`);
    const { group, members, inputs } = setUp(emails);
    const { state } = await engine.up(GROUP_MEMBERS_TYPE, "repair", inputs(emails.slice(0, 2)));
    members.slice(2, 8).forEach((m) => addToGroupByHand(emulator, group, m));
    emulator.requests.splice(0);
    const error = await rejection(engine.up(GROUP_MEMBERS_TYPE, "repair", inputs([...emails.slice(0, 2), emails[8]]), state));
    expect(error.message).toContain("would remove 6 members, more than maxRemovals (5: 10 % of 8 members, at least 5)");
    expect(emulator.requests.filter((r) => r.method !== "GET")).toEqual([]);
    expect(groupEmails(emulator, group)).toHaveLength(8);
  });
});
