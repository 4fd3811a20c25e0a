/** Run-time settings: Pulumi config (`maiagent:*`) wins over environment variables; both are read when used. */
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
}

/** The MaiAgent API root used when neither `maiagent:baseUrl` nor MAIAGENT_BASE_URL is set. */
export const DEFAULT_BASE_URL = "https://api.maiagent.ai/api/v1/";
const DEFAULTS = { maxConcurrency: 8, requestsPerSecond: 0, requestTimeoutMs: 30_000, retryBudgetMs: 120_000 };

const SOURCES: Record<keyof Settings, { config: string; env: string }> = {
  apiKey: { config: "maiagent:apiKey", env: "MAIAGENT_API_KEY" },
  baseUrl: { config: "maiagent:baseUrl", env: "MAIAGENT_BASE_URL" },
  maxConcurrency: { config: "maiagent:maxConcurrency", env: "MAIAGENT_MAX_CONCURRENCY" },
  requestsPerSecond: { config: "maiagent:requestsPerSecond", env: "MAIAGENT_REQUESTS_PER_SECOND" },
  requestTimeoutMs: { config: "maiagent:requestTimeoutMs", env: "MAIAGENT_REQUEST_TIMEOUT_MS" },
  retryBudgetMs: { config: "maiagent:retryBudgetMs", env: "MAIAGENT_RETRY_BUDGET_MS" },
};

/** Settings as given (numbers may be text, as in config); anything left out comes from MAIAGENT_* variables, then defaults. */
export type SettingsInput = Partial<Record<keyof Settings, string | number | undefined>>;

/** Values from the stack config, as the dynamic-provider host hands them to `configure` (fully qualified keys). */
export function fromPulumiConfig(config: { get(key: string): unknown }): SettingsInput {
  const input: SettingsInput = {};
  for (const [name, source] of Object.entries(SOURCES)) {
    const value = config.get(source.config);
    if (typeof value === "string" || typeof value === "number") input[name as keyof Settings] = value;
  }
  return input;
}

/** Explicit values win, then the environment, then defaults. Throws MaiAgentConfigError naming the setting. */
export function resolveSettings(explicit: SettingsInput = {}, env: NodeJS.ProcessEnv = process.env): Settings {
  const pick = (name: keyof Settings): string | undefined => {
    const value = explicit[name] ?? env[SOURCES[name].env];
    return value === undefined || value === "" ? undefined : String(value).trim();
  };
  const apiKey = pick("apiKey");
  if (!apiKey) {
    throw new MaiAgentConfigError(
      "No MaiAgent API key. Set it with `pulumi config set --secret maiagent:apiKey <key>` " +
        "or the MAIAGENT_API_KEY environment variable.",
    );
  }
  return {
    apiKey,
    baseUrl: normalizeBaseUrl(pick("baseUrl") ?? DEFAULT_BASE_URL),
    maxConcurrency: number(pick("maxConcurrency"), "maxConcurrency", DEFAULTS.maxConcurrency, 1),
    requestsPerSecond: number(pick("requestsPerSecond"), "requestsPerSecond", DEFAULTS.requestsPerSecond, 0),
    requestTimeoutMs: number(pick("requestTimeoutMs"), "requestTimeoutMs", DEFAULTS.requestTimeoutMs, 1),
    retryBudgetMs: number(pick("retryBudgetMs"), "retryBudgetMs", DEFAULTS.retryBudgetMs, 0),
  };
}

export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MaiAgentConfigError(`maiagent:baseUrl / MAIAGENT_BASE_URL is not a URL: "${raw}". Example: ${DEFAULT_BASE_URL}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MaiAgentConfigError(`maiagent:baseUrl must be an http(s) URL, got "${raw}".`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new MaiAgentConfigError(
      `maiagent:baseUrl "${url.origin}" uses plain http:// to a host that is not this machine, which would send the API key ` +
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

function number(raw: string | undefined, name: keyof Settings, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new MaiAgentConfigError(`${SOURCES[name].config} / ${SOURCES[name].env} must be a number >= ${min}, got "${raw}".`);
  }
  return value;
}
