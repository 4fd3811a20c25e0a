/** The groups part of the API client (client.groups) against the emulator: both key cases, both permission
 * shapes (objects on reads, ids in write answers), every page of every list. */
import { Emulator, type EmulatorOptions } from "./emulator/server";
import { loadPackage, type Client } from "./helpers/native";
import { memberByHand, orgByHand } from "./helpers/roster";

const { MaiAgentClient } = loadPackage();
let emulator: Emulator;
const client = (): Client => new MaiAgentClient({ apiKey: emulator.options.apiKey, baseUrl: emulator.baseUrl() });
const gets = (path: RegExp) => emulator.count({ method: "GET", path });

afterEach(() => emulator.stop());

describe.each<[string, Partial<EmulatorOptions>]>([
  ["camelCase", { keyCase: "camel" }],
  ["snake_case with epoch timestamps", { keyCase: "snake", timestamps: "epoch" }],
])("groups with %s answers", (_label, options) => {
  test("create, get, update, list and delete give the same typed record, permissions as {id, name}", async () => {
    emulator = await Emulator.start(options);
    const org = orgByHand(emulator);
    const [view, manage] = ["chatbot.view", "chatbot.manage"].map((name) => emulator.state.groups.permissions.find((p) => p.name === name)!.id);
    const api = client().groups;
    const created = await api.createGroup(org, { name: "Support", permissions: [view] });
    expect(created).toMatchObject({ name: "Support", permissions: [{ id: view, name: null }] });
    expect(typeof created.createdAt).toBe("string");
    expect((await api.getGroup(org, created.id)).permissions).toEqual([{ id: view, name: "chatbot.view" }]);
    expect((await api.updateGroup(org, created.id, { name: "Help", permissions: [manage, view] })).permissions.map((p) => p.id)).toEqual([manage, view]);
    expect((await api.listAllGroups(org)).map((g) => g.name)).toEqual(["OWNER", "Help"]);
    await api.deleteGroup(org, created.id);
    expect((await api.listAllGroups(org)).map((g) => g.name)).toEqual(["OWNER"]);
  });

  test("group members: added by member id, listed with the nested person, bulk-added, removed", async () => {
    emulator = await Emulator.start(options);
    const org = orgByHand(emulator);
    const [a, b, c] = ["a@acme.example", "b@acme.example", "c@acme.example"].map((e) => memberByHand(emulator, org, e));
    const api = client().groups;
    const group = await api.createGroup(org, { name: "Ops", permissions: [] });
    const added = await api.addGroupMember(org, group.id, a.id);
    expect(added.member).toEqual({ id: a.id, email: null, name: null });
    await api.bulkAddGroupMembers(org, group.id, [b.id, c.id]);
    const listed = await api.listAllGroupMembers(org, group.id);
    expect(listed.map((m) => m.member.email).sort()).toEqual(["a@acme.example", "b@acme.example", "c@acme.example"]);
    expect(listed.find((m) => m.member.id === a.id)!.id).toBe(added.id);
    await api.removeGroupMember(org, group.id, added.id);
    expect(await api.listAllGroupMembers(org, group.id)).toHaveLength(2);
  });
});

test("every page of groups, group members and permissions is read, even when the server clamps the page size", async () => {
  emulator = await Emulator.start({ maxPageSize: 3, permissionsPaged: true });
  const org = orgByHand(emulator);
  const api = client().groups;
  for (let i = 0; i < 7; i++) await api.createGroup(org, { name: `G${i}`, permissions: [] });
  const group = emulator.state.groups.groupsOf(org)[1];
  for (let i = 0; i < 8; i++) emulator.state.groups.add(group, memberByHand(emulator, org, `p${i}@acme.example`));
  expect(await api.listAllGroups(org)).toHaveLength(8);
  expect(await api.listAllGroupMembers(org, group.id)).toHaveLength(8);
  const permissions = await client().listPermissions();
  expect(permissions.map((p) => p.id)).toEqual(emulator.state.groups.permissions.map((p) => p.id));
  expect(gets(/permissions\/$/)).toBe(Math.ceil(emulator.state.groups.permissions.length / 3));
});

test("a plain-array permission list is one request", async () => {
  emulator = await Emulator.start();
  const permissions = await client().listPermissions();
  expect(permissions).toHaveLength(emulator.state.groups.permissions.length);
  expect(permissions[0]).toEqual({ id: expect.any(String), name: "organization.manage", description: "organization: manage" });
  expect(gets(/permissions\/$/)).toBe(1);
});
