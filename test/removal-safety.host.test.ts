/** Nobody is removed by accident: protection fails closed, scans read every row, and a removal guard caps how
 * many members one operation removes (check fails before any request; update fails before any DELETE). */
import type { Emulator } from "./emulator/server";
import { useFixture } from "./helpers/shared-fixture";
import { rejection } from "./helpers/native";
import { CheckFailed, Engine } from "./helpers/engine";
import { ProviderHost, ROSTER_TYPE, UNKNOWN } from "./helpers/host";
import { emailsFor, liveEmails, memberByHand, orgByHand, requestsSince } from "./helpers/roster";

let emulator: Emulator;
let engine: Engine;

useFixture((f) => ({ emulator, engine } = f));
beforeEach(() => {
  emulator.setOptions({ memberIsOwner: "boolean", countShortBy: 0, beforeMemberPage: undefined });
  emulator.requests.splice(0);
});

const writes = (from: number, org: string) => requestsSince(emulator, from, org).filter((l) => !l.startsWith("GET"));

describe.each(["absent", "null", "string"] as const)("a member list whose isOwner is %s", (style) => {
  test("protects every member it cannot prove is no owner: none removed, all reported in protectedEmails", async () => {
    const org = orgByHand(emulator);
    memberByHand(emulator, org, "boss@acme.example", true);
    memberByHand(emulator, org, "carol@acme.example", false);
    emulator.setOptions({ memberIsOwner: style });
    const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@acme.example"], removeUnlisted: true });
    expect(liveEmails(emulator, org)).toEqual(["alice@acme.example", "boss@acme.example", "carol@acme.example"]);
    expect(state.outputs.protectedEmails).toEqual(expect.arrayContaining(["boss@acme.example", "carol@acme.example"]));
    expect(state.outputs.emails).toEqual(["alice@acme.example"]);
    await engine.destroy({ ...state, outputs: { ...state.outputs, emails: ["alice@acme.example", "carol@acme.example"] } });
    expect(liveEmails(emulator, org)).toEqual(["alice@acme.example", "boss@acme.example", "carol@acme.example"]);
    expect(emulator.count({ method: "DELETE" })).toBe(0);
  });
});

test("a member added by hand beyond a stale count is seen: listed, it is not added again; unlisted, it is removed", async () => {
  const org = orgByHand(emulator);
  const team = emailsFor(105);
  team.forEach((email) => memberByHand(emulator, org, email));
  emulator.setOptions({ countShortBy: 10 });
  const from = emulator.requests.length;
  const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: team });
  expect(writes(from, org)).toEqual([]);
  expect(state.outputs.emails).toEqual(team);
  const late = memberByHand(emulator, org, "late@hand.example");
  const refreshed = (await engine.refresh(state))!;
  expect(refreshed.outputs.emails).toContain("late@hand.example");
  const before = emulator.requests.length;
  await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: team }, refreshed);
  expect(writes(before, org)).toEqual([`DELETE organizations/<org>/members/${late.id}/`]);
});

test("an update over a list that changes during every scan fails and removes nobody", async () => {
  const org = orgByHand(emulator);
  const team = emailsFor(150);
  team.forEach((email) => memberByHand(emulator, org, email));
  const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: team });
  let n = 0;
  emulator.setOptions({ beforeMemberPage: (id, page) => void (page === 2 && memberByHand(emulator, id, `churn${n++}@hand.example`)) });
  const from = emulator.requests.length;
  const error = await rejection(engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: team.slice(1) }, state));
  expect(error.message).toMatch(/changed while it was read, 3 times in a row/);
  expect(writes(from, org)).toEqual([]);
});

describe("the removal guard", () => {
  async function rosterOf(count: number) {
    const org = orgByHand(emulator);
    const team = emailsFor(count);
    const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: team });
    return { org, team, state };
  }

  test("a program that drops most members fails check (so preview) before any request, naming count, emails and the way out", async () => {
    const { org, team, state } = await rosterOf(20);
    const from = emulator.requests.length;
    const error = await rejection(engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: team.slice(0, 2) }, state));
    expect(error).toBeInstanceOf(CheckFailed);
    expect(error.message).toContain(`would remove 18 members, more than maxRemovals (5: 10 % of 20 members, at least 5): ${team.slice(2, 7).join(", ")} and 13 more`);
    expect(error.message).toMatch(/`maxRemovals: 18`.*maiagent:maxRemovals/s);
    expect(emulator.requests.length).toBe(from);
    expect(liveEmails(emulator, org)).toEqual(team);
  });

  test("removals within the limit go through; maxRemovals on the resource allows a larger one for that change", async () => {
    const { org, team, state } = await rosterOf(20);
    const { state: five } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: team.slice(5) }, state);
    expect(liveEmails(emulator, org)).toEqual(team.slice(5));
    await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: team.slice(14), maxRemovals: 9 }, five);
    expect(liveEmails(emulator, org)).toEqual(team.slice(14));
  });

  test("maiagent:maxRemovals sets the limit for the whole stack", async () => {
    const { org, team, state } = await rosterOf(20);
    const host = await ProviderHost.start(); // the host configures a provider once: a new stack config needs a new host
    try {
      await host.configure({ "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": emulator.baseUrl(), "maiagent:maxRemovals": "18" });
      await new Engine(host).up(ROSTER_TYPE, "m", { organizationId: org, emails: team.slice(0, 2) }, state);
    } finally {
      await host.stop();
    }
    expect(liveEmails(emulator, org)).toEqual(team.slice(0, 2));
  });

  test("a drift repair over the limit fails at update before any DELETE; the error names the members and the way out", async () => {
    const { org, team, state } = await rosterOf(3);
    const hand = emailsFor(7, "hand.example");
    hand.forEach((email) => memberByHand(emulator, org, email));
    const from = emulator.requests.length;
    const error = await rejection(engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: [...team, "new@acme.example"] }, state));
    expect(error.message).toContain(`would remove 7 members, more than maxRemovals (5: 10 % of 10 members, at least 5): ${hand.slice(0, 5).join(", ")} and 2 more`);
    expect(error.message).toMatch(/Nothing was changed/);
    expect(writes(from, org)).toEqual([]);
    expect(liveEmails(emulator, org)).toEqual([...hand, ...team].sort());
  });

  test("create with removeUnlisted is guarded too; a delete (destroy) is not", async () => {
    const org = orgByHand(emulator);
    const hand = emailsFor(8, "hand.example");
    hand.forEach((email) => memberByHand(emulator, org, email));
    const from = emulator.requests.length;
    const error = await rejection(engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: [], removeUnlisted: true }));
    expect(error.message).toMatch(/would remove 8 members, more than maxRemovals \(5/);
    expect(writes(from, org)).toEqual([]);
    const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: hand });
    await engine.destroy(state);
    expect(liveEmails(emulator, org)).toEqual([]);
  });

  test("a preview whose emails are partly unknown still fails when the known ones already drop more than the limit", async () => {
    const { org, team, state } = await rosterOf(20);
    const from = emulator.requests.length;
    const error = await rejection(engine.plan(ROSTER_TYPE, "m", { organizationId: org, emails: [...team.slice(0, 2), UNKNOWN] }, state));
    expect(error).toBeInstanceOf(CheckFailed);
    expect(error.message).toContain("would remove at least 17 members, more than maxRemovals (5: 10 % of 20 members, at least 5)");
    expect(emulator.requests.length).toBe(from);
    // One unknown that may be any of the dropped: 2 certain removals are within the limit, so the preview goes on.
    await engine.plan(ROSTER_TYPE, "m", { organizationId: org, emails: [...team.slice(0, 17), UNKNOWN] }, state);
  });

  test("moving a roster to another organization is guarded: the replace would remove its listed members from the old one", async () => {
    const { org, team, state } = await rosterOf(20);
    const other = orgByHand(emulator);
    const from = emulator.requests.length;
    const error = await rejection(engine.up(ROSTER_TYPE, "m", { organizationId: other, emails: team.slice(0, 2) }, state));
    expect(error).toBeInstanceOf(CheckFailed);
    expect(error.message).toContain(`Changing organizationId from ${org} to ${other} replaces this OrganizationMembers, and deleting the old one would remove 20 members, more than maxRemovals (5: 10 % of 20 members, at least 5)`);
    expect(error.message).toMatch(/retainOnDelete/);
    expect(emulator.requests.length).toBe(from);
    expect(liveEmails(emulator, org)).toEqual(team);
    await engine.up(ROSTER_TYPE, "m", { organizationId: other, emails: team.slice(0, 2), maxRemovals: 20 }, state);
    expect(liveEmails(emulator, org)).toEqual([]);
    expect(liveEmails(emulator, other)).toEqual(team.slice(0, 2));
  });

  test("maxRemovals must be a whole number of at least 0", async () => {
    const failure = await rejection(engine.plan(ROSTER_TYPE, "m", { organizationId: orgByHand(emulator), emails: [], maxRemovals: -1 }));
    expect(failure.message).toMatch(/maxRemovals must be a whole number >= 0/);
  });
});
