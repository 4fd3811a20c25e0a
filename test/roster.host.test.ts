/** OrganizationMembers through the real provider host: check, diff, create, protected members, the guard. */
import type { Emulator } from "./emulator/server";
import { useFixture } from "./helpers/shared-fixture";
import { rejection } from "./helpers/native";
import { CheckFailed, HostError, type Engine } from "./helpers/engine";
import { ROSTER_TYPE, UNKNOWN } from "./helpers/host";
import { emailsFor, isMemberList, liveEmails, memberByHand, orgByHand, requestsSince } from "./helpers/roster";

let emulator: Emulator;
let engine: Engine;

useFixture((f) => ({ emulator, engine } = f));
beforeEach(() => {
  emulator.faults.clear();
  emulator.setOptions({ memberCreateReturnsId: false });
  emulator.requests.splice(0);
});

describe.each([
  ["answers without the new member's id (documented)", false],
  ["answers with the new member's id", true],
])("create when the add-member POST %s", (_label, memberCreateReturnsId) => {
  test("adds every email with one POST each and resolves all ids with one scan afterwards", async () => {
    emulator.setOptions({ memberCreateReturnsId });
    const org = orgByHand(emulator);
    const emails = [...emailsFor(30), "Zed@acme.example", "bob@ACME.example"];
    const from = emulator.requests.length;
    const { state } = await engine.up(ROSTER_TYPE, "acme-members", { organizationId: org, emails });

    expect(liveEmails(emulator, org)).toEqual(emails.map((e) => e.toLowerCase()).sort());
    const lines = requestsSince(emulator, from, org);
    expect(lines.filter((l) => l.startsWith("POST"))).toHaveLength(32);
    expect(lines.filter(isMemberList)).toHaveLength(2); // the scan before the writes and the one after
    expect(lines.filter((l) => l.includes("query="))).toEqual([]);
    expect(lines.length).toBeLessThanOrEqual(32 + 3); // + GET users/current/

    expect(state.id).toBe(org);
    const sorted = ["bob@ACME.example", ...emailsFor(30), "Zed@acme.example"];
    expect(state.outputs.emails).toEqual(sorted);
    const byEmail = new Map(emulator.state.membersOf(org).map((m) => [m.email, m]));
    expect(state.outputs.members).toEqual(sorted.map((email) => ({ email, memberId: byEmail.get(email)!.id, name: byEmail.get(email)!.email.split("@")[0], isOwner: false })));
    expect(state.outputs.protectedEmails).toEqual([]);
  });
});

test("check names each invalid email and each case-insensitive duplicate, without a request", async () => {
  const org = orgByHand(emulator);
  const from = emulator.requests.length;
  const error = await rejection(engine.plan(ROSTER_TYPE, "m", { organizationId: "acme", emails: ["alice@acme.example", "not-an-email", "Alice@ACME.example"] }));
  expect(error).toBeInstanceOf(CheckFailed);
  const reasons = (error as CheckFailed).failures.map((f) => `${f.property}: ${f.reason}`).join("\n");
  expect(reasons).toMatch(/organizationId: .*must be a UUID/);
  expect(reasons).toMatch(/emails: .*emails\[1\] "not-an-email" must be a valid email address/);
  expect(reasons).toMatch(/emails: .*"Alice@ACME.example" duplicates "alice@acme.example"/);
  const removeUnlisted = await rejection(engine.plan(ROSTER_TYPE, "m", { organizationId: org, emails: [], removeUnlisted: "yes" }));
  expect(removeUnlisted.message).toMatch(/removeUnlisted/);
  expect(emulator.requests.length).toBe(from);
});

test("check stores the emails sorted case-insensitively and passes unknowns through", async () => {
  const org = orgByHand(emulator);
  const { checked } = await engine.plan(ROSTER_TYPE, "m", { organizationId: org, emails: ["carol@x.example", "Bob@x.example", "alice@x.example"] });
  expect(checked.emails).toEqual(["alice@x.example", "Bob@x.example", "carol@x.example"]);
  const unknown = await engine.plan(ROSTER_TYPE, "m", { organizationId: UNKNOWN, emails: ["alice@x.example", UNKNOWN] });
  expect(unknown.checked).toMatchObject({ organizationId: UNKNOWN, emails: ["alice@x.example", UNKNOWN] });
});

test("diff compares emails as sets, replaces on a new organizationId and reports unknowns", async () => {
  const org = orgByHand(emulator);
  const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@x.example", "bob@x.example"] });
  const diff = async (inputs: Record<string, unknown>) => (await engine.plan(ROSTER_TYPE, "m", inputs, state)).diff;
  expect(await diff({ organizationId: org, emails: ["BOB@x.example", "alice@x.example"] })).toMatchObject({ changes: "DIFF_NONE" });
  expect(await diff({ organizationId: org, emails: ["alice@x.example", "bob@x.example"], removeUnlisted: true })).toMatchObject({ changes: "DIFF_NONE" });
  expect(await diff({ organizationId: org, emails: ["alice@x.example"] })).toEqual({ changes: "DIFF_SOME", replaces: [], deleteBeforeReplace: false });
  expect(await diff({ organizationId: org, emails: ["alice@x.example", UNKNOWN] })).toMatchObject({ changes: "DIFF_SOME", replaces: [] });
  expect(await diff({ organizationId: orgByHand(emulator, "Other"), emails: ["alice@x.example", "bob@x.example"] })).toMatchObject({ changes: "DIFF_SOME", replaces: ["organizationId"] });
  expect(await diff({ organizationId: UNKNOWN, emails: ["alice@x.example", "bob@x.example"] })).toMatchObject({ changes: "DIFF_SOME", replaces: ["organizationId"] });
});

describe("protected members: owners and the API key's own user", () => {
  let org: string;
  beforeEach(() => {
    org = orgByHand(emulator);
    memberByHand(emulator, org, "boss@acme.example", true);
    memberByHand(emulator, org, "owner@emulator.test").email = "Owner@Emulator.TEST"; // users/current/ says owner@emulator.test
  });

  test("are not unlisted members for the guard, are never removed, and are reported in protectedEmails", async () => {
    const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@acme.example"] });
    expect(state.outputs.emails).toEqual(["alice@acme.example"]);
    expect(state.outputs.protectedEmails).toEqual(["boss@acme.example", "Owner@Emulator.TEST"]);

    const { state: emptied } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: [] }, state);
    expect(liveEmails(emulator, org)).toEqual(["boss@acme.example", "owner@emulator.test"]);
    expect(emptied.outputs).toMatchObject({ emails: [], members: [], protectedEmails: ["boss@acme.example", "Owner@Emulator.TEST"] });
    expect(emulator.count({ method: "DELETE" })).toBe(1);
  });

  test("stay when listed and the resource is deleted; the other listed members go", async () => {
    const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@acme.example", "BOSS@acme.example", "owner@emulator.test"] });
    expect(state.outputs.emails).toEqual(["alice@acme.example", "boss@acme.example", "Owner@Emulator.TEST"]);
    await engine.destroy(state);
    expect(liveEmails(emulator, org)).toEqual(["boss@acme.example", "owner@emulator.test"]);
  });
});

describe("the guard on create", () => {
  test("fails when unlisted members exist, naming the first 20 and the count, and changes nothing", async () => {
    const org = orgByHand(emulator);
    const present = emailsFor(25, "hand.example");
    present.forEach((email) => memberByHand(emulator, org, email));
    const from = emulator.requests.length;
    const error = await rejection(engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@acme.example"] }));
    expect(error).toBeInstanceOf(HostError);
    expect((error as HostError).initFailedId).toBeUndefined();
    expect(error.message).toContain(`Organization ${org} already has 25 members not listed in \`emails\`: ${present.slice(0, 20).join(", ")} and 5 more.`);
    expect(error.message).toMatch(/add them to `emails`, or set `removeUnlisted: true` to remove them\. Nothing was changed\./);
    expect(error.message).not.toContain(present[20]);
    expect(requestsSince(emulator, from, org).filter((l) => !l.startsWith("GET"))).toEqual([]);
    expect(liveEmails(emulator, org)).toEqual(present);
  });

  test("removeUnlisted: true removes the unlisted members and adds the listed ones", async () => {
    const org = orgByHand(emulator);
    memberByHand(emulator, org, "stranger@hand.example");
    memberByHand(emulator, org, "alice@acme.example");
    const { state } = await engine.up(ROSTER_TYPE, "m", { organizationId: org, emails: ["alice@acme.example", "dora@acme.example"], removeUnlisted: true });
    expect(liveEmails(emulator, org)).toEqual(["alice@acme.example", "dora@acme.example"]);
    expect(state.outputs.emails).toEqual(["alice@acme.example", "dora@acme.example"]);
    expect(emulator.count({ method: "POST" })).toBe(1);
  });
});

test("an organization that is not visible fails create with the API's answer", async () => {
  const error = await rejection(engine.up(ROSTER_TYPE, "m", { organizationId: "00000000-0000-4000-8000-000000000000", emails: ["a@x.example"] }));
  expect(error.message).toMatch(/GET \/api\/v1\/organizations\/00000000-0000-4000-8000-000000000000\/members\/.*failed with HTTP 404/);
});
