/** Ambiguous creates through the real provider host: the object is looked up before any second POST. */
import type { Emulator } from "./emulator/server";
import { startFixture, type Fixture } from "./helpers/fixture";
import { rejection } from "./helpers/native";
import type { FaultRule } from "./emulator/faults";
import { mapLimit, type Engine } from "./helpers/engine";
import { MEMBER_TYPE, ORG_TYPE } from "./helpers/host";
import { seedMembers } from "./helpers/seed";

let fixture: Fixture;
let emulator: Emulator;
let engine: Engine;
/** Only the tests about an answer slower than the request timeout use a short timeout, on a host of their own:
 * everywhere else the default timeout means a loaded machine never adds requests to the counts asserted. */
const TIMEOUT_MS = 1000;
let timeoutFixture: Fixture;

beforeAll(async () => {
  ({ emulator, engine } = fixture = await startFixture());
  timeoutFixture = await startFixture({}, { "maiagent:requestTimeoutMs": String(TIMEOUT_MS) });
});
afterAll(async () => {
  await fixture.stop();
  await timeoutFixture.stop();
});
beforeEach(() => {
  for (const { emulator } of [fixture, timeoutFixture]) {
    emulator.faults.clear();
    emulator.state.orgs.clear();
    emulator.state.members.clear();
    emulator.requests.splice(0);
  }
});

test("creating one organization with 3 members costs 8 requests: list + POST, then POST + id lookup per member", async () => {
  const org = (await engine.up(ORG_TYPE, "acme", { name: "Acme" })).state;
  const emails = ["alice", "bob", "carol"].map((n) => `${n}@acme.example`);
  await mapLimit(emails, 8, (email) => engine.up(MEMBER_TYPE, email, { organizationId: org.id, email }));
  expect(emulator.requests.map((r) => `${r.method} ${r.path.replace(org.id, "<org>")}`).sort()).toEqual([
    "GET /api/v1/organizations/",
    "GET /api/v1/organizations/<org>/members/",
    "GET /api/v1/organizations/<org>/members/",
    "GET /api/v1/organizations/<org>/members/",
    "POST /api/v1/organizations/",
    "POST /api/v1/organizations/<org>/members/",
    "POST /api/v1/organizations/<org>/members/",
    "POST /api/v1/organizations/<org>/members/",
  ]);
});

test("when the server returns the new member's id, adding a member costs one request", async () => {
  emulator.setOptions({ memberCreateReturnsId: true });
  try {
    const org = (await engine.up(ORG_TYPE, "acme", { name: "Acme" })).state;
    emulator.requests.splice(0);
    const { state } = await engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice@acme.example" });
    expect(state.id).toBe(`${org.id}/${emulator.state.membersOf(org.id)[0].id}`);
    expect(emulator.count()).toBe(1);
  } finally {
    emulator.setOptions({ memberCreateReturnsId: false });
  }
});

test("a member added by hand beforehand is not adopted: create fails naming its id and what to do", async () => {
  const org = (await engine.up(ORG_TYPE, "acme", { name: "Acme" })).state;
  const byHand = emulator.state.addMember(emulator.state.orgs.get(org.id)!, { email: "alice@acme.example" }) as { id: string };
  const error = await rejection(engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "Alice@acme.example" }));
  expect(error.message).toContain(`Alice@acme.example is already a member of organization ${org.id} (member id ${byHand.id}), added outside this stack`);
  expect(error.message).toContain(`Member.get("<name>", "${org.id}/${byHand.id}")`);
  expect(emulator.state.membersOf(org.id)).toHaveLength(1);
});

const ambiguous: Array<[string, Partial<FaultRule>]> = [
  ["a 503 after the write was applied", { kind: "status", status: 503, when: "after" }],
  ["a connection reset after the write was applied", { kind: "reset", when: "after" }],
  ["an answer slower than the request timeout", { kind: "slow", when: "after", delayMs: 4 * TIMEOUT_MS }],
];

describe.each(ambiguous)("when a create's POST meets %s", (_label, fault) => {
  let emulator: Emulator;
  let engine: Engine;
  beforeEach(() => ({ emulator, engine } = fault.kind === "slow" ? timeoutFixture : fixture));

  test("the organization is found in the list and adopted: exactly one exists, one POST sent", async () => {
    emulator.faults.add({ ...fault, kind: fault.kind!, method: "POST", path: /^organizations\/$/ });
    const { state } = await engine.up(ORG_TYPE, "acme", { name: "Acme" });
    expect([...emulator.state.orgs.keys()]).toEqual([state.id]);
    expect(emulator.count({ method: "POST" })).toBe(1);
  });

  test("the member is found by query and adopted: exactly one exists, one POST sent", async () => {
    const org = (await engine.up(ORG_TYPE, "acme", { name: "Acme" })).state;
    emulator.faults.add({ ...fault, kind: fault.kind!, method: "POST", path: /members\/$/ });
    const { state } = await engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice@acme.example" });
    const members = emulator.state.membersOf(org.id);
    expect(members).toHaveLength(1);
    expect(state.id).toBe(`${org.id}/${members[0].id}`);
    expect(emulator.count({ method: "POST", path: /members\/$/ })).toBe(1);
  });
});

test("a POST refused before the write is sent again, and a same-named organization that existed before is not adopted", async () => {
  const before = emulator.state.createOrg({ name: "Acme" }, emulator.owner.id).body as { id: string };
  emulator.faults.add({ kind: "status", status: 503, when: "before", method: "POST" });
  const { state } = await engine.up(ORG_TYPE, "acme", { name: "Acme" });
  expect(state.id).not.toBe(before.id);
  expect(emulator.state.orgs.size).toBe(2);
  expect(emulator.count({ method: "POST" })).toBe(2);
});

test("two organizations with one name declared in one program are both created, neither adopting the other", async () => {
  emulator.faults.add({ kind: "status", status: 503, when: "after", method: "POST", times: 2 });
  const [a, b] = await Promise.all([engine.up(ORG_TYPE, "a", { name: "Twin" }), engine.up(ORG_TYPE, "b", { name: "Twin" })]);
  expect(a.state.id).not.toBe(b.state.id);
  expect(emulator.state.orgs.size).toBe(2);
});

test("a burst of 429s on member POSTs delays the creates but adds each member exactly once", async () => {
  const org = (await engine.up(ORG_TYPE, "acme", { name: "Acme" })).state;
  emulator.faults.add({ kind: "status", status: 429, retryAfter: "1", method: "POST", times: 4 });
  const emails = ["a", "b", "c", "d", "e"].map((n) => `${n}@acme.example`);
  await mapLimit(emails, 8, (email) => engine.up(MEMBER_TYPE, email, { organizationId: org.id, email }));
  expect(emulator.state.membersOf(org.id).map((m) => m.email).sort()).toEqual(emails);
});

describe("refresh reads members in list pages", () => {
  const listPages = () => emulator.requests.filter((r) => r.method === "GET" && r.path.endsWith("/members/")).map((r) => new URLSearchParams(r.query).get("page"));

  test("refreshing 250 members costs one GET and 3 list requests (page size 100), not 250 GETs", async () => {
    const { states } = seedMembers(emulator, engine, 250);
    const read = await mapLimit(states, 8, (s) => engine.refresh(s));
    expect(read.map((r) => r?.outputs.email)).toEqual(states.map((s) => s.outputs.email));
    expect(listPages().sort()).toEqual(["1", "2", "3"]);
    expect(emulator.count({ path: /members\/[^/]+\/$/ })).toBe(1);
  });

  test("a member missing from the list is confirmed with one GET before it is reported gone; a second refresh sees hand-made changes", async () => {
    const { states } = seedMembers(emulator, engine, 120);
    await mapLimit(states, 8, (s) => engine.refresh(s));
    const [removed, changed] = [states[7], states[8]];
    emulator.state.members.delete(removed.outputs.memberId as string);
    emulator.state.members.get(changed.outputs.memberId as string)!.isOwner = true;
    emulator.requests.splice(0);
    const read = await mapLimit(states, 8, (s) => engine.refresh(s));
    expect(read.filter((r) => r === undefined)).toHaveLength(1);
    expect(read[7]).toBeUndefined();
    expect(read[8]!.outputs.isOwner).toBe(true);
    expect(listPages()).toHaveLength(2);
    expect(emulator.requests.filter((r) => r.path.endsWith(`${removed.outputs.memberId}/`)).map((r) => r.status)).toEqual([404]);
  });
});
