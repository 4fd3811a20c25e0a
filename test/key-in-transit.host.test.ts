/** The key never travels in clear text: an https API that redirects to http:// on the same host and port
 * (the TLS front takes both on one port) is refused, and the http side receives nothing. */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { Emulator } from "./emulator/server";
import { Engine } from "./helpers/engine";
import { ProviderHost, ROSTER_TYPE } from "./helpers/host";
import { rejection } from "./helpers/native";
import { orgByHand } from "./helpers/roster";
import { TlsFront } from "./helpers/tls-front";

test("a redirect from https to http is an error naming status, method, path and Location; no request reaches http", async () => {
  const emulator = await Emulator.start();
  const plain: Array<{ url?: string; authorization?: string }> = [];
  const recorder = http.createServer((req, res) => {
    plain.push({ url: req.url, authorization: req.headers.authorization });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ count: 0, next: null, previous: null, results: [] }));
  });
  await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
  const front = await TlsFront.start(Number(new URL(emulator.baseUrl()).port), (recorder.address() as AddressInfo).port);
  const host = await ProviderHost.start({ NODE_EXTRA_CA_CERTS: front.caFile });
  try {
    await host.configure({ "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": front.baseUrl(emulator.baseUrl()) });
    const org = orgByHand(emulator);
    const location = `http://localhost:${front.port}/api/v1/organizations/${org}/members/?page=1&pageSize=1000`;
    emulator.faults.add({ kind: "redirect", status: 301, method: "GET", path: /members\/$/, location });
    const error = await rejection(new Engine(host).up(ROSTER_TYPE, "m", { organizationId: org, emails: [] }));
    expect(plain).toEqual([]);
    expect(error.message).toContain(`GET /api/v1/organizations/${org}/members/?page=1&pageSize=1000 was answered HTTP 301, a redirect to ${location}`);
    expect(error.message).not.toContain(emulator.options.apiKey);
    expect(emulator.count({ method: "DELETE" }) + emulator.count({ method: "POST" })).toBe(0);
  } finally {
    await host.stop();
    await front.stop();
    recorder.closeAllConnections();
    await new Promise((resolve) => recorder.close(resolve));
    await emulator.stop();
  }
});
