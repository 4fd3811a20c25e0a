/** Taking over what already exists (the engine cannot import dynamic resources): Member.adoptExisting and
 * Organization.adoptId, and `up` after an interrupted `up` whose create already happened. */
import type { Emulator } from "./emulator/server";
import { useFixture } from "./helpers/shared-fixture";
import { rejection } from "./helpers/native";
import { CheckFailed, HostError, type Engine } from "./helpers/engine";
import { MEMBER_TYPE, ORG_TYPE, providerTexts } from "./helpers/host";
import { memberByHand, orgByHand } from "./helpers/roster";

let emulator: Emulator;
let engine: Engine;
const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

useFixture((f) => ({ emulator, engine } = f));
beforeEach(() => emulator.requests.splice(0));

describe("Member adoptExisting", () => {
  test("without it, the 'already a member' error names the option", async () => {
    const org = orgByHand(emulator);
    const existing = memberByHand(emulator, org, "alice@acme.example");
    const error = await rejection(engine.up(MEMBER_TYPE, "alice", { organizationId: org, email: "alice@acme.example" }));
    expect(error.message).toContain(`alice@acme.example is already a member of organization ${org} (member id ${existing.id})`);
    expect(error.message).toContain("set `adoptExisting: true`");
  });

  test("with it, create takes over the existing member without a POST", async () => {
    const org = orgByHand(emulator);
    const existing = memberByHand(emulator, org, "Erin@acme.example");
    const { state } = await engine.up(MEMBER_TYPE, "erin", { organizationId: org, email: "erin@ACME.example", adoptExisting: true });
    expect(writes()).toEqual([]);
    expect(state.id).toBe(`${org}/${existing.id}`);
    expect(state.outputs).toMatchObject({ organizationId: org, email: "Erin@acme.example", memberId: existing.id, isOwner: false });
    expect((await engine.plan(MEMBER_TYPE, "erin", { organizationId: org, email: "erin@acme.example" }, state)).diff!.changes).toBe("DIFF_NONE");
  });

  test("with it, a member that does not exist yet is added", async () => {
    const org = orgByHand(emulator);
    const { state } = await engine.up(MEMBER_TYPE, "bob", { organizationId: org, email: "bob@acme.example", adoptExisting: true });
    expect(writes()).toEqual([`POST /api/v1/organizations/${org}/members/`]);
    expect(state.id).toBe(`${org}/${emulator.state.membersOf(org)[0].id}`);
  });

  test("with it, a declared isOwner that differs from the adopted member fails but keeps the member tracked", async () => {
    const org = orgByHand(emulator);
    const existing = memberByHand(emulator, org, "carol@acme.example");
    const error = (await rejection(engine.up(MEMBER_TYPE, "carol", { organizationId: org, email: "carol@acme.example", isOwner: true, adoptExisting: true }))) as HostError;
    expect(error.message).toMatch(/isOwner=false where true was declared/);
    expect(error.initFailedId).toBe(`${org}/${existing.id}`);
    expect(error.initFailedProperties!.__provider).toBe(providerTexts()[MEMBER_TYPE]);
    expect(writes()).toEqual([]);
  });

  test("up after an interrupted up whose POST already happened succeeds without manual clean-up", async () => {
    const org = orgByHand(emulator);
    const inputs = { organizationId: org, email: "dave@acme.example", adoptExisting: true };
    await engine.up(MEMBER_TYPE, "dave", inputs); // the engine never recorded this result (pending create)
    const { state } = await engine.up(MEMBER_TYPE, "dave", inputs);
    expect(emulator.state.membersOf(org)).toHaveLength(1);
    expect(state.id).toBe(`${org}/${emulator.state.membersOf(org)[0].id}`);
  });
});

describe("Organization adoptId", () => {
  test("check: adoptId must be a UUID, with no request", async () => {
    const error = await rejection(engine.plan(ORG_TYPE, "acme", { name: "Acme", adoptId: "acme" }));
    expect(error).toBeInstanceOf(CheckFailed);
    expect(error.message).toMatch(/adoptId: adoptId must be a UUID/);
    expect(emulator.requests).toEqual([]);
  });

  test("an organization that already matches is taken over with zero writes", async () => {
    const id = orgByHand(emulator, "Acme Support");
    emulator.state.orgs.get(id)!.compactLogo = "https://acme.example/logo.png";
    const { state } = await engine.up(ORG_TYPE, "acme", { name: "Acme Support", compactLogo: "https://acme.example/logo.png", adoptId: id });
    expect(writes()).toEqual([]);
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/organizations/${id}/`]);
    expect(state.id).toBe(id);
    expect(state.outputs).toMatchObject({ name: "Acme Support", compactLogo: "https://acme.example/logo.png", fullLogo: null, ownerId: emulator.owner.id });
    expect(emulator.state.orgs.size).toBeGreaterThan(0);
  });

  test("an organization that differs in name or logos gets exactly one PUT, never a POST", async () => {
    const id = orgByHand(emulator, "Old Name");
    emulator.state.orgs.get(id)!.fullLogo = "https://acme.example/old.png";
    const { state } = await engine.up(ORG_TYPE, "acme", { name: "New Name", adoptId: id });
    expect(writes()).toEqual([`PUT /api/v1/organizations/${id}/`]);
    expect(emulator.state.orgs.get(id)).toMatchObject({ name: "New Name", fullLogo: null });
    expect(state.outputs).toMatchObject({ name: "New Name", fullLogo: null });
  });

  test("an adoptId that now names another organization fails in diff, naming both ids, before any write", async () => {
    const id = orgByHand(emulator, "Acme");
    const { state } = await engine.up(ORG_TYPE, "acme", { name: "Acme", adoptId: id });
    const other = orgByHand(emulator, "Other");
    emulator.requests.splice(0);
    const error = await rejection(engine.up(ORG_TYPE, "acme", { name: "Renamed", adoptId: other.toUpperCase() }, state));
    expect(error.message).toContain(`adoptId ${other.toUpperCase()} is declared, but this Organization manages organization ${id}`);
    expect(error.message).toContain("the key now points at another organization");
    expect(emulator.requests).toEqual([]);
    // The same id in another letter case, or no adoptId at all, is the organization it manages: no change.
    expect((await engine.plan(ORG_TYPE, "acme", { name: "Acme", adoptId: id.toUpperCase() }, state)).diff!.changes).toBe("DIFF_NONE");
    expect((await engine.plan(ORG_TYPE, "acme", { name: "Acme" }, state)).diff!.changes).toBe("DIFF_NONE");
  });

  test("an adoptId this key cannot see fails clearly and creates nothing", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const error = await rejection(engine.up(ORG_TYPE, "acme", { name: "Acme", adoptId: missing }));
    expect(error.message).toContain(`adoptId ${missing}: no organization with this id is visible to this API key`);
    expect(error.message).toMatch(/GET \/api\/v1\/organizations\/0{8}-0{4}-4000-8000-0{12}\/ failed with HTTP 404/);
    expect(writes()).toEqual([]);
  });
});
