/** The emulator's groups endpoints (DESIGN §9) and the switches for what the API does not document. */
import { Emulator, type EmulatorOptions } from "./emulator/server";
import { memberByHand, orgByHand } from "./helpers/roster";

let emulator: Emulator;
let org: string;
const KEY = { authorization: "Api-Key emulator-test-key", "content-type": "application/json" };

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emulator.baseUrl()}${path}`, { method, headers: KEY, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
async function start(options: Partial<EmulatorOptions> = {}) {
  emulator = await Emulator.start(options);
  org = orgByHand(emulator);
}
const permissionIds = (...names: string[]) => names.map((n) => emulator.state.groups.permissions.find((p) => p.name === n)!.id);
afterEach(() => emulator.stop());

test("a group is created with permission ids, answered with ids, and read back with permission objects", async () => {
  await start();
  const ids = permissionIds("chatbot.view", "member.view");
  const created = await call("POST", `organizations/${org}/groups/`, { name: "Support", permissions: ids });
  expect(created).toMatchObject({ status: 201, body: { name: "Support", permissions: ids } });
  const read = await call("GET", `organizations/${org}/groups/${created.body.id}/`);
  expect(read.body.permissions).toEqual([expect.objectContaining({ id: ids[0], name: "chatbot.view" }), expect.objectContaining({ id: ids[1], name: "member.view" })]);
  const list = await call("GET", `organizations/${org}/groups/`);
  expect(list.body.results.map((g: { name: string }) => g.name)).toEqual(["OWNER", "Support"]);
  expect((await call("PUT", `organizations/${org}/groups/${created.body.id}/`, { name: "Help", permissions: [] })).body).toMatchObject({ name: "Help", permissions: [] });
  expect((await call("DELETE", `organizations/${org}/groups/${created.body.id}/`)).status).toBe(204);
  expect((await call("GET", `organizations/${org}/groups/${created.body.id}/`)).status).toBe(404);
});

test("an unknown permission id is refused with DRF's message", async () => {
  await start();
  const refused = await call("POST", `organizations/${org}/groups/`, { name: "X", permissions: ["nope"] });
  expect(refused).toEqual({ status: 400, body: { permissions: ['Invalid pk "nope" - object does not exist.'] } });
});

test("group names are not unique by default; uniqueGroupNames refuses a second one", async () => {
  await start();
  expect((await call("POST", `organizations/${org}/groups/`, { name: "Ops", permissions: [] })).status).toBe(201);
  expect((await call("POST", `organizations/${org}/groups/`, { name: "Ops", permissions: [] })).status).toBe(201);
  emulator.setOptions({ uniqueGroupNames: true });
  expect(await call("POST", `organizations/${org}/groups/`, { name: "Ops", permissions: [] })).toEqual({ status: 400, body: { name: ["group with this name already exists."] } });
});

test("group members: add by member id, list with the person nested, duplicate add 400 or idempotent, remove", async () => {
  await start();
  const alice = memberByHand(emulator, org, "alice@acme.example");
  const group = (await call("POST", `organizations/${org}/groups/`, { name: "Ops", permissions: [] })).body;
  const base = `organizations/${org}/groups/${group.id}/group-members/`;
  const added = await call("POST", base, { member: alice.id });
  expect(added).toMatchObject({ status: 201, body: { member: alice.id } });
  expect((await call("GET", base)).body.results).toEqual([expect.objectContaining({ id: added.body.id, member: expect.objectContaining({ id: alice.id, email: "alice@acme.example" }) })]);
  expect((await call("POST", base, { member: alice.id })).status).toBe(400);
  emulator.setOptions({ duplicateGroupMember: "idempotent" });
  expect(await call("POST", base, { member: alice.id })).toMatchObject({ status: 201, body: { id: added.body.id } });
  expect((await call("POST", base, { member: "someone-else" })).status).toBe(400);
  expect((await call("DELETE", `${base}${added.body.id}/`)).status).toBe(204);
  expect((await call("DELETE", `${base}${added.body.id}/`)).status).toBe(404);
});

test.each([
  ["201", 201, true],
  ["200-empty", 200, false],
  ["absent-404", 404, false],
  ["absent-405", 405, false],
] as const)("bulk-create %s answers %d", async (variant, status, hasBody) => {
  await start({ groupBulkCreate: variant });
  const people = [memberByHand(emulator, org, "a@acme.example"), memberByHand(emulator, org, "b@acme.example")];
  const group = (await call("POST", `organizations/${org}/groups/`, { name: "Ops", permissions: [] })).body;
  const answer = await call("POST", `organizations/${org}/groups/${group.id}/group-members/bulk-create/`, { members: people.map((p) => p.id) });
  expect(answer.status).toBe(status);
  expect(Array.isArray(answer.body)).toBe(hasBody);
  const held = (await call("GET", `organizations/${org}/groups/${group.id}/group-members/`)).body.count;
  expect(held).toBe(status < 300 ? 2 : 0);
});

test("removing a person from the organization removes their group memberships unless cascade is off", async () => {
  for (const cascade of [true, false]) {
    await start({ groupMembershipCascade: cascade });
    const bob = memberByHand(emulator, org, "bob@acme.example");
    const group = (await call("POST", `organizations/${org}/groups/`, { name: "Ops", permissions: [] })).body;
    await call("POST", `organizations/${org}/groups/${group.id}/group-members/`, { member: bob.id });
    await call("DELETE", `organizations/${org}/members/${bob.id}/`);
    expect((await call("GET", `organizations/${org}/groups/${group.id}/group-members/`)).body.count).toBe(cascade ? 0 : 1);
    await emulator.stop();
  }
  emulator = await Emulator.start();
});

test("permissions/ is a plain array, or a page under permissionsPaged", async () => {
  await start();
  const plain = await call("GET", "permissions/");
  expect(Array.isArray(plain.body)).toBe(true);
  expect(plain.body.length).toBe(emulator.state.groups.permissions.length);
  emulator.setOptions({ permissionsPaged: true });
  const paged = await call("GET", "permissions/?pageSize=5");
  expect(paged.body).toMatchObject({ count: plain.body.length, results: plain.body.slice(0, 5) });
  expect(paged.body.next).toContain("page=2");
});
