/** What `pulumi-maiagent export` tells its user when the API is wrong or unreachable, and its request log. */
import { Emulator } from "./emulator/server";
import type { Org } from "./emulator/state";
import { closedPort } from "./helpers/closed-port";
import { runExport } from "./helpers/export-cli";
import { loadDist } from "./helpers/native";

let emulator: Emulator;
beforeEach(async () => (emulator = await Emulator.start()));
afterEach(() => emulator.stop());

const retryLines = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("retrying "));

test("a wrong MAIAGENT_BASE_URL is named as such, never as Pulumi config, and no id is blamed when none was given", async () => {
  const wrongRoot = emulator.baseUrl().replace("/api/v1/", "/v1/");
  const result = await runExport(emulator, ["export", "--all"], { MAIAGENT_BASE_URL: wrongRoot });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: GET \/v1\/\S+ failed with HTTP 404: Not found\. .*MAIAGENT_BASE_URL/m);
  expect(result.stderr).toContain(wrongRoot);
  expect(result.stderr).not.toMatch(/maiagent:|pulumi config|the id/i);
});

test("with --org and a wrong MAIAGENT_BASE_URL the root is blamed, not the organization id", async () => {
  const org = emulator.state.createOrg({ name: "Acme" }, emulator.owner.id).body as Org;
  const result = await runExport(emulator, ["export", "--org", org.id], { MAIAGENT_BASE_URL: emulator.baseUrl().replace("/api/v1/", "/v1/") });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: GET \/v1\/users\/current\/ failed with HTTP 404: Not found\. The API root has no such endpoint: check MAIAGENT_BASE_URL/m);
  expect(result.stderr).not.toMatch(/was not found|the id/i);
});

test("a redirect the CLI refuses to follow names MAIAGENT_BASE_URL, not Pulumi config", async () => {
  emulator.faults.add({ kind: "redirect", status: 301, method: "GET", location: "https://elsewhere.example/api/v1/users/current/" });
  const result = await runExport(emulator, ["export", "--all"]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: GET \/api\/v1\/\S+ was answered HTTP 301, a redirect to https:\/\/elsewhere\.example\/.*MAIAGENT_BASE_URL/m);
  expect(result.stderr).not.toContain("maiagent:");
});

test("a MAIAGENT_BASE_URL that is not http(s) is named by its environment variable", async () => {
  const result = await runExport(emulator, ["export", "--all"], { MAIAGENT_BASE_URL: "ftp://api.example/" });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("MAIAGENT_BASE_URL must be an http(s) URL");
  expect(result.stderr).not.toContain("maiagent:");
});

// The 60 s jest timeout is 4× the 15 s the CLI is allowed; the test asserts outcomes and counts, not speed.
test("a closed port fails after 5 attempts naming the URL and ECONNREFUSED, each retry announced on stderr", async () => {
  const baseUrl = `http://127.0.0.1:${await closedPort()}/api/v1/`;
  const result = await runExport(emulator, ["export", "--all"], { MAIAGENT_BASE_URL: baseUrl });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(new RegExp(`^error: GET ${baseUrl}\\S+ could not reach the API \\(ECONNREFUSED: .*\\) after 5 attempts\\. Check MAIAGENT_BASE_URL`, "m"));
  const retries = retryLines(result.stderr);
  expect(retries).toHaveLength(4);
  retries.forEach((line, i) => expect(line).toMatch(new RegExp(`^retrying GET ${baseUrl}\\S+ in \\d+ ms \\(attempt ${i + 2} of 5\\): ECONNREFUSED$`)));
  expect(result.stderr).not.toContain(emulator.options.apiKey);
}, 60_000);

test("an unknown host (.invalid resolves nowhere) fails after 5 attempts naming the host and the DNS error", async () => {
  const baseUrl = "https://maiagent-test.invalid/api/v1/";
  const result = await runExport(emulator, ["export", "--all"], { MAIAGENT_BASE_URL: baseUrl });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: GET https:\/\/maiagent-test\.invalid\/api\/v1\/\S+ could not reach the API \((ENOTFOUND|EAI_AGAIN): .*\) after 5 attempts\./m);
  expect(retryLines(result.stderr)).toHaveLength(4);
}, 60_000);

test("a user:password in MAIAGENT_BASE_URL is never printed, in retries or in the error", async () => {
  const result = await runExport(emulator, ["export", "--all"], { MAIAGENT_BASE_URL: "https://robot:s3cret-pw@maiagent-test.invalid/api/v1/" });
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/^error: GET https:\/\/maiagent-test\.invalid\/api\/v1\/\S+ could not reach the API/m);
  expect(result.stderr).not.toMatch(/s3cret-pw|robot/);
}, 60_000);

test("--quiet keeps the retries off stderr but still fails with the reason", async () => {
  const baseUrl = `http://127.0.0.1:${await closedPort()}/api/v1/`;
  const result = await runExport(emulator, ["export", "--all", "--quiet"], { MAIAGENT_BASE_URL: baseUrl });
  expect(result.code).toBe(1);
  expect(retryLines(result.stderr)).toHaveLength(0);
  expect(result.stderr).toMatch(/could not reach the API \(ECONNREFUSED/);
}, 60_000);

test("MAIAGENT_LOG=debug prints one line per HTTP attempt: method, path, status, milliseconds, attempt; never the key", async () => {
  const org = emulator.state.createOrg({ name: "Acme" }, emulator.owner.id).body as Org;
  emulator.state.addMember(org, { email: "alice@acme.example", isOwner: false });
  emulator.faults.add({ kind: "status", status: 503, when: "before", method: "GET", path: /members\/$/ });
  const result = await runExport(emulator, ["export", "--org", org.id, "--quiet"], { MAIAGENT_LOG: "debug" });
  expect(result.code).toBe(0);
  const lines = result.stderr.split("\n").filter((line) => line.startsWith("maiagent: "));
  expect(lines).toHaveLength(emulator.requests.length);
  for (const line of lines) expect(line).toMatch(/^maiagent: (GET|POST|PUT|PATCH|DELETE) \/api\/v1\/\S* (\d{3}|E[A-Z_]+) \d+ms attempt \d+$/);
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^maiagent: GET /api/v1/organizations/${org.id}/members/\\S* 503 \\d+ms attempt 1$`)));
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^maiagent: GET /api/v1/organizations/${org.id}/members/\\S* 200 \\d+ms attempt 2$`)));
  expect(result.stdout + result.stderr).not.toContain(emulator.options.apiKey);
});

test("a logged path keeps page counters and redacts every other query value (a member search may be an email)", () => {
  const { formatAttempt } = loadDist<typeof import("../provider/api/request-log")>("provider/api/request-log.js");
  const url = new URL("https://api.maiagent.ai/api/v1/organizations/o1/members/?page=2&pageSize=100&query=alice%40acme.example");
  expect(formatAttempt({ method: "GET", url, outcome: 200, ms: 12.4, attempt: 1 })).toBe(
    "maiagent: GET /api/v1/organizations/o1/members/?page=2&pageSize=100&query=REDACTED 200 12ms attempt 1",
  );
});
