/** Refresh of large organizations through the real provider host: request counts whatever the API's latency. */
import { DEFAULT_OPTIONS, type Emulator } from "./emulator/server";
import { mapLimit, type Engine } from "./helpers/engine";
import { useFixture } from "./helpers/shared-fixture";
import { MEMBER_TYPE } from "./helpers/host";
import { seedMembers } from "./helpers/seed";
import { testGet } from "./helpers/test-get";

let emulator: Emulator;
let engine: Engine;

useFixture((f) => ({ emulator, engine } = f));
beforeEach(() => {
  emulator.setOptions(DEFAULT_OPTIONS);
  emulator.state.orgs.clear();
  emulator.state.members.clear();
  emulator.requests.splice(0);
});

const listPages = () => emulator.requests.filter((r) => r.method === "GET" && r.path.endsWith("/members/")).map((r) => new URLSearchParams(r.query).get("page"));
const memberPath = (id: string) => `/api/v1/organizations/${id.replace("/", "/members/")}/`;
const memberGets = () => emulator.count({ method: "GET", path: /members\/[^/]+\/$/ });

test("40 reads of a 100-member organization whose list pages take 600 ms, 16 in flight, cost one scan of 10 pages and one GET", async () => {
  emulator.setOptions({ maxPageSize: 10, listLatencyMs: 600 });
  const { states } = seedMembers(emulator, engine, 100);
  const wanted = states.slice(0, 40);
  const read = await mapLimit(wanted, 16, (s) => engine.refresh(s));
  expect(read.map((r) => r?.outputs.email)).toEqual(wanted.map((s) => s.outputs.email));
  expect(listPages().sort((a, b) => Number(a) - Number(b))).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
  expect(memberGets()).toBe(1);
});

testGet("Member.get of one member of a 250-member organization sends one GET, not a scan", async () => {
  const { states } = seedMembers(emulator, engine, 250);
  const got = await engine.get(MEMBER_TYPE, "looked-up", states[200].id);
  expect(got.outputs.email).toBe(states[200].outputs.email);
  expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${memberPath(states[200].id)}`]);
});

test("refreshing one member of a 250-member organization (refresh --target) sends one GET, not a scan", async () => {
  const { states } = seedMembers(emulator, engine, 250);
  const read = await engine.refresh(states[42]);
  expect(read!.outputs.email).toBe(states[42].outputs.email);
  expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${memberPath(states[42].id)}`]);
});

test("a member whose organization is gone refreshes as gone, and a 250-member refresh afterwards still reads pages of 1000", async () => {
  const gone = seedMembers(emulator, engine, 1, "Gone");
  emulator.state.orgs.delete(gone.orgId);
  expect(await engine.refresh(gone.states[0])).toBeUndefined();
  emulator.requests.splice(0);
  const { states } = seedMembers(emulator, engine, 250);
  await mapLimit(states, 8, (s) => engine.refresh(s));
  const asked = emulator.requests.filter((r) => r.path.endsWith("/members/")).map((r) => new URLSearchParams(r.query).get("pageSize"));
  expect(asked).toEqual(["1000", "1000", "1000"]);
  expect(memberGets()).toBe(1);
});

describe.each(["exact-email", "ignored"] as const)("with a member-list query that matches %s", (memberQuery) => {
  test("adding a member to a 150-member organization finds the new member's id", async () => {
    emulator.setOptions({ memberQuery });
    const { orgId } = seedMembers(emulator, engine, 150);
    const { state } = await engine.up(MEMBER_TYPE, "alice", { organizationId: orgId, email: "Alice@big.example" });
    const alice = emulator.state.membersOf(orgId).find((m) => m.email === "Alice@big.example")!;
    expect(state.id).toBe(`${orgId}/${alice.id}`);
    expect(state.outputs.email).toBe("Alice@big.example");
    expect(emulator.count({ method: "POST" })).toBe(1);
    expect(listPages()).toHaveLength(memberQuery === "ignored" ? 2 : 1);
  });
});
