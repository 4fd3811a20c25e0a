/** OrganizationMembers after creation: refresh sees hand-made changes, update repairs them, and every write
 * is idempotent so an interrupted or failed `up` is finished by the next one. */
import type { Emulator } from "./emulator/server";
import { useFixture } from "./helpers/shared-fixture";
import { rejection } from "./helpers/native";
import { HostError, type Engine, type ResourceState } from "./helpers/engine";
import { providerTexts, ROSTER_TYPE } from "./helpers/host";
import { isMemberList, liveEmails, memberByHand, orgByHand, requestsSince } from "./helpers/roster";
import { testGet } from "./helpers/test-get";

let emulator: Emulator;
let engine: Engine;
const MEMBERS = /^organizations\/[^/]+\/members\/$/;

useFixture((f) => ({ emulator, engine } = f));
beforeEach(() => {
  emulator.faults.clear();
  emulator.requests.splice(0);
});

/** Runs `action` once the emulator has received a member list of `org` (its answer is already computed). */
function onceListed(org: string, action: () => void): void {
  const seen = emulator.requests.length;
  const timer = setInterval(() => {
    if (emulator.requests.slice(seen).some((r) => r.method === "GET" && r.path.endsWith(`${org}/members/`))) {
      clearInterval(timer);
      action();
    }
  }, 5);
}

async function rosterOf(emails: string[]): Promise<{ org: string; state: ResourceState }> {
  const org = orgByHand(emulator);
  const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails });
  return { org, state };
}

test("a member added by hand shows on refresh from one scan, as a change in inputs, and the next up removes it", async () => {
  const { org, state } = await rosterOf(["alice@acme.example", "bob@acme.example"]);
  const intruder = memberByHand(emulator, org, "Mallory@evil.example");
  const from = emulator.requests.length;
  const refreshed = (await engine.refresh(state))!;
  const lines = requestsSince(emulator, from, org).filter((l) => !l.startsWith("GET users/current/"));
  expect(lines).toHaveLength(1);
  expect(lines.filter(isMemberList)).toHaveLength(1);
  expect(refreshed.outputs.emails).toEqual(["alice@acme.example", "bob@acme.example", "Mallory@evil.example"]);
  expect(refreshed.inputs).toEqual({
    organizationId: org,
    emails: ["alice@acme.example", "bob@acme.example", "Mallory@evil.example"],
    emailLines: "alice@acme.example\nbob@acme.example\nMallory@evil.example\n",
    __provider: providerTexts()[ROSTER_TYPE],
  });
  expect((refreshed.outputs.members as Array<{ memberId: string }>)[2].memberId).toBe(intruder.id);

  const program = { organizationId: org, emails: ["bob@acme.example", "alice@acme.example"] };
  expect((await engine.plan(ROSTER_TYPE, "m", program, refreshed)).diff!.changes).toBe("DIFF_SOME");
  const before = emulator.requests.length;
  const { state: repaired, op } = await engine.up(ROSTER_TYPE, "m", program, refreshed);
  expect(op).toBe("update");
  expect(requestsSince(emulator, before, org).filter((l) => !l.startsWith("GET"))).toEqual([`DELETE organizations/<org>/members/${intruder.id}/`]);
  expect(liveEmails(emulator, org)).toEqual(["alice@acme.example", "bob@acme.example"]);
  expect(repaired.outputs.emails).toEqual(["alice@acme.example", "bob@acme.example"]);
  expect((await engine.refresh(repaired))!.outputs).toEqual(repaired.outputs);
});

test("a listed member removed by hand is added back by the next up", async () => {
  const { org, state } = await rosterOf(["alice@acme.example", "bob@acme.example"]);
  emulator.state.members.delete(emulator.state.membersOf(org).find((m) => m.email === "bob@acme.example")!.id);
  const refreshed = (await engine.refresh(state))!;
  expect(refreshed.outputs.emails).toEqual(["alice@acme.example"]);
  const { state: repaired } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@acme.example", "bob@acme.example"] }, refreshed);
  expect(liveEmails(emulator, org)).toEqual(["alice@acme.example", "bob@acme.example"]);
  expect((repaired.outputs.members as Array<{ memberId: string }>).map((m) => m.memberId)).toEqual(emulator.state.membersOf(org).map((m) => m.id));
});

test("a member someone else adds between the scan and the POST counts as present (HTTP 400 'already a member')", async () => {
  const { org, state } = await rosterOf(["alice@acme.example"]);
  emulator.faults.add({ kind: "slow", when: "after", method: "GET", path: MEMBERS, delayMs: 1000 });
  onceListed(org, () => memberByHand(emulator, org, "bob@acme.example"));
  const { state: updated } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@acme.example", "bob@acme.example"] }, state);
  expect(emulator.count({ method: "POST", status: 400 })).toBe(1);
  expect(updated.outputs.emails).toEqual(["alice@acme.example", "bob@acme.example"]);
});

test("a member someone else removes between the scan and the DELETE counts as gone (HTTP 404)", async () => {
  const { org, state } = await rosterOf(["alice@acme.example", "bob@acme.example"]);
  const bob = emulator.state.membersOf(org).find((m) => m.email === "bob@acme.example")!;
  emulator.faults.add({ kind: "slow", when: "after", method: "GET", path: MEMBERS, delayMs: 1000 });
  onceListed(org, () => emulator.state.members.delete(bob.id));
  const { state: updated } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@acme.example"] }, state);
  expect(emulator.count({ method: "DELETE", status: 404 })).toBe(1);
  expect(updated.outputs.emails).toEqual(["alice@acme.example"]);
});

test("an add-member POST that fails after the server applied it is not repeated: the scan finds the member", async () => {
  const org = orgByHand(emulator);
  const from = emulator.requests.length;
  emulator.faults.add({ kind: "status", status: 503, when: "after", method: "POST", path: MEMBERS });
  const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@acme.example", "bob@acme.example"] });
  expect(requestsSince(emulator, from, org).filter((l) => l.startsWith("POST"))).toHaveLength(2);
  expect(state.outputs.emails).toEqual(["alice@acme.example", "bob@acme.example"]);
});

test("a create that fails halfway is tracked (id and __provider kept) and the next up finishes it", async () => {
  const org = orgByHand(emulator);
  emulator.faults.add({ kind: "status", status: 403, when: "before", method: "POST", path: MEMBERS });
  const inputs = { organizationId: org, emails: ["alice@acme.example", "bob@acme.example", "carol@acme.example"] };
  const error = (await rejection(engine.up(ROSTER_TYPE, "m", inputs))) as HostError;
  expect(error.message).toMatch(/1 of 3 changes failed: add .*@acme\.example: POST .*failed with HTTP 403.*run `pulumi up` again/s);
  expect(error.initFailedId).toBe(org);
  expect(error.initFailedProperties!.__provider).toBe(providerTexts()[ROSTER_TYPE]);
  expect(error.initFailedProperties!.emails).toHaveLength(2);
  const tracked: ResourceState = { type: ROSTER_TYPE, urn: engine.urn(ROSTER_TYPE, "m"), id: org, inputs: { ...inputs, __provider: providerTexts()[ROSTER_TYPE] }, outputs: error.initFailedProperties! };
  expect((await engine.refresh(tracked))!.outputs.emails).toHaveLength(2);
  const { state } = await engine.up(ROSTER_TYPE, "m", inputs, tracked);
  expect(liveEmails(emulator, org)).toEqual(inputs.emails);
  expect(state.outputs.emails).toEqual(inputs.emails);
});

test("a create after an interrupted up (some members already added) adopts them and adds the rest", async () => {
  const org = orgByHand(emulator);
  const earlier = memberByHand(emulator, org, "alice@acme.example");
  const from = emulator.requests.length;
  const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@acme.example", "bob@acme.example"] });
  expect(requestsSince(emulator, from, org).filter((l) => l.startsWith("POST"))).toHaveLength(1);
  expect((state.outputs.members as Array<{ memberId: string }>)[0].memberId).toBe(earlier.id);
  expect(liveEmails(emulator, org)).toEqual(["alice@acme.example", "bob@acme.example"]);
});

test("delete removes the listed members only; deleting again, or from a vanished organization, succeeds", async () => {
  const { org, state } = await rosterOf(["alice@acme.example", "bob@acme.example"]);
  memberByHand(emulator, org, "later@hand.example");
  await engine.destroy(state);
  expect(liveEmails(emulator, org)).toEqual(["later@hand.example"]);
  await expect(engine.destroy(state)).resolves.toBeUndefined();
  emulator.state.orgs.delete(org);
  await expect(engine.destroy(state)).resolves.toBeUndefined();
  expect(await engine.refresh(state)).toBeUndefined();
});

testGet("OrganizationMembers.get reads the roster of an organization by id; a bad id fails before any request", async () => {
  const org = orgByHand(emulator);
  memberByHand(emulator, org, "alice@acme.example");
  memberByHand(emulator, org, "boss@acme.example", true);
  const got = await engine.get(ROSTER_TYPE, "existing", org);
  expect(got.outputs).toMatchObject({ organizationId: org, emails: ["alice@acme.example"], protectedEmails: ["boss@acme.example"] });
  const from = emulator.requests.length;
  const error = await rejection(engine.get(ROSTER_TYPE, "bad", "acme"));
  expect(error.message).toMatch(/OrganizationMembers id "acme" is not an organization UUID/);
  expect(emulator.requests.length).toBe(from);
  await expect(engine.get(ROSTER_TYPE, "missing", "00000000-0000-4000-8000-000000000000")).rejects.toThrow(/no organization .* is visible to this API key/);
});
