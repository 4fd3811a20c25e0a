/** The API key never reaches state, outputs, the host's log or any error text. */
import { startFixture } from "./helpers/fixture";
import { Engine, type ResourceState } from "./helpers/engine";
import { GROUP_MEMBER_TYPE, GROUP_MEMBERS_TYPE, GROUP_TYPE, HostError, hostServesGet, MEMBER_TYPE, ORG_TYPE, ProviderHost, providerTexts, ROSTER_TYPE } from "./helpers/host";
import { rejection } from "./helpers/native";

const CANARY = "mai-canary-5e1d7c0a-secret";
const WRONG = "mai-wrong-0b9e44d2-secret";

test("the __provider each resource stores names only the runtime module and holds no key", () => {
  for (const [type, text] of Object.entries(providerTexts())) {
    expect(text).toContain('"pulumi-maiagent/runtime"');
    expect(text).not.toContain("serialization-canary-key"); // MAIAGENT_API_KEY was set while serializing
    expect(text).not.toMatch(/got|zod|Api-Key/);
    expect(text.length).toBeLessThan(4096);
    expect(type).toMatch(/^pulumi-nodejs:dynamic\/maiagent:(Organization|Member|OrganizationMembers|Group|GroupMembers|GroupMember)$/);
  }
});

test("a whole lifecycle with failures leaves the key in no output, state, log line or error message", async () => {
  const fixture = await startFixture({ apiKey: CANARY }, { "maiagent:retryBudgetMs": "1000" });
  const { emulator, host, engine } = fixture;
  const wrongHost = await ProviderHost.start();
  const seen: unknown[] = [];
  try {
    await wrongHost.configure({ "maiagent:apiKey": WRONG, "maiagent:baseUrl": emulator.baseUrl() });
    const org = (await engine.up(ORG_TYPE, "acme", { name: "Acme" })).state;
    const member = (await engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice@acme.example" })).state;
    const roster = (await engine.up(ROSTER_TYPE, "acme", { organizationId: org.id, emails: ["alice@acme.example", "bob@acme.example"] })).state;
    seen.push(org, member, await engine.refresh(org), await engine.refresh(member), roster, await engine.refresh(roster));

    emulator.faults.add({ kind: "status", status: 503, method: "PUT", times: 50 });
    seen.push(await rejection(engine.up(ORG_TYPE, "acme", { name: "Acme 2" }, org)));
    seen.push(await rejection(engine.up(MEMBER_TYPE, "dup", { organizationId: org.id, email: "ALICE@acme.example" })));
    seen.push(await rejection(engine.destroy(org)));
    emulator.faults.add({ kind: "status", status: 503, method: "POST", path: /members\/$/, times: 50 });
    const failedRoster = (await rejection(engine.up(ROSTER_TYPE, "acme", { organizationId: org.id, emails: ["carol@acme.example"] }, roster))) as HostError;
    expect(failedRoster.initFailedId).toBe(org.id); // tracked: its properties are what state would hold
    seen.push(failedRoster, failedRoster.initFailedProperties);
    if (hostServesGet()) seen.push(await rejection(engine.get(ORG_TYPE, "missing", "00000000-0000-4000-8000-000000000000")));
    seen.push(await rejection(new Engine(wrongHost).up(ORG_TYPE, "other", { name: "Other" })));
    // Roles: a group, its members and one person in it, refreshed, and the errors a group can give.
    emulator.faults.clear();
    const team = (await engine.up(ORG_TYPE, "team", { name: "Team" })).state;
    const people = (await engine.up(ROSTER_TYPE, "team", { organizationId: team.id, emails: ["ann@team.example", "ben@team.example"] })).state;
    const group = (await engine.up(GROUP_TYPE, "support", { organizationId: team.id, name: "Support", permissions: ["chatbot.view"] })).state;
    const groupId = group.outputs.groupId as string;
    const holders = (await engine.up(GROUP_MEMBERS_TYPE, "support", { organizationId: team.id, groupId, emails: ["ann@team.example"] })).state;
    const single = (await engine.up(GROUP_MEMBER_TYPE, "ben", { organizationId: team.id, groupId, email: "ben@team.example" })).state;
    const roles: unknown[] = [people, group, holders, single, await engine.refresh(group), await engine.refresh(holders), await engine.refresh(single)];
    roles.push(await rejection(engine.up(GROUP_MEMBERS_TYPE, "outsider", { organizationId: team.id, groupId, emails: ["nobody@else.example"] })));
    roles.push(await rejection(engine.up(GROUP_TYPE, "bad", { organizationId: team.id, name: "Bad", permissions: ["no.such.permission"] })));
    const roleTexts = roles.map((item) => (item instanceof Error ? `${item.message}\n${item.stack}` : JSON.stringify(item)));
    expect(roleTexts.slice(7).every((t) => /not a member|no.such.permission/.test(t))).toBe(true);
    const texts = seen.map((item) => (item instanceof Error ? `${item.message}\n${item.stack}` : JSON.stringify(item as ResourceState)));
    expect(texts.slice(6).filter((t) => t.startsWith("{")).length).toBe(1); // the roster's tracked outputs after its failed update
    expect(texts.slice(6).every((t) => t.startsWith("{") || /failed with HTTP (503|405|404|401)|already a member|no organization/.test(t))).toBe(true);
    for (const text of [...texts, ...roleTexts, host.log, wrongHost.log]) {
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(WRONG);
    }
  } finally {
    await wrongHost.stop();
    await fixture.stop();
  }
});
