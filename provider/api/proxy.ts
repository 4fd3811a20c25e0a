/** Corporate proxies: HTTPS_PROXY / HTTP_PROXY and NO_PROXY (either case), read when a client is made, so the
 * provider host uses the environment `pulumi` runs in. Requests are tunnelled with CONNECT (hpagent). */
import type { Agent as HttpAgent } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import { MaiAgentConfigError } from "./errors";

export interface ProxyRoute {
  /** The proxy URL without credentials, and the variable it came from: safe to show in an error. */
  label: string;
  agent: { http: HttpAgent; https: HttpsAgent };
}

/** The proxy for requests to `target`, or undefined for a direct connection. */
export function proxyFor(target: string, env: NodeJS.ProcessEnv = process.env): ProxyRoute | undefined {
  const setting = proxySetting(target, env);
  if (!setting) return undefined;
  const { proxy, variable } = setting;
  const { HttpProxyAgent, HttpsProxyAgent } = require("hpagent") as typeof import("hpagent");
  const options = { proxy, keepAlive: true, maxSockets: 256 };
  return {
    label: `${proxy.protocol}//${proxy.host} (${variable})`,
    agent: { http: new HttpProxyAgent(options), https: new HttpsProxyAgent(options) },
  };
}

/** The proxy URL (it may hold credentials: never show it whole) and its variable, or undefined when direct. */
export function proxySetting(target: string, env: NodeJS.ProcessEnv = process.env): { proxy: URL; variable: string } | undefined {
  const url = new URL(target);
  const scheme = url.protocol === "https:" ? "https" : "http";
  const variable = [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`].find((name) => env[name]);
  if (!variable) return undefined;
  const port = Number(url.port) || (scheme === "https" ? 443 : 80);
  if (bypassed(url.hostname, port, env.no_proxy ?? env.NO_PROXY ?? "")) return undefined;
  return { proxy: parseProxy(variable, env[variable]!), variable };
}

/** The value may hold a password: a bad one is named by its variable only. */
function parseProxy(variable: string, value: string): URL {
  try {
    return new URL(withScheme(value));
  } catch {
    throw new MaiAgentConfigError(
      `${variable} is not a valid proxy URL (its value is not shown: it may hold a password). ` +
        "Expected http://[user:password@]host:port, with special characters in the user or password percent-encoded.",
    );
  }
}

/** curl's rules: `*` exempts every host; an entry exempts that host and its subdomains (a leading `.` or `*.`
 * is ignored); `host:port` only that port; entries are separated by commas or spaces. */
export function bypassed(hostname: string, port: number, noProxy: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return noProxy
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === "*") return true;
      const bareIpv6 = !entry.includes("[") && entry.split(":").length > 2;
      const match = bareIpv6 ? [entry, entry, undefined] : /^(.*?)(?::(\d+))?$/.exec(entry)!;
      if (match[2] !== undefined && Number(match[2]) !== port) return false;
      const name = (match[1] ?? "").replace(/^\[|\]$/g, "").replace(/^\*?\./, "");
      return name !== "" && (host === name || host.endsWith(`.${name}`));
    });
}

function withScheme(value: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
}
