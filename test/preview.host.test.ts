/** Preview through the real provider host: unknown values, per-field check failures, no request sent. */
import type { Emulator } from "./emulator/server";
import { useFixture } from "./helpers/shared-fixture";
import { CheckFailed, Engine } from "./helpers/engine";
import { MEMBER_TYPE, ORG_TYPE, ProviderHost, UNKNOWN } from "./helpers/host";
import { rejection } from "./helpers/native";

let emulator: Emulator;
let engine: Engine;

useFixture((f) => ({ emulator, engine } = f));
beforeEach(() => emulator.requests.splice(0));

const orgId = "3be0a7de-9aa3-41f7-ae68-0a58d1197a5c";
const orgState = { type: ORG_TYPE, urn: "urn:org", id: orgId, inputs: {}, outputs: { name: "Acme", compactLogo: null, fullLogo: null } };
const memberState = { type: MEMBER_TYPE, urn: "urn:member", id: `${orgId}/m1`, inputs: {}, outputs: { organizationId: orgId, email: "a@acme.example", isOwner: false } };

test("a member whose organization id is not yet known previews as a create, with no request sent", async () => {
  const { checked } = await engine.plan(MEMBER_TYPE, "alice", { organizationId: UNKNOWN, email: "alice@acme.example" });
  expect(checked).toMatchObject({ organizationId: UNKNOWN, email: "alice@acme.example" });
  expect(emulator.requests).toHaveLength(0);
});

test("an unknown new name previews as an in-place update of the organization, never a replacement", async () => {
  const { diff } = await engine.plan(ORG_TYPE, "acme", { name: UNKNOWN }, orgState);
  expect(diff).toEqual({ changes: "DIFF_SOME", replaces: [], deleteBeforeReplace: false });
});

test("an unknown email or organization previews as a delete-before-replace of the member", async () => {
  const { diff } = await engine.plan(MEMBER_TYPE, "alice", { organizationId: UNKNOWN, email: "a@acme.example" }, memberState);
  expect(diff).toEqual({ changes: "DIFF_SOME", replaces: ["organizationId"], deleteBeforeReplace: true });
  const sameButCase = await engine.plan(MEMBER_TYPE, "alice", { organizationId: orgId, email: "A@ACME.example" }, memberState);
  expect(sameButCase.diff!.changes).toBe("DIFF_NONE");
  expect(emulator.requests).toHaveLength(0);
});

test("bad organization input fails check naming each field, and sends no request", async () => {
  const error = (await rejection(engine.plan(ORG_TYPE, "bad", { name: "   ", compactLogo: "logo.png", fullLogo: "ftp://x.example/l.png" }))) as CheckFailed;
  expect(error).toBeInstanceOf(CheckFailed);
  expect(error.failures).toEqual([
    { property: "name", reason: "name must not be blank" },
    { property: "compactLogo", reason: "compactLogo must be an absolute http(s) URL" },
    { property: "fullLogo", reason: "fullLogo must be an absolute http(s) URL" },
  ]);
  const missing = (await rejection(engine.plan(ORG_TYPE, "bad", {}))) as CheckFailed;
  expect(missing.failures).toEqual([{ property: "name", reason: "name is required" }]);
  expect(emulator.requests).toHaveLength(0);
});

test("bad member input fails check naming each field, and sends no request", async () => {
  const error = (await rejection(engine.plan(MEMBER_TYPE, "bad", { organizationId: "acme", email: "alice(at)acme", isOwner: "yes" }))) as CheckFailed;
  expect(error.failures.map((f) => f.property)).toEqual(["organizationId", "email", "isOwner"]);
  expect(error.failures[0].reason).toMatch(/^organizationId must be a UUID/);
  expect(error.failures[1].reason).toBe("email must be a valid email address");
  expect(error.failures[2].reason).toBe("isOwner must be true or false");
  expect(emulator.requests).toHaveLength(0);
});

test("without an API key, preview fails at check with a message naming both ways to set it", async () => {
  const env = { MAIAGENT_API_KEY: "" };
  const bare = await ProviderHost.start(env);
  try {
    await bare.configure({ "maiagent:baseUrl": emulator.baseUrl() });
    const error = await rejection(new Engine(bare).plan(ORG_TYPE, "acme", { name: "Acme" }));
    expect(error.message).toContain("No MaiAgent API key. Set it with `pulumi config set --secret maiagent:apiKey <key>` or the MAIAGENT_API_KEY environment variable.");
  } finally {
    await bare.stop();
  }
});

test("the environment supplies the key and base URL when the stack config does not", async () => {
  const envHost = await ProviderHost.start({ MAIAGENT_API_KEY: emulator.options.apiKey, MAIAGENT_BASE_URL: emulator.baseUrl("/api/") });
  try {
    await envHost.configure({});
    const { state } = await new Engine(envHost).up(ORG_TYPE, "from-env", { name: "From Env" });
    expect(emulator.state.orgs.get(state.id)?.name).toBe("From Env");
    expect(emulator.requests.every((r) => r.path.startsWith("/api/organizations/"))).toBe(true);
  } finally {
    await envHost.stop();
  }
});
