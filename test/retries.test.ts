/** The retry policy and the shared scheduler, against faults the emulator injects over real HTTP. */
import { Emulator } from "./emulator/server";
import { loadPackage, rejection } from "./helpers/native";

const { MaiAgentClient, MaiAgentApiError, MaiAgentNetworkError } = loadPackage();
let emulator: Emulator;
const client = (extra: Record<string, number> = {}) => new MaiAgentClient({ apiKey: emulator.options.apiKey, baseUrl: emulator.baseUrl(), ...extra });
const gapsMs = () => emulator.requests.slice(1).map((r, i) => r.at - emulator.requests[i].at);

beforeEach(async () => (emulator = await Emulator.start()));
afterEach(() => emulator.stop());

test("a GET answered 429 waits the Retry-After seconds, then succeeds", async () => {
  emulator.faults.add({ kind: "status", status: 429, retryAfter: "1", method: "GET" });
  await client().listOrganizations();
  expect(emulator.requests.map((r) => r.status)).toEqual([429, 200]);
  expect(gapsMs()[0]).toBeGreaterThanOrEqual(950);
});

test("a Retry-After given as an HTTP-date is honoured too", async () => {
  const date = new Date(Date.now() + 2000).toUTCString();
  emulator.faults.add({ kind: "status", status: 429, retryAfter: date, method: "GET" });
  await client().listOrganizations();
  expect(emulator.requests.map((r) => r.status)).toEqual([429, 200]);
  expect(gapsMs()[0]).toBeGreaterThanOrEqual(900);
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

test("requestsPerSecond spaces requests evenly: 11 requests at 10/s span at least one second", async () => {
  const api = client({ requestsPerSecond: 10 });
  await Promise.all(Array.from({ length: 11 }, () => api.listOrganizations()));
  const span = emulator.requests[10].at - emulator.requests[0].at;
  expect(span).toBeGreaterThanOrEqual(950);
  expect(emulator.count({ status: 429 })).toBe(0);
});

test("after one 429 the whole client waits: no other request reaches the server during Retry-After", async () => {
  emulator.faults.add({ kind: "status", status: 429, retryAfter: "1", method: "GET" });
  const api = client({ maxConcurrency: 4 });
  const first = api.listOrganizations();
  await new Promise((resolve) => setTimeout(resolve, 100));
  await Promise.all([first, ...Array.from({ length: 4 }, () => api.listOrganizations())]);
  const throttledAt = emulator.requests[0].at;
  expect(emulator.requests.slice(1).every((r) => r.at - throttledAt >= 950)).toBe(true);
});

test("after the first burst of 429s the client paces below the rate the server accepted, and meets no more", async () => {
  emulator.setOptions({ rateLimitPerSecond: 20, latencyMs: 20 });
  const api = client({ maxConcurrency: 8 });
  await Promise.all(Array.from({ length: 100 }, () => api.listOrganizations()));
  expect(emulator.count({ status: 200 })).toBe(100);
  const start = emulator.requests[0].at;
  const late429s = emulator.requests.filter((r) => r.status === 429 && r.at - start > 500);
  expect(late429s).toEqual([]);
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
