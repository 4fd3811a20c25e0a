/** The retry policy and the shared scheduler, against faults the emulator injects over real HTTP. Waits are
 * judged by the emulator's own limiter (a retry sent too early is refused again), never by wall-clock gaps. */
import { Emulator } from "./emulator/server";
import { loadPackage, rejection } from "./helpers/native";

const { MaiAgentClient, MaiAgentApiError, MaiAgentNetworkError } = loadPackage();
let emulator: Emulator;
const client = (extra: Record<string, number> = {}) => new MaiAgentClient({ apiKey: emulator.options.apiKey, baseUrl: emulator.baseUrl(), ...extra });
const statuses = () => emulator.requests.map((r) => r.status);

beforeEach(async () => (emulator = await Emulator.start()));
afterEach(() => emulator.stop());

test("a GET answered 429 waits the Retry-After seconds, then succeeds (an earlier retry would be refused again)", async () => {
  emulator.setOptions({ rateLimitPerSecond: 1 });
  const api = client();
  await api.listOrganizations();
  await api.listOrganizations();
  expect(statuses()).toEqual([200, 429, 200]);
});

test("a Retry-After given as an HTTP-date is honoured too", async () => {
  emulator.setOptions({ rateLimitPerSecond: 1, retryAfterFormat: "http-date" });
  const api = client();
  await api.listOrganizations();
  await api.listOrganizations();
  expect(statuses()).toEqual([200, 429, 200]);
});

test("a GET answered 503 or reset is retried with backoff until it succeeds", async () => {
  emulator.faults.add({ kind: "status", status: 503, method: "GET", times: 2 });
  emulator.faults.add({ kind: "reset", method: "GET" });
  expect((await client().listOrganizations()).count).toBe(0);
  expect(emulator.requests.map((r) => r.fault ?? r.status)).toEqual(["status-before", "status-before", "reset-before", 200]);
});

test("a POST answered 503 is not repeated: the server may have created the object", async () => {
  emulator.faults.add({ kind: "status", status: 503, when: "after", method: "POST" });
  const error = await rejection(client().createOrganization({ name: "Once" }));
  expect(error).toBeInstanceOf(MaiAgentApiError);
  expect(error.message).toMatch(/^POST \/api\/v1\/organizations\/ failed with HTTP 503: Service temporarily unavailable\./);
  expect(emulator.count({ method: "POST" })).toBe(1);
  expect(emulator.state.orgs.size).toBe(1);
});

test("a POST whose answer is slower than the request timeout is not repeated", async () => {
  emulator.faults.add({ kind: "slow", when: "after", delayMs: 1500, method: "POST" });
  const error = await rejection(client({ requestTimeoutMs: 300 }).createOrganization({ name: "Slow" }));
  expect(error).toBeInstanceOf(MaiAgentNetworkError);
  expect(error.message).toMatch(/^POST \/api\/v1\/organizations\/ got no answer \(ETIMEDOUT: no response within the request timeout/);
  expect(emulator.count({ method: "POST" })).toBe(1);
});

test("a POST refused with 429 was certainly not processed, so it is retried", async () => {
  emulator.faults.add({ kind: "status", status: 429, retryAfter: "1", method: "POST" });
  await client().createOrganization({ name: "Throttled" });
  expect(emulator.requests.map((r) => r.status)).toEqual([429, 201]);
  expect(emulator.state.orgs.size).toBe(1);
});

test("retries stop when the retry budget is spent, with the last answer in the error", async () => {
  emulator.faults.add({ kind: "status", status: 503, method: "GET", times: 100 });
  const error = await rejection(client({ retryBudgetMs: 1500 }).listOrganizations());
  expect(error.message).toMatch(/failed with HTTP 503/);
  expect(emulator.count()).toBeGreaterThan(1);
  expect(emulator.count()).toBeLessThan(10);
});

test("no more than maxConcurrency requests are ever in flight at once", async () => {
  emulator.setOptions({ latencyMs: 30 });
  const api = client({ maxConcurrency: 3 });
  await Promise.all(Array.from({ length: 20 }, () => api.listOrganizations()));
  expect(emulator.count()).toBe(20);
  expect(emulator.peakInFlight).toBe(3);
});

test("requestsPerSecond is a hard cap: 12 requests at 5/s meet no 429 from a server allowing 8 per second", async () => {
  emulator.setOptions({ rateLimitPerSecond: 8 });
  const api = client({ requestsPerSecond: 5 });
  await Promise.all(Array.from({ length: 12 }, () => api.listOrganizations()));
  expect(emulator.count({ status: 200 })).toBe(12);
  expect(emulator.count({ status: 429 })).toBe(0);
});

test("a stray 429 delays only its own request: the others are answered while it waits its Retry-After", async () => {
  emulator.faults.add({ kind: "status", status: 429, retryAfter: "3", path: /^users\/current\/$/ });
  const api = client({ maxConcurrency: 4 });
  await Promise.all([api.getCurrentUser(), ...Array.from({ length: 12 }, () => api.listOrganizations())]);
  const paths = emulator.requests.map((r) => `${r.status} ${r.path.replace("/api/v1/", "")}`);
  expect(paths).toEqual(["429 users/current/", ...Array(12).fill("200 organizations/"), "200 users/current/"]);
});

test("against a 20/s limit every request succeeds and 429s stay a small share of the requests", async () => {
  emulator.setOptions({ rateLimitPerSecond: 20, latencyMs: 20 });
  const api = client({ maxConcurrency: 8 });
  await Promise.all(Array.from({ length: 100 }, () => api.listOrganizations()));
  expect(emulator.count({ status: 200 })).toBe(100);
  expect(emulator.count({ status: 429 })).toBeLessThanOrEqual(25);
});

test("a malformed Retry-After (\"soon\") falls back to backoff: the request is retried and pacing stays on", async () => {
  emulator.faults.add({ kind: "status", status: 429, retryAfter: "soon", method: "GET" });
  const api = client({ requestsPerSecond: 4 });
  await api.listOrganizations();
  expect(emulator.requests.map((r) => r.status)).toEqual([429, 200]);
  // A server allowing 8 per second refuses nothing from a client still capped at 4 per second.
  emulator.setOptions({ rateLimitPerSecond: 8 });
  await Promise.all(Array.from({ length: 16 }, () => api.listOrganizations()));
  expect(emulator.count({ status: 429 })).toBe(1);
});
