/** Run-time settings: Pulumi config (`maiagent:*`) wins over environment variables; both are read when used. */
import { settingName, settingSources } from "./advice";
import type { Audience, SettingName } from "./advice";
import { MaiAgentConfigError } from "./errors";

/** The resolved settings a client runs with (see README, Configuration). */
export interface Settings {
  /** Sent as `Authorization: Api-Key <key>`; never logged, stored or put in an error. */
  apiKey: string;
  /** The API root, always ending in "/"; request paths are appended to it. */
  baseUrl: string;
  /** Requests in flight at once (default 8). */
  maxConcurrency: number;
  /** 0 means no client-side pacing (429s are still honoured). */
  requestsPerSecond: number;
  /** Time limit of one attempt, ms (default 30000). */
  requestTimeoutMs: number;
  /** Wall-clock limit on one request including every retry and wait. */
  retryBudgetMs: number;
  /** Most members one operation of an authoritative resource may remove; undefined: the resource's default. */
  maxRemovals?: number;
  /** Who reads the messages: they name `maiagent:*` config for a program, MAIAGENT_* for the CLI. */
  audience: Audience;
  /** MAIAGENT_LOG=debug: one stderr line per HTTP attempt (request-log.ts). */
  logRequests: boolean;
}

/** The MaiAgent API root used when neither `maiagent:baseUrl` nor MAIAGENT_BASE_URL is set. */
export const DEFAULT_BASE_URL = "https://api.maiagent.ai/api/v1/";
const DEFAULTS = { maxConcurrency: 8, requestsPerSecond: 0, requestTimeoutMs: 30_000, retryBudgetMs: 120_000 };

const SETTINGS: SettingName[] = ["apiKey", "baseUrl", "maxConcurrency", "requestsPerSecond", "requestTimeoutMs", "retryBudgetMs", "maxRemovals"];

/** Settings as given (numbers may be text, as in config); anything left out comes from MAIAGENT_* variables, then defaults. */
export type SettingsInput = Partial<Record<SettingName, string | number | undefined>> & { audience?: Audience };

/** Values from the stack config, as the dynamic-provider host hands them to `configure` (fully qualified keys). */
export function fromPulumiConfig(config: { get(key: string): unknown }): SettingsInput {
  const input: SettingsInput = {};
  for (const name of SETTINGS) {
    const value = config.get(settingSources(name).config);
    if (typeof value === "string" || typeof value === "number") input[name] = value;
  }
  return input;
}

/** Explicit values win, then the environment, then defaults. Throws MaiAgentConfigError naming the setting. */
export function resolveSettings(explicit: SettingsInput = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const audience = explicit.audience ?? "provider";
  const pick = (name: SettingName): string | undefined => {
    const value = explicit[name] ?? env[settingSources(name).env];
    return value === undefined || value === "" ? undefined : String(value).trim();
  };
  const apiKey = pick("apiKey");
  if (!apiKey) {
    throw new MaiAgentConfigError(
      audience === "cli"
        ? "No MaiAgent API key. Set the MAIAGENT_API_KEY environment variable."
        : "No MaiAgent API key. Set it with `pulumi config set --secret maiagent:apiKey <key>` or the MAIAGENT_API_KEY environment variable.",
    );
  }
  const number = (name: SettingName, fallback: number, min: number) => numberSetting(pick(name), name, fallback, min, audience);
  return {
    apiKey,
    baseUrl: normalizeBaseUrl(pick("baseUrl") ?? DEFAULT_BASE_URL, audience),
    maxConcurrency: number("maxConcurrency", DEFAULTS.maxConcurrency, 1),
    requestsPerSecond: number("requestsPerSecond", DEFAULTS.requestsPerSecond, 0),
    requestTimeoutMs: number("requestTimeoutMs", DEFAULTS.requestTimeoutMs, 1),
    retryBudgetMs: number("retryBudgetMs", DEFAULTS.retryBudgetMs, 0),
    ...(pick("maxRemovals") !== undefined && { maxRemovals: Math.floor(number("maxRemovals", 0, 0)) }),
    audience,
    logRequests: env.MAIAGENT_LOG?.trim().toLowerCase() === "debug",
  };
}

export function normalizeBaseUrl(raw: string, audience: Audience = "provider"): string {
  const name = settingName("baseUrl", audience);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MaiAgentConfigError(`${name} is not a URL: "${raw}". Example: ${DEFAULT_BASE_URL}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MaiAgentConfigError(`${name} must be an http(s) URL, got "${raw}".`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new MaiAgentConfigError(
      `${name} "${url.origin}" uses plain http:// to a host that is not this machine, which would send the API key ` +
        `unencrypted: use https:// (e.g. ${DEFAULT_BASE_URL}). Plain http:// is accepted only for localhost, 127.0.0.0/8 and [::1].`,
    );
  }
  url.search = "";
  url.hash = "";
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** WHATWG URL parsing has already normalised the host (lower case, IPv4 shorthands, IPv6 in brackets). */
function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function numberSetting(raw: string | undefined, name: SettingName, fallback: number, min: number, audience: Audience): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new MaiAgentConfigError(`${settingName(name, audience)} must be a number >= ${min}, got "${raw}".`);
  }
  return value;
}
