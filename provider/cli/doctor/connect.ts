/** Sockets only, no HTTP request: can this machine reach the API (or its proxy), and what TLS does it speak? */
import * as dns from "node:dns/promises";
import * as http from "node:http";
import * as net from "node:net";
import * as tls from "node:tls";
import { proxySetting } from "../../api/proxy";

export const CONNECT_TIMEOUT_MS = 3_000;

export interface TlsFacts {
  protocol: string | null;
  issuer: string | null;
  nameMatches: boolean;
  daysLeft: number | null;
  trusted: boolean;
  /** Why the certificate is not trusted (Node's code, e.g. SELF_SIGNED_CERT_IN_CHAIN). */
  trustError: string | null;
}

export interface Hop {
  host: string;
  port: number;
  /** "direct", or the proxy (without credentials) and its variable. */
  via: string;
}

export function firstHop(baseUrl: string, env: NodeJS.ProcessEnv): Hop {
  const url = new URL(baseUrl);
  const setting = proxySetting(baseUrl, env);
  const target = setting ? setting.proxy : url;
  const port = Number(target.port) || (target.protocol === "https:" ? 443 : 80);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  return { host, port, via: setting ? `proxy ${setting.proxy.protocol}//${setting.proxy.host} (${setting.variable})` : "direct" };
}

/** DNS, then a TCP connection, each bounded; resolves to the address reached or rejects with a code. */
export async function reach(hop: Hop): Promise<string> {
  const address = net.isIP(hop.host) ? hop.host : (await bounded(dns.lookup(hop.host), "EDNSTIMEOUT")).address;
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host: address, port: hop.port, timeout: CONNECT_TIMEOUT_MS });
    socket.once("connect", () => (socket.destroy(), resolve()));
    socket.once("timeout", () => (socket.destroy(), reject(Object.assign(new Error("connect timed out"), { code: "ETIMEDOUT" }))));
    socket.once("error", reject);
  });
  return address;
}

/** A TLS handshake with the API host (through a CONNECT tunnel when a proxy is set), verifying nothing itself:
 * Node's own verdict (with NODE_EXTRA_CA_CERTS) is reported, so an untrusted certificate is described, not hidden. */
export async function tlsFacts(baseUrl: string, env: NodeJS.ProcessEnv, now = Date.now()): Promise<TlsFacts> {
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port) || 443;
  const socket = await handshake(host, port, baseUrl, env);
  try {
    const cert = socket.getPeerCertificate();
    const validTo = cert?.valid_to ? Date.parse(cert.valid_to) : NaN;
    return {
      protocol: socket.getProtocol() ?? null,
      issuer: cert?.issuer ? String(cert.issuer.O ?? cert.issuer.CN ?? "") || null : null,
      nameMatches: !!cert?.subject && tls.checkServerIdentity(host, cert) === undefined,
      daysLeft: Number.isNaN(validTo) ? null : Math.floor((validTo - now) / 86_400_000),
      trusted: socket.authorized,
      trustError: socket.authorized ? null : String(socket.authorizationError ?? "unknown"),
    };
  } finally {
    socket.destroy();
  }
}

async function handshake(host: string, port: number, baseUrl: string, env: NodeJS.ProcessEnv): Promise<tls.TLSSocket> {
  const setting = proxySetting(baseUrl, env);
  const tunnel = setting ? await connectTunnel(setting.proxy, `${host.includes(":") ? `[${host}]` : host}:${port}`) : undefined;
  return new Promise((resolve, reject) => {
    const servername = net.isIP(host) ? undefined : host;
    const socket = tls.connect({ host, port, socket: tunnel, servername, rejectUnauthorized: false });
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy(Object.assign(new Error("TLS handshake timed out"), { code: "ETIMEDOUT" })));
    socket.once("secureConnect", () => (socket.setTimeout(0), resolve(socket)));
    socket.once("error", reject);
  });
}

function connectTunnel(proxy: URL, authority: string): Promise<net.Socket> {
  const headers: http.OutgoingHttpHeaders = { host: authority };
  if (proxy.username) {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers["proxy-authorization"] = `Basic ${Buffer.from(credentials).toString("base64")}`;
  }
  return new Promise((resolve, reject) => {
    const request = http.request({ host: proxy.hostname, port: Number(proxy.port) || 80, method: "CONNECT", path: authority, headers, timeout: CONNECT_TIMEOUT_MS });
    request.once("timeout", () => request.destroy(Object.assign(new Error("the proxy did not answer CONNECT"), { code: "ETIMEDOUT" })));
    request.once("connect", (response, socket) => {
      if (response.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(Object.assign(new Error(`the proxy answered ${response.statusCode} to CONNECT`), { code: `PROXY_${response.statusCode}` }));
    });
    request.once("error", reject);
    request.end();
  });
}

function bounded<T>(promise: Promise<T>, code: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { code })), CONNECT_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
