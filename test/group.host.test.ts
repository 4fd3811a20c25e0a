/** Group (a role) through the real provider host: names resolved to ids before any write, OWNER refused,
 * permissions compared as sets of ids, drift in the declared form, adopting, ambiguous POSTs. */
import type { Emulator } from "./emulator/server";
import { CheckFailed, type Engine } from "./helpers/engine";
import { startFixture } from "./helpers/fixture";
import { groupByHand, permissionId } from "./helpers/groups";
import { GROUP_TYPE } from "./helpers/host";
import { rejection } from "./helpers/native";
import { orgByHand } from "./helpers/roster";
import { useFixture } from "./helpers/shared-fixture";

let emulator: Emulator;
let engine: Engine;
const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path.replace(/^\/api\/v1\//, "")}`);
const groupsNamed = (org: string, name: string) => emulator.state.groups.groupsOf(org).filter((g) => g.name === name);

useFixture((f) => ({ emulator, engine } = f));
beforeEach(() => {
  emulator.requests.splice(0);
  emulator.faults.clear();
  emulator.setOptions({ uniqueGroupNames: false });
});

describe("check", () => {
  test.each(["OWNER", "owner", "Owner"])("a group named %s is refused before any request", async (name) => {
    const error = await rejection(engine.plan(GROUP_TYPE, "g", { organizationId: orgByHand(emulator), name, permissions: [] }));
    expect(error).toBeInstanceOf(CheckFailed);
    expect(error.message).toContain("name: name OWNER is the organization's built-in owner group, which is never managed");
    expect(emulator.requests).toEqual([]);
  });

  test("names with surrounding whitespace, duplicate permissions and a bad organization id fail per field", async () => {
    const error = (await rejection(engine.plan(GROUP_TYPE, "g", { organizationId: "acme", name: " Ops", permissions: ["chatbot.view", "chatbot.view", ""] }))) as CheckFailed;
    expect(error.failures.map((f) => f.property).sort()).toEqual(["name", "organizationId", "permissions", "permissions"]);
    expect(error.message).toContain('permissions[1] "chatbot.view" is listed twice (also permissions[0])');
    expect(error.message).toContain("must not start or end with whitespace");
    expect(emulator.requests).toEqual([]);
  });
});

describe("lifecycle", () => {
  test("create resolves names to ids; a name and the id of one permission are no change; rename and regrant update with PUT; delete", async () => {
    const org = orgByHand(emulator);
    const view = permissionId(emulator, "chatbot.view");
    const { state } = await engine.up(GROUP_TYPE, "support", { organizationId: org, name: "Support", permissions: ["member.view", "chatbot.view"] });
    const [created] = groupsNamed(org, "Support");
    expect(created.permissionIds.sort()).toEqual([view, permissionId(emulator, "member.view")].sort());
    expect(state.id).toBe(`${org}/${created.id}`);
    expect(state.outputs).toMatchObject({ organizationId: org, groupId: created.id, name: "Support", permissions: ["chatbot.view", "member.view"], permissionIds: [...created.permissionIds].sort() });
    expect(writes()).toEqual([`POST organizations/${org}/groups/`]);

    const spelledById = await engine.plan(GROUP_TYPE, "support", { organizationId: org, name: "Support", permissions: [view, "member.view"] }, state);
    expect(spelledById.diff!.changes).toBe("DIFF_NONE");

    emulator.requests.splice(0);
    const { state: updated, op } = await engine.up(GROUP_TYPE, "support", { organizationId: org, name: "Help desk", permissions: ["chatbot.manage"] }, state);
    expect(op).toBe("update");
    expect(writes()).toEqual([`PUT organizations/${org}/groups/${created.id}/`]);
    expect(emulator.state.groups.groups.get(created.id)).toMatchObject({ name: "Help desk", permissionIds: [permissionId(emulator, "chatbot.manage")] });
    expect(updated.outputs).toMatchObject({ name: "Help desk", permissions: ["chatbot.manage"] });

    await engine.destroy(updated);
    expect(emulator.state.groups.groups.has(created.id)).toBe(false);
    await engine.destroy(updated); // already gone: 404 is success
  });

  test("refresh shows a permission granted by hand (by its name) and a rename as drift, declared ids stay ids", async () => {
    const org = orgByHand(emulator);
    const view = permissionId(emulator, "chatbot.view");
    const { state } = await engine.up(GROUP_TYPE, "ops", { organizationId: org, name: "Ops", permissions: [view, "member.view"] });
    const live = emulator.state.groups.groups.get(state.outputs.groupId as string)!;
    live.permissionIds.push(permissionId(emulator, "billing.manage"));
    live.name = "Ops (renamed)";
    const refreshed = (await engine.refresh(state))!;
    expect(refreshed.outputs).toMatchObject({ name: "Ops (renamed)", permissions: ["billing.manage", "member.view", view].sort() });
    expect(refreshed.inputs).toMatchObject({ name: "Ops (renamed)", permissions: ["billing.manage", "member.view", view].sort() });
    const { diff } = await engine.plan(GROUP_TYPE, "ops", { organizationId: org, name: "Ops", permissions: [view, "member.view"] }, refreshed);
    expect(diff!.changes).toBe("DIFF_SOME");
    const { state: repaired } = await engine.up(GROUP_TYPE, "ops", { organizationId: org, name: "Ops", permissions: [view, "member.view"] }, refreshed);
    expect(live).toMatchObject({ name: "Ops" });
    expect(live.permissionIds.sort()).toEqual([view, permissionId(emulator, "member.view")].sort());
    expect((await engine.refresh(repaired))!.outputs.permissions).toEqual(repaired.outputs.permissions);
  });

  test("a group deleted by hand reads as gone", async () => {
    const org = orgByHand(emulator);
    const { state } = await engine.up(GROUP_TYPE, "gone", { organizationId: org, name: "Gone", permissions: [] });
    emulator.state.groups.deleteGroup(emulator.state.groups.groups.get(state.outputs.groupId as string)!);
    expect(await engine.refresh(state)).toBeUndefined();
  });
});

describe("permission names", () => {
  test("an unknown name fails before any write, naming it and listing available names (the first 20 and a count)", async () => {
    const org = orgByHand(emulator);
    const error = await rejection(engine.up(GROUP_TYPE, "bad", { organizationId: org, name: "Bad", permissions: ["chatbot.veiw", "chatbot.view"] }));
    expect(error.message).toContain('Group "Bad": unknown permission "chatbot.veiw". Nothing was sent.');
    expect(error.message).toContain(`Available permissions (20 of ${emulator.state.groups.permissions.length}): apikey.manage, audit.view,`);
    expect(error.message).toContain("npx pulumi-maiagent permissions");
    expect(writes()).toEqual([]);
  });
});

test("an id the permission list lacks is sent as written, and the API's refusal is shown", async () => {
  const org = orgByHand(emulator);
  const stranger = "99999999-8888-4777-8666-555555555555";
  const error = await rejection(engine.up(GROUP_TYPE, "odd", { organizationId: org, name: "Odd", permissions: [stranger] }));
  expect(error.message).toContain(`failed with HTTP 400: permissions: Invalid pk "${stranger}" - object does not exist.`);
});

describe("adopting", () => {
  test("an existing group of that name fails without adoptExisting", async () => {
    const org = orgByHand(emulator);
    const existing = groupByHand(emulator, org, "Sales", ["chatbot.view"]);
    const error = await rejection(engine.up(GROUP_TYPE, "sales", { organizationId: org, name: "Sales", permissions: ["chatbot.view"] }));
    expect(error.message).toContain(`A group named "Sales" already exists in organization ${org} (${existing.id}); set \`adoptExisting: true\` to manage it`);
    expect(error.message).toContain(`in maiagent.yaml, \`adoptId: ${existing.id}\` under the group`);
    expect(writes()).toEqual([]);
  });

  test("a group whose name differs only in letter case is not created beside it: create fails naming it, also with adoptExisting", async () => {
    const org = orgByHand(emulator);
    const agents = groupByHand(emulator, org, "Agents", ["chatbot.view"]);
    for (const adoptExisting of [false, true]) {
      const error = await rejection(engine.up(GROUP_TYPE, "agents", { organizationId: org, name: "agents", permissions: ["chatbot.view"], adoptExisting }));
      expect(error.message).toContain(`A group named "Agents" (${agents.id}) exists in organization ${org}, differing from "agents" only in letter case`);
      expect(error.message).toContain(`adoptId: ${agents.id}`);
    }
    expect(writes()).toEqual([]);
  });

  test("adoptExisting takes over a matching group with zero writes, and a differing one with one PUT", async () => {
    const org = orgByHand(emulator);
    const same = groupByHand(emulator, org, "Sales", ["chatbot.view", "member.view"]);
    const { state } = await engine.up(GROUP_TYPE, "sales", { organizationId: org, name: "Sales", permissions: ["member.view", "chatbot.view"], adoptExisting: true });
    expect(writes()).toEqual([]);
    expect(state.id).toBe(`${org}/${same.id}`);
    const other = groupByHand(emulator, org, "Support", ["chatbot.view"]);
    await engine.up(GROUP_TYPE, "support", { organizationId: org, name: "Support", permissions: ["chatbot.manage"], adoptExisting: true });
    expect(writes()).toEqual([`PUT organizations/${org}/groups/${other.id}/`]);
  });

  test("two groups of one name: adoptExisting fails naming both ids; adoptId picks one", async () => {
    const org = orgByHand(emulator);
    const [a, b] = [groupByHand(emulator, org, "Twins"), groupByHand(emulator, org, "Twins")];
    const error = await rejection(engine.up(GROUP_TYPE, "twins", { organizationId: org, name: "Twins", permissions: [], adoptExisting: true }));
    expect(error.message).toContain(`has 2 groups named "Twins" (${a.id}, ${b.id}): set \`adoptId\``);
    const { state } = await engine.up(GROUP_TYPE, "twins", { organizationId: org, name: "Twins", permissions: [], adoptId: b.id });
    expect(state.id).toBe(`${org}/${b.id}`);
    expect(writes()).toEqual([]);
  });

  test("adoptId of the built-in OWNER group is refused with nothing changed", async () => {
    const org = orgByHand(emulator);
    const owner = emulator.state.groups.groupsOf(org).find((g) => g.name === "OWNER")!;
    const error = await rejection(engine.up(GROUP_TYPE, "o", { organizationId: org, name: "Admins", permissions: [], adoptId: owner.id }));
    expect(error.message).toContain("is the built-in OWNER group; it is never managed");
    expect(writes()).toEqual([]);
  });
});

describe("where the API enforces more", () => {
  test("with unique group names, renaming onto a taken name fails with the API's own message, and nothing changes", async () => {
    emulator.setOptions({ uniqueGroupNames: true });
    const org = orgByHand(emulator);
    groupByHand(emulator, org, "Taken");
    const { state } = await engine.up(GROUP_TYPE, "mine", { organizationId: org, name: "Mine", permissions: [] });
    const error = await rejection(engine.up(GROUP_TYPE, "mine", { organizationId: org, name: "Taken", permissions: [] }, state));
    expect(error.message).toContain(`PUT /api/v1/organizations/${org}/groups/${state.outputs.groupId}/ failed with HTTP 400: name: group with this name already exists.`);
    expect(emulator.state.groups.groups.get(state.outputs.groupId as string)!.name).toBe("Mine");
  });

  test("where a group needs a permission, [] fails with the API's own message", async () => {
    emulator.setOptions({ groupPermissionsRequired: true });
    try {
      const error = await rejection(engine.up(GROUP_TYPE, "empty", { organizationId: orgByHand(emulator), name: "Empty", permissions: [] }));
      expect(error.message).toContain("failed with HTTP 400: permissions: This list may not be empty.");
    } finally {
      emulator.setOptions({ groupPermissionsRequired: false });
    }
  });
});

describe("ambiguous failures", () => {
  test.each([
    ["a 503 after the group was created", { kind: "status" as const, status: 503, when: "after" as const }],
    ["a reset after the group was created", { kind: "reset" as const, when: "after" as const }],
    ["a 503 before anything happened", { kind: "status" as const, status: 503, when: "before" as const }],
  ])("%s: the list is checked before any retry, and there is exactly one group", async (_label, fault) => {
    const org = orgByHand(emulator);
    emulator.faults.add({ ...fault, method: "POST", path: /groups\/$/ });
    const { state } = await engine.up(GROUP_TYPE, "flaky", { organizationId: org, name: "Flaky", permissions: ["chatbot.view"] });
    expect(groupsNamed(org, "Flaky")).toHaveLength(1);
    expect(state.id).toBe(`${org}/${groupsNamed(org, "Flaky")[0].id}`);
    expect(writes().filter((w) => w.startsWith("POST"))).toHaveLength(fault.when === "after" ? 1 : 2);
  });
});

describe("the permission list", () => {
  test("is read once per provider process for many groups, every page, under a paged answer", async () => {
    const fixture = await startFixture({ permissionsPaged: true, maxPageSize: 5 });
    try {
      const org = orgByHand(fixture.emulator);
      for (const name of ["A", "B", "C"]) {
        await fixture.engine.up(GROUP_TYPE, name, { organizationId: org, name, permissions: ["integration.manage", "organization.manage"] });
      }
      const pages = Math.ceil(fixture.emulator.state.groups.permissions.length / 5);
      expect(fixture.emulator.count({ method: "GET", path: /permissions\/$/ })).toBe(pages);
      expect(fixture.emulator.state.groups.groupsOf(org).filter((g) => !g.builtIn)).toHaveLength(3);
    } finally {
      await fixture.stop();
    }
  });

  test("a name two permissions share is an error naming both ids (the list as a new process reads it)", async () => {
    const fixture = await startFixture();
    try {
      const org = orgByHand(fixture.emulator);
      fixture.emulator.state.groups.permissions.push({ id: "11111111-2222-4333-8444-555555555555", name: "report.view", description: "a second one" });
      const error = await rejection(fixture.engine.up(GROUP_TYPE, "dup", { organizationId: org, name: "Dup", permissions: ["report.view"] }));
      expect(error.message).toContain(`"report.view" names 2 permissions (${permissionId(fixture.emulator, "report.view")}, 11111111-2222-4333-8444-555555555555)`);
      expect(fixture.emulator.count({ method: "POST" })).toBe(0);
    } finally {
      await fixture.stop();
    }
  });
});
