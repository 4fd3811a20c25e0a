/** The doctor bin end to end: exit codes 0/1/2/3, the human and --json reports, TLS, a closed port, latency. */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { Emulator } from "./emulator/server";
import { methodsSeen, runDoctor, seedDoctor } from "./helpers/doctor-cli";
import { runExport } from "./helpers/export-cli";
import { ForwardProxy } from "./helpers/forward-proxy";
import { TlsFront } from "./helpers/tls-front";

let emulator: Emulator;
beforeEach(async () => {
  emulator = await Emulator.start();
  seedDoctor(emulator);
});
afterEach(() => emulator.stop());

test("the human report: a header, one row per check, a summary saying nothing was written, a verdict; progress on stderr", async () => {
  const run = await runDoctor(emulator.baseUrl());
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^pulumi-maiagent doctor \d+\.\d+\.\d+\n {2}API {8}http:\/\/127\.0\.0\.1:\d+\/api\/v1\/\n {2}route {6}direct\n/);
  expect(run.stdout).toContain("  key's user owner <owner@emulator.test>");
  expect(run.stdout).toMatch(/^\[✓\] auth\.identity +owner <owner@emulator\.test>/m);
  expect(run.stdout).toMatch(/^\[i\] list\.pageSize +pageSize=1000 clamped to 2 \(of 3\)/m);
  expect(run.stdout).toMatch(/^\[–\] net\.tls +plain http/m);
  expect(run.stdout).toMatch(/\n\d+ ok, 2 info, 0 warn, 0 fail, 1 skip in \d+\.\d s; \d+ requests \(GET \d+, HEAD 0, OPTIONS \d+\); nothing written\.\nThe provider's assumptions hold wherever doctor could tell \(1 check skipped: see \[–\]\)\.\n$/);
  expect(run.stderr).toContain("  auth.identity: ok\n");
  expect((await runDoctor(emulator.baseUrl(), ["--quiet"])).stderr).toBe("");
});

test("the packed package's bin (as npm installs it) runs doctor: exit 0, only reads", async () => {
  const run = await runExport(emulator, ["doctor", "--json", "--quiet"]);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: 1, exitCode: 0, summary: { fail: 0, warn: 0 } });
  expect(methodsSeen(emulator)).toEqual(["GET", "OPTIONS"]);
});

test("--json prints only the report, schemaVersion 1, with every documented field", async () => {
  const run = await runDoctor(emulator.baseUrl(), ["--json"]);
  const report = run.report!;
  expect(Object.keys(report).sort()).toEqual(["checks", "durationMs", "exitCode", "identity", "requests", "schemaVersion", "summary", "target", "tool"]);
  expect(report).toMatchObject({ schemaVersion: 1, tool: { name: "pulumi-maiagent" }, target: { baseUrl: emulator.baseUrl(), via: "direct", tls: null }, exitCode: 0 });
  expect(Object.keys(report.identity!).sort()).toEqual(["email", "id", "name"]);
  expect(Object.keys(report.requests)).toEqual(["GET", "HEAD", "OPTIONS"]);
  for (const check of report.checks) {
    expect(Object.keys(check).sort()).toEqual(["action", "evidence", "expected", "id", "observed", "status", "title"]);
    expect(["ok", "info", "warn", "fail", "skip"]).toContain(check.status);
    for (const e of check.evidence) expect(Object.keys(e).sort()).toEqual(["method", "ms", "path", "status"]);
  }
  const sum = Object.values(report.summary).reduce((a, b) => a + b, 0);
  expect(sum).toBe(report.checks.length);
  expect(report.requests.GET + report.requests.HEAD + report.requests.OPTIONS).toBe(emulator.requests.length);
  expect(methodsSeen(emulator)).toEqual(["GET", "OPTIONS"]);
});

test.each([
  [["doctor-typo"], "Unknown check: doctor-typo"],
  [["--org", "acme"], "--org must be an organization id (a UUID): acme"],
  [["--all"], "doctor takes no --all, --out or --prune."],
  [["--bogus"], "Unknown option --bogus."],
])("a usage error exits 2 and sends nothing: %j", async (args, message) => {
  const run = await runDoctor(emulator.baseUrl(), args);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(message);
  expect(run.stderr).not.toContain("positional"); // not node:util's advice on how to pass an argument starting with -
  expect(emulator.requests).toEqual([]);
});

test("without MAIAGENT_API_KEY env.settings fails and nothing is sent (exit 1)", async () => {
  const run = await runDoctor(emulator.baseUrl(), ["--json"], { MAIAGENT_API_KEY: undefined });
  expect(run.statuses).toMatchObject({ "env.settings": "fail", "net.route": "skip", "auth.identity": "skip" });
  expect(run.code).toBe(1);
  expect(emulator.requests).toEqual([]);
});

test("a plain http:// base URL to another host fails env.settings (the key would travel unencrypted); nothing is sent", async () => {
  const run = await runDoctor("http://api.example.test/api/v1/", ["--json", "--quiet"]);
  expect(run.report!.checks.find((c) => c.id === "env.settings")).toMatchObject({ status: "fail", observed: expect.stringContaining("uses plain http://") });
  expect(run.report!.checks.find((c) => c.id === "env.settings")!.observed).not.toContain("maiagent:baseUrl"); // doctor reads MAIAGENT_* only
  expect(run.report!.target.baseUrl).toBeNull();
  expect(run.code).toBe(1);
});

test("a closed port fails net.route naming the URL, skips the rest and ends at once (exit 1)", async () => {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const run = await runDoctor(`http://127.0.0.1:${port}/api/v1/`, ["--json", "--quiet"]);
  expect(run.statuses).toMatchObject({ "net.route": "fail", "api.root": "skip", "schema.paths": "skip" });
  expect(run.report!.checks.find((c) => c.id === "net.route")!.observed).toBe(`cannot reach http://127.0.0.1:${port}/api/v1/: ECONNREFUSED connecting to 127.0.0.1:${port}`);
  expect(run.report!.requests).toEqual({ GET: 0, HEAD: 0, OPTIONS: 0 });
  expect(run.code).toBe(1);
}, 16_000);

test("through HTTP_PROXY: net.route names the proxy and the requests are tunnelled through it", async () => {
  const proxy = await ForwardProxy.start();
  try {
    const run = await runDoctor(emulator.baseUrl(), ["--json", "--quiet"], { HTTP_PROXY: proxy.url });
    expect(run.report!.target.via).toBe(`proxy http://127.0.0.1:${new URL(proxy.url).port} (HTTP_PROXY)`);
    expect(run.statuses["net.route"]).toBe("ok");
    // hpagent tunnels plain http too (CONNECT), one tunnel per kept-alive socket: at most 4 in flight.
    expect(proxy.forwarded.length).toBeGreaterThan(0);
    expect(proxy.forwarded.length).toBeLessThanOrEqual(4);
    expect(new Set(proxy.forwarded)).toEqual(new Set([new URL(emulator.url).host]));
    expect(run.code).toBe(0);
  } finally {
    await proxy.stop();
  }
});

describe("over https (the committed localhost certificate)", () => {
  let front: TlsFront;
  beforeEach(async () => {
    front = await TlsFront.start(Number(new URL(emulator.url).port));
    emulator.setOptions({ publicOrigin: new URL(front.baseUrl(emulator.baseUrl())).origin });
  });
  afterEach(() => front.stop());

  test("trusted through NODE_EXTRA_CA_CERTS: net.tls reports protocol, issuer and days left (exit 0)", async () => {
    const run = await runDoctor(front.baseUrl(emulator.baseUrl()), ["--json", "--quiet"], { NODE_EXTRA_CA_CERTS: front.caFile });
    expect(run.statuses["net.tls"]).toBe("ok");
    expect(run.report!.target.tls).toMatchObject({ protocol: "TLSv1.3", nameMatches: true, trusted: true });
    expect(run.report!.target.tls!.daysLeft).toBeGreaterThan(14);
    expect(run.code).toBe(0);
  });

  test("an unknown CA fails net.tls with the NODE_EXTRA_CA_CERTS hint; no request is sent (exit 1)", async () => {
    const run = await runDoctor(front.baseUrl(emulator.baseUrl()), ["--json", "--quiet"]);
    const tls = run.report!.checks.find((c) => c.id === "net.tls")!;
    expect(tls).toMatchObject({ status: "fail", action: expect.stringContaining("TLS-intercepting proxy? Point NODE_EXTRA_CA_CERTS") });
    expect(run.statuses["api.root"]).toBe("skip");
    expect(emulator.requests).toEqual([]);
    expect(run.code).toBe(1);
  });

  test("through HTTPS_PROXY, net.tls looks at the certificate through a CONNECT tunnel", async () => {
    const proxy = await ForwardProxy.start();
    try {
      const base = front.baseUrl(emulator.baseUrl());
      const run = await runDoctor(base, ["--json", "--quiet"], { NODE_EXTRA_CA_CERTS: front.caFile, HTTPS_PROXY: proxy.url });
      expect(run.statuses).toMatchObject({ "net.route": "ok", "net.tls": "ok", "auth.identity": "ok" });
      expect(new Set(proxy.forwarded)).toEqual(new Set([new URL(base).host]));
      expect(run.code).toBe(0);
    } finally {
      await proxy.stop();
    }
  });

  test("a slashless path redirected to http:// and next links on http:// warn (exit 3)", async () => {
    emulator.setOptions({ slashlessRedirect: "http", nextLinks: "http" });
    const run = await runDoctor(front.baseUrl(emulator.baseUrl()), ["--json", "--quiet"], { NODE_EXTRA_CA_CERTS: front.caFile });
    expect(run.statuses).toMatchObject({ "http.redirects": "warn", "list.next": "warn" });
    expect(run.report!.checks.find((c) => c.id === "http.redirects")!.observed).toMatch(/^redirects leave https: 301 to http:\/\/localhost:\d+\/api\/v1\/organizations\/$/);
    expect(run.code).toBe(3);
  });
});

test("at 2 s latency a run completes, never more than 4 requests in flight", async () => {
  emulator.setOptions({ latencyMs: 2000 });
  const run = await runDoctor(emulator.baseUrl(), ["--json", "--quiet"]);
  expect(run.code).toBe(0);
  expect(emulator.peakInFlight).toBeLessThanOrEqual(4);
  expect(emulator.requests.length).toBeLessThanOrEqual(40);
}, 90_000);
