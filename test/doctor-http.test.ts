/** doctor's HTTP wrapper, loaded from dist: it cannot write, and it bounds what it sends. */
import { Emulator } from "./emulator/server";
import { loadDist, rejection } from "./helpers/native";
import * as http from "node:http";
import * as https from "node:https";

const { ReadOnlyHttp, redacted } = loadDist<typeof import("../provider/cli/doctor/http")>("provider/cli/doctor/http.js");
let emulator: Emulator;
beforeEach(async () => (emulator = await Emulator.start()));
afterEach(() => emulator.stop());

function client(limits = {}) {
  const agents = { http: new http.Agent(), https: new https.Agent() };
  return new ReadOnlyHttp({ baseUrl: emulator.baseUrl(), apiKey: emulator.options.apiKey, agents, limits });
}

test.each(["POST", "PUT", "PATCH", "DELETE"])("%s is refused before anything is sent", async (method) => {
  const error = await rejection(client().request(method as "GET", "organizations/"));
  expect(error.message).toBe(`doctor only reads: ${method} is never sent`);
  expect(emulator.requests).toEqual([]);
});

test("GET, HEAD and OPTIONS are sent; a redirect is reported, not followed", async () => {
  const http = client();
  const answers = await Promise.all([http.request("GET", "organizations"), http.request("HEAD", "organizations/"), http.request("OPTIONS", "organizations/")]);
  expect(answers.map((a) => a.status)).toEqual([301, 200, 200]);
  expect(emulator.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual(["GET /api/v1/organizations", "HEAD /api/v1/organizations/", "OPTIONS /api/v1/organizations/"]);
  expect(http.sent).toEqual({ GET: 1, HEAD: 1, OPTIONS: 1 });
});

test("at most 4 requests in flight and 40 in a run; the 41st is refused unsent", async () => {
  emulator.setOptions({ latencyMs: 200 });
  const http = client();
  await Promise.all(Array.from({ length: 40 }, () => http.request("GET", "users/current/")));
  expect(emulator.peakInFlight).toBeLessThanOrEqual(4);
  expect(emulator.peakInFlight).toBeGreaterThan(1);
  expect((await rejection(http.request("GET", "users/current/"))).message).toBe("doctor sends at most 40 requests");
  expect(emulator.requests).toHaveLength(40);
});

test("a connection error is not retried", async () => {
  const port = Number(new URL(emulator.url).port);
  await emulator.stop();
  const agents = { http: new http.Agent(), https: new https.Agent() };
  const closed = new ReadOnlyHttp({ baseUrl: `http://127.0.0.1:${port}/api/v1/`, apiKey: "k", agents });
  const answer = await closed.request("GET", "users/current/");
  expect(answer.error).toBe("ECONNREFUSED");
  expect(answer.status).toBeUndefined();
  expect(closed.sent.GET).toBe(1);
  emulator = await Emulator.start();
});

test("a 429 asking for a long wait is not retried", async () => {
  emulator.faults.add({ kind: "status", status: 429, retryAfter: "60", path: /users/ });
  const answer = await client().request("GET", "users/current/");
  expect(answer.status).toBe(429);
  expect(emulator.requests).toHaveLength(1);
});

test("evidence paths keep numbers and drop other query values (an email)", () => {
  expect(redacted(new URL("https://x.test/api/v1/o/?query=alice%40acme.example&pageSize=1000&format=json"))).toBe("/api/v1/o/?query=…&pageSize=1000&format=json");
});
