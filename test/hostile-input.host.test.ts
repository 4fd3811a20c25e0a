/** Hostile and odd input through the real provider host: a clear error naming the culprit, and no request sent. */
import type { Emulator } from "./emulator/server";
import { useFixture } from "./helpers/shared-fixture";
import { loadPackage, rejection } from "./helpers/native";
import { CheckFailed, Engine, type ResourceState } from "./helpers/engine";
import { GROUP_MEMBER_TYPE, GROUP_MEMBERS_TYPE, GROUP_TYPE, MEMBER_TYPE, ORG_TYPE, ProviderHost, providerTexts } from "./helpers/host";

let emulator: Emulator;
let engine: Engine;

useFixture((f) => ({ emulator, engine } = f));
beforeEach(() => emulator.requests.splice(0));

const ORG = "3be0a7de-9aa3-41f7-ae68-0a58d1197a5c";
const MEMBER = "5d0e6f3a-7c1b-4e2a-9f8d-1a2b3c4d5e6f";
const state = (type: string, id: string): ResourceState => ({
  type, urn: engine.urn(type, "x"), id, inputs: {},
  outputs: { organizationId: ORG, email: "a@acme.example", memberId: MEMBER, name: "Acme", __provider: providerTexts()[type] },
});

describe.each([
  [MEMBER_TYPE, [`${ORG}/..`, `${ORG}/.`, `../${MEMBER}`, `${ORG}/${MEMBER}/..`, `${ORG}/%2e%2e`, `${ORG}/${MEMBER}?x=1`, "not-a-uuid/x", ""]],
  [ORG_TYPE, ["..", ".", `${ORG}/..`, `../${ORG}`, "%2e%2e", `${ORG}#`, "acme"]],
  [GROUP_TYPE, [`${ORG}/..`, `../${MEMBER}`, `${ORG}/${MEMBER}/x`, ORG]],
  [GROUP_MEMBERS_TYPE, [`${ORG}/..`, `${ORG}/%2e%2e`, ORG]],
  [GROUP_MEMBER_TYPE, [`${ORG}/${MEMBER}/..`, `${ORG}/${MEMBER}`, `${ORG}/../${MEMBER}`]],
])("%s ids that are not UUIDs", (type, ids) => {
  test.each(ids)("%j: read, update and delete fail naming the id, and send nothing", async (id) => {
    const resource = state(type, id);
    for (const attempt of [
      engine.refresh(resource),
      engine.destroy(resource),
      engine.host.update(id, resource.urn, resource.outputs, { ...resource.outputs, name: "Other" }),
    ]) {
      const error = await rejection(attempt);
      expect(error.message).toContain(`id ${JSON.stringify(id)} is not`);
    }
    expect(emulator.requests).toHaveLength(0);
  });
});

test("an organization name with surrounding whitespace fails check naming `name`, since the API would trim it", async () => {
  for (const name of [" Acme", "Acme ", "Acme\n", "\tAcme"]) {
    const error = (await rejection(engine.plan(ORG_TYPE, "acme", { name }))) as CheckFailed;
    expect(error.failures).toEqual([{ property: "name", reason: "name must not start or end with whitespace (the API trims it)" }]);
  }
  expect(emulator.requests).toHaveLength(0);
});

test("internationalised emails the API accepts pass check, and such a member is added", async () => {
  for (const email of ["user@bücher.de", "joerg.mueller@例子.广告", "ſam@acme.example", "\"quoted\"@acme.example"]) {
    const { checked } = await engine.plan(MEMBER_TYPE, "m", { organizationId: ORG, email });
    expect(checked.email).toBe(email);
  }
  const org = (await engine.up(ORG_TYPE, "acme", { name: "Acme" })).state;
  const { state: member } = await engine.up(MEMBER_TYPE, "m", { organizationId: org.id, email: "user@bücher.de" });
  expect(member.outputs).toMatchObject({ email: "user@bücher.de", memberId: emulator.state.membersOf(org.id)[0].id });
});

test("emails the API would refuse still fail check, naming `email`", async () => {
  for (const email of ["alice", "alice@", "@acme.example", "a@b@c", "alice@acme", "jörg@acme.example", "a..b@acme.example", "a b@acme.example", "a@-acme.example", "a@acme_x.example"]) {
    const error = (await rejection(engine.plan(MEMBER_TYPE, "m", { organizationId: ORG, email }))) as CheckFailed;
    expect(error.failures).toEqual([{ property: "email", reason: "email must be a valid email address" }]);
  }
  expect(emulator.requests).toHaveLength(0);
});

describe("a baseUrl with plain http://", () => {
  const { MaiAgentClient } = loadPackage();

  test.each(["http://api.maiagent.ai/api/v1/", "http://10.0.0.8/api/", "http://127.example.com/api/"])(
    "to %s (not loopback) is refused, saying to use https",
    async (baseUrl) => {
      expect(() => new MaiAgentClient({ apiKey: "k", baseUrl })).toThrow(/plain http:\/\/.*would send the API key unencrypted.*https:\/\//);
      const host = await ProviderHost.start();
      try {
        await host.configure({ "maiagent:apiKey": "k", "maiagent:baseUrl": baseUrl });
        const error = await rejection(new Engine(host).plan(ORG_TYPE, "acme", { name: "Acme" }));
        expect(error.message).toContain("use https://");
        expect(error.message).not.toContain("Api-Key");
      } finally {
        await host.stop();
      }
    },
  );

  test.each(["http://127.0.0.1:8080/api/v1/", "http://127.1.2.3/api/", "http://localhost:8080/api/", "http://[::1]:8080/api/", "https://api.example.com/api/"])(
    "to loopback, or https anywhere, is accepted: %s",
    (baseUrl) => {
      expect(() => new MaiAgentClient({ apiKey: "k", baseUrl })).not.toThrow();
    },
  );
});

test("the API client refuses an empty, \".\" or \"..\" path segment before sending anything", async () => {
  const { MaiAgentClient } = loadPackage();
  const api = new MaiAgentClient({ apiKey: emulator.options.apiKey, baseUrl: emulator.baseUrl() });
  for (const id of ["", ".", ".."]) {
    await expect(api.removeMember(ORG, id)).rejects.toThrow(`id: ${JSON.stringify(id)} is not an id`);
    await expect(api.deleteOrganization(id)).rejects.toThrow(`id: ${JSON.stringify(id)} is not an id`);
  }
  expect(emulator.requests).toHaveLength(0);
});
