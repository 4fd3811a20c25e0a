/** listPermissions() and `npx pulumi-maiagent permissions`: every permission, every page, sorted by name. */
import { Emulator } from "./emulator/server";
import { runExport as runCli } from "./helpers/export-cli";
import { loadPackage, packageEnv, rejection } from "./helpers/native";

const { listPermissions } = loadPackage();
let emulator: Emulator;
beforeEach(async () => (emulator = await Emulator.start({ permissionsPaged: true, maxPageSize: 7 })));
afterEach(() => emulator.stop());

test("listPermissions returns {id, name, description} of every page, sorted by name", async () => {
  emulator.state.groups.permissions.push({ id: "11111111-2222-4333-8444-555555555555", name: "aaa.first", description: "" });
  const listed = await listPermissions({ apiKey: emulator.options.apiKey, baseUrl: emulator.baseUrl() });
  expect(listed).toHaveLength(emulator.state.groups.permissions.length);
  expect(listed[0]).toEqual({ id: "11111111-2222-4333-8444-555555555555", name: "aaa.first", description: "" });
  expect(listed.map((p) => p.name)).toEqual(emulator.state.groups.permissions.map((p) => p.name).sort());
});

test("listPermissions reads the key and base URL from MAIAGENT_* when not given, and a bad key fails with no key in the text", async () => {
  Object.assign(packageEnv, { MAIAGENT_API_KEY: emulator.options.apiKey, MAIAGENT_BASE_URL: emulator.baseUrl() });
  try {
    expect((await listPermissions()).length).toBe(emulator.state.groups.permissions.length);
    const error = await rejection(listPermissions({ apiKey: "wrong-secret-key" }));
    expect(error.message).toContain("GET /api/v1/permissions/");
    expect(error.message).toContain("HTTP 401");
    expect(error.message).not.toContain("wrong-secret-key");
  } finally {
    delete packageEnv.MAIAGENT_API_KEY;
    delete packageEnv.MAIAGENT_BASE_URL;
  }
});

test("`pulumi-maiagent permissions` prints a table of name, id and description", async () => {
  const run = await runCli(emulator, ["permissions"]);
  expect(run.code).toBe(0);
  const lines = run.stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(/^NAME\s+ID\s+DESCRIPTION$/);
  expect(lines).toHaveLength(emulator.state.groups.permissions.length + 1);
  const manage = emulator.state.groups.permissions.find((p) => p.name === "chatbot.manage")!;
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^chatbot\\.manage\\s+${manage.id}\\s+chatbot: manage$`)));
  expect(lines[1]).toMatch(/^apikey\.manage\s/);
});

test("`pulumi-maiagent permissions` without a key is a usage error; with a wrong key it fails naming the request", async () => {
  expect((await runCli(emulator, ["permissions"], { MAIAGENT_API_KEY: undefined })).code).toBe(2);
  const wrong = await runCli(emulator, ["permissions"], { MAIAGENT_API_KEY: "nope-secret" });
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain("GET /api/v1/permissions/");
  expect(wrong.stderr).toContain("Check MAIAGENT_API_KEY");
  expect(wrong.stderr).not.toContain("nope-secret");
});

test("`pulumi-maiagent permissions` prints no terminal control sequences from the API's descriptions", async () => {
  emulator.state.groups.permissions.push({ id: "11111111-2222-4333-8444-555555555556", name: "zzz.odd", description: "\u001b[31mred\u001b[0m\u0007 bell\nnext" });
  const run = await runCli(emulator, ["permissions"]);
  expect(run.code).toBe(0);
  expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  expect(run.stdout).toMatch(/zzz\.odd\s+\S+\s+\[31mred\[0m bell next\n/);
});
