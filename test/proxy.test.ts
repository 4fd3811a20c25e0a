/** Corporate proxies: HTTPS_PROXY / HTTP_PROXY and NO_PROXY, through a real forward proxy on 127.0.0.1. */
import { Emulator } from "./emulator/server";
import { Engine } from "./helpers/engine";
import { deadProxyUrl, ForwardProxy } from "./helpers/forward-proxy";
import { ORG_TYPE, ProviderHost } from "./helpers/host";
import { TlsFront } from "./helpers/tls-front";
import { loadDist, loadPackage, packageEnv as env, rejection } from "./helpers/native";

const { MaiAgentClient } = loadPackage();
const VARIABLES = ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "NO_PROXY", "no_proxy"];
let emulator: Emulator;
let proxy: ForwardProxy;
const client = () => new MaiAgentClient({ apiKey: emulator.options.apiKey, baseUrl: emulator.baseUrl(), retryBudgetMs: 0 });
const emulatorHost = () => new URL(emulator.baseUrl()).host;

beforeEach(async () => {
  for (const name of VARIABLES) delete env[name];
  emulator = await Emulator.start();
  proxy = await ForwardProxy.start();
});
afterEach(async () => {
  for (const name of VARIABLES) delete env[name];
  await proxy.stop();
  await emulator.stop();
});

test("with HTTP_PROXY set, requests to the API are tunnelled through the proxy", async () => {
  env.HTTP_PROXY = proxy.url;
  const api = client();
  const org = await api.createOrganization({ name: "Acme" });
  expect((await api.getOrganization(org.id)).name).toBe("Acme");
  expect(proxy.forwarded.length).toBeGreaterThan(0);
  expect(new Set(proxy.forwarded)).toEqual(new Set([emulatorHost()]));
  expect(emulator.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 201", "GET 200"]);
});

test("with the proxy down, the request fails naming the proxy, and nothing reaches the API directly", async () => {
  env.HTTP_PROXY = await deadProxyUrl();
  const error = await rejection(client().listOrganizations());
  expect(error.message).toContain(`through the proxy ${env.HTTP_PROXY} (HTTP_PROXY)`);
  expect(error.message).toMatch(/ECONNREFUSED/);
  expect(emulator.requests).toHaveLength(0);
});

test("the lower-case http_proxy wins over HTTP_PROXY, as in curl", async () => {
  env.HTTP_PROXY = await deadProxyUrl();
  env.http_proxy = proxy.url;
  await client().listOrganizations();
  expect(proxy.forwarded).toEqual([emulatorHost()]);
});

test.each([
  ["the API host", "NO_PROXY", "127.0.0.1"],
  ["the API host and port, among other entries", "NO_PROXY", "example.com, 127.0.0.1:<port>"],
  ["*", "NO_PROXY", "*"],
  ["a parent domain, in lower-case no_proxy", "no_proxy", ".0.0.1"],
])("NO_PROXY listing %s sends requests directly, bypassing the proxy", async (_label, variable, value) => {
  env.HTTP_PROXY = await deadProxyUrl();
  env[variable] = value.replace("<port>", new URL(emulator.baseUrl()).port);
  await client().listOrganizations();
  expect(emulator.requests).toHaveLength(1);
});

test("NO_PROXY for another port or another host does not bypass the proxy", async () => {
  env.HTTP_PROXY = proxy.url;
  env.NO_PROXY = "127.0.0.1:1,localhost,api.maiagent.ai";
  await client().listOrganizations();
  expect(proxy.forwarded).toEqual([emulatorHost()]);
});

test("HTTPS_PROXY is used for an https API, HTTP_PROXY is not; curl's NO_PROXY matching rules", () => {
  const { proxyFor, bypassed } = loadDist<typeof import("../provider/api/proxy")>("provider/api/proxy.js");
  expect(proxyFor("https://api.maiagent.ai/api/v1/", { HTTP_PROXY: "http://p:1" })).toBeUndefined();
  expect(proxyFor("https://api.maiagent.ai/api/v1/", { HTTPS_PROXY: "p.corp:3128" })?.label).toBe("http://p.corp:3128 (HTTPS_PROXY)");
  expect(proxyFor("https://api.maiagent.ai/", { HTTPS_PROXY: "http://u:pw@p:1", NO_PROXY: "maiagent.ai" })).toBeUndefined();
  const cases: Array<[string, number, string, boolean]> = [
    ["api.maiagent.ai", 443, "maiagent.ai", true],
    ["api.maiagent.ai", 443, ".maiagent.ai", true],
    ["api.maiagent.ai", 443, "*.maiagent.ai", true],
    ["maiagent.ai", 443, ".maiagent.ai", true],
    ["evilmaiagent.ai", 443, "maiagent.ai", false],
    ["API.MaiAgent.ai", 443, "api.maiagent.ai:443", true],
    ["api.maiagent.ai", 443, "api.maiagent.ai:8443", false],
    ["api.maiagent.ai", 443, " intranet , maiagent.ai ", true],
    ["api.maiagent.ai", 443, "", false],
    ["::1", 80, "[::1]:80", true],
    ["::1", 80, "::1", true],
  ];
  for (const [host, port, noProxy, expected] of cases) expect([host, port, noProxy, bypassed(host, port, noProxy)]).toEqual([host, port, noProxy, expected]);
});

test("a malformed proxy variable is a configuration error naming the variable, never its password", () => {
  const { proxyFor } = loadDist<typeof import("../provider/api/proxy")>("provider/api/proxy.js");
  const { MaiAgentConfigError } = loadPackage();
  let thrown: unknown;
  try {
    proxyFor("https://api.maiagent.ai/api/v1/", { HTTPS_PROXY: "http://us er:s3cret-pw@proxy corp:3128" });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(MaiAgentConfigError);
  expect((thrown as Error).message).toMatch(/^HTTPS_PROXY is not a valid proxy URL/);
  expect(`${(thrown as Error).message} ${(thrown as Error).stack}`).not.toContain("s3cret-pw");
});

test("a proxy that refuses the credentials fails with its 407, never showing the API key or the proxy password", async () => {
  const refusing = await ForwardProxy.start({ requireAuth: true });
  try {
    env.HTTP_PROXY = refusing.url.replace("http://", "http://ci-user:proxy-password@");
    const error = await rejection(client().listOrganizations());
    expect(error.message).toMatch(/407/);
    expect(error.message).toContain(`through the proxy ${refusing.url} (HTTP_PROXY)`);
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toMatch(new RegExp(`${emulator.options.apiKey}|proxy-password`));
    expect(emulator.requests).toHaveLength(0);
  } finally {
    await refusing.stop();
  }
});

test("the provider host reads HTTP_PROXY from its own environment when it runs, not from the serialized provider", async () => {
  const host = await ProviderHost.start({ HTTP_PROXY: proxy.url });
  try {
    await host.configure({ "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": emulator.baseUrl() });
    const { state } = await new Engine(host).up(ORG_TYPE, "acme", { name: "Acme Support" });
    expect(emulator.state.orgs.get(state.id)?.name).toBe("Acme Support");
    expect(new Set(proxy.forwarded)).toEqual(new Set([emulatorHost()]));
    expect(String(state.outputs.__provider)).not.toMatch(/proxy|127\.0\.0\.1/i);
  } finally {
    await host.stop();
  }
});

test("from the provider host, an https API is reached through HTTPS_PROXY with CONNECT and TLS to the API host", async () => {
  const front = await TlsFront.start(Number(new URL(emulator.baseUrl()).port));
  const host = await ProviderHost.start({ HTTPS_PROXY: proxy.url, HTTP_PROXY: await deadProxyUrl(), NODE_EXTRA_CA_CERTS: front.caFile });
  try {
    const baseUrl = front.baseUrl(emulator.baseUrl());
    await host.configure({ "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": baseUrl });
    const { state } = await new Engine(host).up(ORG_TYPE, "acme", { name: "Acme Support" });
    expect(emulator.state.orgs.get(state.id)?.name).toBe("Acme Support");
    expect(new Set(proxy.forwarded)).toEqual(new Set([new URL(baseUrl).host]));
  } finally {
    await host.stop();
    await front.stop();
  }
});
