/** Full lifecycles through the real dynamic-provider host, with the packed and installed package. */
import type { Emulator, EmulatorOptions } from "./emulator/server";
import { startFixture, type Fixture } from "./helpers/fixture";
import { rejection } from "./helpers/native";
import { HostError, type Engine, type ResourceState } from "./helpers/engine";
import { MEMBER_TYPE, ORG_TYPE } from "./helpers/host";
import { testGet } from "./helpers/test-get";

const variants: Array<[string, Partial<EmulatorOptions>, "/api/v1/" | "/api/"]> = [
  ["camelCase answers under /api/v1/", { keyCase: "camel", timestamps: "iso" }, "/api/v1/"],
  ["snake_case answers with epoch timestamps under /api/", { keyCase: "snake", timestamps: "epoch" }, "/api/"],
];

describe.each(variants)("lifecycle with %s", (_label, options, prefix) => {
  let fixture: Fixture;
  let emulator: Emulator;
  let engine: Engine;
  let org: ResourceState;
  let alice: ResourceState;

  beforeAll(async () => {
    const withoutTrailingSlash = (e: Emulator) => ({ "maiagent:baseUrl": e.baseUrl(prefix).replace(/\/$/, "") });
    ({ emulator, engine } = fixture = await startFixture(options, withoutTrailingSlash));
  });
  afterAll(() => fixture.stop());

  test("creating an organization and a member makes them exist with their ids and outputs", async () => {
    org = (await engine.up(ORG_TYPE, "acme", { name: "Acme Support", compactLogo: "https://acme.example/logo.png" })).state;
    const live = emulator.state.orgs.get(org.id)!;
    expect(live).toMatchObject({ name: "Acme Support", compactLogo: "https://acme.example/logo.png", fullLogo: null });
    expect(org.outputs).toMatchObject({ name: "Acme Support", fullLogo: null, ownerId: emulator.owner.id, ownerName: "owner" });
    expect(org.outputs.createdAt).toBe(options.timestamps === "iso" ? live.createdAt.toISOString() : String(live.createdAt.getTime()));

    alice = (await engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "Alice@Acme.example" })).state;
    const [member] = emulator.state.membersOf(org.id);
    expect(alice.id).toBe(`${org.id}/${member.id}`);
    expect(alice.outputs).toMatchObject({ organizationId: org.id, email: "Alice@Acme.example", memberId: member.id, name: "Alice", isOwner: false });
  });

  test("refresh right after up reports no drift", async () => {
    expect((await engine.refresh(org))!.outputs).toEqual(org.outputs);
    expect((await engine.refresh(alice))!.outputs).toEqual(alice.outputs);
    expect((await engine.plan(ORG_TYPE, "acme", { name: "Acme Support", compactLogo: "https://acme.example/logo.png" }, org)).diff!.changes).toBe("DIFF_NONE");
  });

  test("a rename made by hand shows on refresh and the next up renames it back in place", async () => {
    emulator.state.orgs.get(org.id)!.name = "Renamed By Hand";
    const refreshed = (await engine.refresh(org))!;
    expect(refreshed.outputs.name).toBe("Renamed By Hand");
    expect(refreshed.inputs.name).toBe("Renamed By Hand");
    const { state, op } = await engine.up(ORG_TYPE, "acme", { name: "Acme Support", compactLogo: "https://acme.example/logo.png" }, refreshed);
    expect(op).toBe("update");
    expect(state.id).toBe(org.id);
    expect(emulator.state.orgs.get(org.id)!.name).toBe("Acme Support");
    org = state;
  });

  test("renaming and dropping a logo in the program updates in place with PUT", async () => {
    const before = emulator.count({ method: "PUT" });
    const { state, op } = await engine.up(ORG_TYPE, "acme", { name: "Acme Customer Care" }, org);
    expect(op).toBe("update");
    expect(emulator.count({ method: "PUT" })).toBe(before + 1);
    expect(emulator.state.orgs.get(org.id)).toMatchObject({ name: "Acme Customer Care", compactLogo: null });
    expect(state.outputs).toMatchObject({ name: "Acme Customer Care", compactLogo: null, createdAt: org.outputs.createdAt });
    org = state;
  });

  test("changing only the case of an email is no change", async () => {
    const { op } = await engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice@acme.EXAMPLE" }, alice);
    expect(op).toBe("same");
  });

  test("changing the email replaces the member, deleting the old one first", async () => {
    const plan = await engine.plan(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice.new@acme.example" }, alice);
    expect(plan.diff).toEqual({ changes: "DIFF_SOME", replaces: ["email"], deleteBeforeReplace: true });
    const { state, op } = await engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice.new@acme.example" }, alice);
    expect(op).toBe("replace");
    expect(emulator.state.membersOf(org.id).map((m) => m.email)).toEqual(["alice.new@acme.example"]);
    expect(state.outputs.memberId).not.toBe(alice.outputs.memberId);
    alice = state;
  });

  test("declaring isOwner different from the live value replaces; declaring the same value does not", async () => {
    expect((await engine.plan(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice.new@acme.example", isOwner: false }, alice)).diff!.changes).toBe("DIFF_NONE");
    const { state, op } = await engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice.new@acme.example", isOwner: true }, alice);
    expect(op).toBe("replace");
    expect(state.outputs.isOwner).toBe(true);
    expect(emulator.state.members.get(state.outputs.memberId as string)!.isOwner).toBe(true);
    alice = state;
  });

  testGet("Organization.get and Member.get read existing objects by id", async () => {
    const got = await engine.get(ORG_TYPE, "existing", org.id);
    expect(got.outputs).toMatchObject({ name: "Acme Customer Care", createdAt: org.outputs.createdAt });
    const member = await engine.get(MEMBER_TYPE, "existing-member", alice.id);
    expect(member.outputs).toMatchObject({ email: "alice.new@acme.example", isOwner: true });
    await expect(engine.get(ORG_TYPE, "missing", "00000000-0000-4000-8000-000000000000")).rejects.toThrow(/no organization with id/);
  });

  test("a member removed by hand disappears from state on refresh, and deleting it again succeeds", async () => {
    emulator.state.members.delete(alice.outputs.memberId as string);
    expect(await engine.refresh(alice)).toBeUndefined();
    await expect(engine.destroy(alice)).resolves.toBeUndefined();
  });

  test("destroying the organization fails with 405 guidance, and leaves it in place", async () => {
    const error = await rejection(engine.destroy(org));
    expect(error).toBeInstanceOf(HostError);
    expect(error.message).toContain(`DELETE ${prefix}organizations/${org.id}/ failed with HTTP 405: Method "DELETE" not allowed.`);
    expect(error.message).toMatch(/still exists.*retainOnDelete: true.*pulumi state delete <urn>/);
    expect(emulator.state.orgs.has(org.id)).toBe(true);
  });

  test("an organization deleted by hand reads as gone, and deleting it succeeds", async () => {
    emulator.state.orgs.delete(org.id);
    expect(await engine.refresh(org)).toBeUndefined();
    await expect(engine.destroy(org)).resolves.toBeUndefined();
  });
});
