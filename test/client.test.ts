/** The API client against the emulator over real HTTP: endpoints, key cases, prefixes, pagination, errors. */
import { Emulator, type EmulatorOptions } from "./emulator/server";
import { loadPackage, packageEnv, rejection, type Client } from "./helpers/native";

const { MaiAgentClient, MaiAgentApiError, MaiAgentValidationError } = loadPackage();
let emulator: Emulator;
const client = (baseUrl = emulator.baseUrl(), extra: Record<string, string | number> = {}): Client =>
  new MaiAgentClient({ apiKey: emulator.options.apiKey, baseUrl, ...extra });

beforeEach(async () => (emulator = await Emulator.start()));
afterEach(() => emulator.stop());

describe.each<[string, Partial<EmulatorOptions>, "/api/v1/" | "/api/"]>([
  ["camelCase under /api/v1/", { keyCase: "camel" }, "/api/v1/"],
  ["snake_case with epoch timestamps under /api/", { keyCase: "snake", timestamps: "epoch" }, "/api/"],
])("every documented endpoint with %s", (_label, options, prefix) => {
  test("organizations, members and the account endpoints round-trip typed camelCase records", async () => {
    emulator.setOptions(options);
    const api = client(emulator.baseUrl(prefix));
    const org = await api.createOrganization({ name: "Acme", compactLogo: "https://acme.example/c.png" });
    expect(org).toMatchObject({ name: "Acme", compactLogo: "https://acme.example/c.png", fullLogo: null, owner: { name: "owner" } });
    expect(typeof org.createdAt).toBe("string");
    expect((await api.listOrganizations()).results.map((o) => o.id)).toEqual([org.id]);
    expect(await api.updateOrganization(org.id, { name: "Acme 2", compactLogo: null })).toMatchObject({ name: "Acme 2", compactLogo: null });
    expect(await api.patchOrganization(org.id, { fullLogo: "https://acme.example/f.png" })).toMatchObject({ name: "Acme 2", fullLogo: "https://acme.example/f.png" });
    expect((await api.getOrganization(org.id)).name).toBe("Acme 2");

    const added = await api.addMember(org.id, { email: "bob@acme.example", isOwner: true });
    expect(added).toMatchObject({ email: "bob@acme.example", organization: org.id, isOwner: true });
    const [bob] = (await api.listMembers(org.id, { query: "BOB@" })).results;
    expect(bob).toMatchObject({ email: "bob@acme.example", name: "bob", isOwner: true });
    expect((await api.getMember(org.id, bob.id)).email).toBe("bob@acme.example");
    await api.removeMember(org.id, bob.id);
    expect((await api.listMembers(org.id)).count).toBe(0);

    expect(await api.getCurrentUser()).toMatchObject({ email: "owner@emulator.test" });
    expect(await api.updateCurrentUser({ name: "Owner", email: "owner@emulator.test" })).toMatchObject({ name: "Owner" });
    expect((await api.listPermissions())[0].name).toBe("organization.manage");
    expect(await api.changePassword({ oldPassword: "a", newPassword1: "b", newPassword2: "b" })).toEqual({ detail: "New password has been saved." });
    const registration = { email: "new@acme.example", password1: "p", password2: "p", name: "New", company: "Acme" };
    expect(await api.register(registration)).toEqual({ detail: "Verification e-mail sent." });
    expect(emulator.requests.every((r) => r.path.startsWith(prefix) && r.status < 300)).toBe(true);
  });
});

test("a full scan asks for the largest page size once and then walks pages: 250 members cost 3 requests", async () => {
  const org = emulator.state.createOrg({ name: "Big" }, emulator.owner.id).body as { id: string };
  for (let i = 0; i < 250; i++) emulator.state.addMember(emulator.state.orgs.get(org.id)!, { email: `m${i}@big.example` });
  const members = await client().listAllMembers(org.id);
  expect(new Set(members.map((m) => m.id)).size).toBe(250);
  expect(emulator.requests.map((r) => new URLSearchParams(r.query).get("page"))).toEqual(["1", "2", "3"]);
});

test("a server that rejects oversize page sizes with 400 is asked again with a smaller size, remembered afterwards", async () => {
  emulator.setOptions({ rejectOversizePageSize: true });
  const api = client();
  await api.listAllOrganizations();
  await api.listAllOrganizations();
  expect(emulator.requests.map((r) => `${r.status} ${new URLSearchParams(r.query).get("pageSize")}`)).toEqual(["400 1000", "200 100", "200 100"]);
});

test("an API error names method, path, status and the API's own message, and never the key", async () => {
  const api = client();
  const missing = "00000000-0000-4000-8000-000000000000";
  const error = await rejection(api.getOrganization(missing));
  expect(error).toBeInstanceOf(MaiAgentApiError);
  expect(error).toMatchObject({ method: "GET", path: `/api/v1/organizations/${missing}/`, status: 404, body: { detail: "Not found." } });
  expect(error.message).toBe(`GET /api/v1/organizations/${missing}/ failed with HTTP 404: Not found. It does not exist (or is not visible to this key). Check the id, and that maiagent:baseUrl (or MAIAGENT_BASE_URL) is the API root.`);

  const org = await api.createOrganization({ name: "Dup" });
  await api.addMember(org.id, { email: "a@dup.example" });
  const duplicate = await rejection(api.addMember(org.id, { email: "A@dup.example" }));
  expect(duplicate.message).toContain(`POST /api/v1/organizations/${org.id}/members/ failed with HTTP 400: email: This user is already a member of this organization.`);

  const unauthorized = await rejection(new MaiAgentClient({ apiKey: "wrong-secret-key", baseUrl: emulator.baseUrl() }).listOrganizations());
  expect(unauthorized.message).toMatch(/^GET \/api\/v1\/organizations\/ failed with HTTP 401: Invalid API key\. Check the API key/);
  for (const e of [error, duplicate, unauthorized]) expect(`${e.message} ${e.stack} ${JSON.stringify(e)}`).not.toMatch(/emulator-test-key|wrong-secret-key/);
});

test("bad input is refused per field before any request is sent", async () => {
  const api = client();
  const error = await rejection(api.createOrganization({ name: " ", compactLogo: "acme.example/logo.png" }));
  expect(error).toBeInstanceOf(MaiAgentValidationError);
  expect(error.fields).toEqual({ name: ["must not be blank"], compactLogo: ["must be an absolute http(s) URL"] });
  await expect(api.addMember("00000000-0000-4000-8000-000000000000", { email: "not-an-email" })).rejects.toThrow(/email: must be a valid email address/);
  expect(emulator.requests).toHaveLength(0);
});

test("a missing key is a configuration error naming both ways to set it", () => {
  expect(() => new MaiAgentClient({ baseUrl: emulator.baseUrl() }, undefined)).toThrow(
    process.env.MAIAGENT_API_KEY ? /./ : /pulumi config set --secret maiagent:apiKey <key>.*MAIAGENT_API_KEY/,
  );
});

test("maxRemovals comes from the settings, else MAIAGENT_MAX_REMOVALS, and must be a number >= 0", () => {
  expect(client().http.settings.maxRemovals).toBeUndefined();
  expect(client(undefined, { maxRemovals: "12" }).http.settings.maxRemovals).toBe(12);
  packageEnv.MAIAGENT_MAX_REMOVALS = "7";
  try {
    expect(client().http.settings.maxRemovals).toBe(7);
  } finally {
    delete packageEnv.MAIAGENT_MAX_REMOVALS;
  }
  expect(() => client(undefined, { maxRemovals: "-1" })).toThrow("maiagent:maxRemovals (or MAIAGENT_MAX_REMOVALS) must be a number >= 0, got \"-1\".");
});
