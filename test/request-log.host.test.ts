/** The provider inside the real dynamic-provider host: MAIAGENT_LOG=debug lines on its stderr (which the engine
 * shows the user), and an unreachable API failing in seconds with the URL and the config key to fix. */
import { Emulator } from "./emulator/server";
import { closedPort } from "./helpers/closed-port";
import { Engine } from "./helpers/engine";
import { ORG_TYPE, ProviderHost } from "./helpers/host";
import { rejection } from "./helpers/native";

let emulator: Emulator;
let host: ProviderHost;
beforeEach(async () => (emulator = await Emulator.start()));
afterEach(async () => {
  await host?.stop();
  await emulator.stop();
});

const logLines = (log: string) => log.split("\n").filter((line) => line.startsWith("maiagent: "));

test("with MAIAGENT_LOG=debug the host's stderr has one line per HTTP attempt, retries included, and never the key", async () => {
  host = await ProviderHost.start({ MAIAGENT_LOG: "debug" });
  await host.configure({ "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": emulator.baseUrl() });
  const engine = new Engine(host);
  const { state } = await engine.up(ORG_TYPE, "acme", { name: "Acme" });
  emulator.faults.add({ kind: "status", status: 503, when: "before", method: "GET" });
  await engine.refresh(state);

  const lines = logLines(host.log);
  expect(lines).toHaveLength(emulator.requests.length);
  expect(lines).toEqual([
    expect.stringMatching(/^maiagent: GET \/api\/v1\/organizations\/\?page=1&pageSize=\d+ 200 \d+ms attempt 1$/), // the name check
    expect.stringMatching(/^maiagent: POST \/api\/v1\/organizations\/ 201 \d+ms attempt 1$/),
    expect.stringMatching(new RegExp(`^maiagent: GET /api/v1/organizations/${state.id}/ 503 \\d+ms attempt 1$`)),
    expect.stringMatching(new RegExp(`^maiagent: GET /api/v1/organizations/${state.id}/ 200 \\d+ms attempt 2$`)),
  ]);
  expect(host.log).not.toContain(emulator.options.apiKey);
  expect(host.log).not.toContain("Acme"); // no request or response bodies
});

test("without MAIAGENT_LOG the host prints no request lines", async () => {
  host = await ProviderHost.start();
  await host.configure({ "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": emulator.baseUrl() });
  await new Engine(host).up(ORG_TYPE, "acme", { name: "Acme" });
  expect(logLines(host.log)).toEqual([]);
});

// 60 s jest timeout = 4 × 15 s; the outcome and the attempt count are asserted, not the speed.
test("a refused connection fails a create after 5 attempts naming the URL and maiagent:baseUrl, not after retryBudgetMs", async () => {
  host = await ProviderHost.start({ MAIAGENT_LOG: "debug" });
  const baseUrl = `http://127.0.0.1:${await closedPort()}/api/v1/`;
  await host.configure({ "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": baseUrl });
  const error = await rejection(new Engine(host).up(ORG_TYPE, "acme", { name: "Acme" }));
  expect(error.message).toMatch(
    new RegExp(`GET ${baseUrl}organizations/\\?page=1&pageSize=\\d+ could not reach the API \\(ECONNREFUSED: .*\\) after 5 attempts\\. Check maiagent:baseUrl \\(or MAIAGENT_BASE_URL\\) and the network`),
  );
  const attempts = logLines(host.log).map((line) => line.replace(/ \d+ms /, " ").replace(/pageSize=\d+/, "pageSize=N"));
  expect(attempts).toEqual([1, 2, 3, 4, 5].map((n) => `maiagent: GET /api/v1/organizations/?page=1&pageSize=N ECONNREFUSED attempt ${n}`));
}, 60_000);
