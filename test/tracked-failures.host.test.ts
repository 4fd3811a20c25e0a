/** Failures after the object exists, through the real provider host: the state the engine keeps still works. */
import type { Emulator } from "./emulator/server";
import { useFixture } from "./helpers/shared-fixture";
import { rejection } from "./helpers/native";
import { HostError, type Engine, type ResourceState } from "./helpers/engine";
import { MEMBER_TYPE, ORG_TYPE, providerTexts } from "./helpers/host";

let emulator: Emulator;
let engine: Engine;

// A short retry budget keeps the give-up cases quick; every lookup that must succeed is far inside it.
useFixture((f) => ({ emulator, engine } = f), {}, { "maiagent:retryBudgetMs": "3000" });
beforeEach(() => {
  emulator.faults.clear();
  emulator.state.orgs.clear();
  emulator.state.members.clear();
  emulator.requests.splice(0);
  emulator.setOptions({ memberCreateHonoursIsOwner: true });
});

const newOrg = async () => (await engine.up(ORG_TYPE, "acme", { name: "Acme" })).state;

/** The state the engine saves for a create that failed with an id: the new inputs, and the error's properties as outputs. */
async function failedCreate(type: string, name: string, inputs: Record<string, unknown>): Promise<{ error: HostError; state: ResourceState }> {
  const { urn, checked } = await engine.plan(type, name, inputs);
  const error = (await rejection(engine.host.create(urn, checked))) as HostError;
  expect(error).toBeInstanceOf(HostError);
  expect(error.initFailedId).toBeTruthy();
  return { error, state: { type, urn, id: error.initFailedId!, inputs: checked, outputs: error.initFailedProperties! } };
}

describe("a member whose declared isOwner the API ignores on create", () => {
  let org: ResourceState;
  const alice = () => ({ organizationId: org.id, email: "alice@acme.example", isOwner: true });
  beforeEach(async () => {
    org = await newOrg();
    emulator.setOptions({ memberCreateHonoursIsOwner: false });
  });

  test("fails with a message that says what to do, and stays tracked with the provider and a reason", async () => {
    const { error, state } = await failedCreate(MEMBER_TYPE, "alice", alice());
    const [live] = emulator.state.membersOf(org.id);
    expect(state.id).toBe(`${org.id}/${live.id}`);
    expect(error.message).toContain("the API reports isOwner=false where true was declared");
    expect(error.message).toMatch(/owner in MaiAgent.*pulumi refresh.*isOwner/s);
    expect(state.outputs).toMatchObject({ __provider: providerTexts()[MEMBER_TYPE], memberId: live.id, isOwner: false });
  });

  test("refresh and destroy work with exactly the properties the engine stored", async () => {
    const { state } = await failedCreate(MEMBER_TYPE, "alice", alice());
    const refreshed = await engine.refresh(state);
    expect(refreshed?.outputs).toMatchObject({ email: "alice@acme.example", isOwner: false });
    await engine.destroy(state);
    expect(emulator.state.membersOf(org.id)).toHaveLength(0);
  });

  test("the next up replaces it and fails again with the same message, leaving exactly one tracked member", async () => {
    const first = await failedCreate(MEMBER_TYPE, "alice", alice());
    const again = (await rejection(engine.up(MEMBER_TYPE, "alice", alice(), first.state))) as HostError;
    expect(again.message.replace(/member id \S+/, "")).toBe(first.error.message.replace(/member id \S+/, ""));
    const members = emulator.state.membersOf(org.id);
    expect(members).toHaveLength(1);
    expect(again.initFailedId).toBe(`${org.id}/${members[0].id}`);
  });

  test("an update asked for by the engine fails again while isOwner differs, and succeeds without a request once it is not declared", async () => {
    const { error, state } = await failedCreate(MEMBER_TYPE, "alice", alice());
    const before = emulator.requests.length;
    const updateError = await rejection(engine.host.update(state.id, state.urn, state.outputs, state.inputs));
    expect(updateError.message).toBe(error.message);
    const { checked } = await engine.plan(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice@acme.example" }, state);
    const outputs = await engine.host.update(state.id, state.urn, state.outputs, checked);
    expect(outputs).toMatchObject({ memberId: state.outputs.memberId, isOwner: false });
    expect(emulator.requests.length).toBe(before);
  });
});

test("an organization whose POST fails ambiguously and whose read-back fails is tracked by its id; the next up completes it", async () => {
  emulator.faults.add({ kind: "status", status: 503, when: "after", method: "POST", path: /^organizations\/$/ });
  emulator.faults.add({ kind: "status", status: 503, method: "GET", path: /^organizations\/[^/]+\/$/, times: 1000 });
  const { error, state } = await failedCreate(ORG_TYPE, "acme", { name: "Acme" });
  expect([...emulator.state.orgs.keys()]).toEqual([state.id]);
  expect(error.message).toContain(`organization "Acme" (${state.id})`);
  expect(state.outputs).toMatchObject({ name: "Acme", __provider: providerTexts()[ORG_TYPE] });

  emulator.faults.clear();
  expect((await engine.refresh(state))?.outputs).toMatchObject({ name: "Acme", ownerId: emulator.owner.id });
  const { checked, diff } = await engine.plan(ORG_TYPE, "acme", { name: "Acme" }, state);
  expect(diff!.replaces).toEqual([]); // with a failed create behind it, the engine calls update next
  const outputs = await engine.host.update(state.id, state.urn, state.outputs, checked);
  expect(outputs).toMatchObject({ name: "Acme", ownerId: emulator.owner.id });
  expect(emulator.state.orgs.size).toBe(1);
  expect(emulator.count({ method: "POST" })).toBe(1);
});

describe("a member added by a POST whose id lookup does not find it at first", () => {
  const listGet = { method: "GET", path: /^organizations\/[^/]+\/members\/$/ };

  test("is looked up again with backoff and tracked: one POST", async () => {
    const org = await newOrg();
    emulator.faults.add({ ...listGet, kind: "empty-page", times: 2 });
    const { state } = await engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice@acme.example" });
    const members = emulator.state.membersOf(org.id);
    expect(state.id).toBe(`${org.id}/${members[0].id}`);
    expect(emulator.count({ method: "POST", path: /members\/$/ })).toBe(1);
    expect(emulator.count({ method: "GET", path: /members\/$/ })).toBe(3);
  });

  test.each([
    ["never listed", { kind: "empty-page" as const }],
    ["list keeps failing", { kind: "status" as const, status: 503 }],
  ])("gives up within the retry budget (%s) with a message that says what to do", async (_label, fault) => {
    const org = await newOrg();
    emulator.faults.add({ ...listGet, ...fault, times: 1000 });
    const error = await rejection(engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice@acme.example" }));
    expect(error.message).toContain(`Added alice@acme.example to organization ${org.id}, but could not find its id`);
    expect(error.message).toContain("set `adoptExisting: true` on this Member and run `pulumi up` again: it takes the member over, nobody is removed");
    expect(error.message).not.toMatch(/outside this stack/);
    expect(emulator.count({ method: "GET", path: /members\/$/ })).toBeGreaterThan(1);
    expect(emulator.count({ method: "POST", path: /members\/$/ })).toBe(1);
  });
});
