/** What to tell the user to do, worded for whoever is asking: a Pulumi program (stack config or environment)
 * or the `export` CLI (environment only). The messages exist once; only the names of the settings differ. */

/** "provider": settings come from `maiagent:*` stack config or MAIAGENT_*; "cli": from MAIAGENT_* only. */
export type Audience = "provider" | "cli";

const NAMES = {
  apiKey: ["maiagent:apiKey", "MAIAGENT_API_KEY"],
  baseUrl: ["maiagent:baseUrl", "MAIAGENT_BASE_URL"],
  maxConcurrency: ["maiagent:maxConcurrency", "MAIAGENT_MAX_CONCURRENCY"],
  requestsPerSecond: ["maiagent:requestsPerSecond", "MAIAGENT_REQUESTS_PER_SECOND"],
  requestTimeoutMs: ["maiagent:requestTimeoutMs", "MAIAGENT_REQUEST_TIMEOUT_MS"],
  retryBudgetMs: ["maiagent:retryBudgetMs", "MAIAGENT_RETRY_BUDGET_MS"],
  maxRemovals: ["maiagent:maxRemovals", "MAIAGENT_MAX_REMOVALS"],
} as const;
export type SettingName = keyof typeof NAMES;

/** The Pulumi config key and the environment variable of each setting. */
export const settingSources = (name: SettingName) => ({ config: NAMES[name][0], env: NAMES[name][1] });

/** How the user sets `name`: "maiagent:baseUrl (or MAIAGENT_BASE_URL)" for a program, "MAIAGENT_BASE_URL" for the CLI. */
export function settingName(name: SettingName, audience: Audience): string {
  const [config, env] = NAMES[name];
  return audience === "cli" ? env : `${config} (or ${env})`;
}

/** The advice after an HTTP error. `hasId`: the path names an object (a UUID), so a 404 may mean that object;
 * `baseUrl`, when known, is shown without any user:password part. */
export function statusAdvice(status: number, audience: Audience, request: { hasId: boolean; baseUrl?: string } = { hasId: true }): string {
  const { hasId, baseUrl } = request;
  const name = (setting: SettingName) => settingName(setting, audience);
  switch (status) {
    case 400:
      return "Fix the fields named above and run again.";
    case 401:
      return audience === "cli"
        ? "Check MAIAGENT_API_KEY: it must be a valid MaiAgent API key (the key is not shown)."
        : "Check the API key: `pulumi config set --secret maiagent:apiKey <key>` or MAIAGENT_API_KEY.";
    case 403:
      return "The API key is valid but lacks permission for this; use a key of an organization owner.";
    case 404:
      return hasId
        ? `It does not exist (or is not visible to this key). Check the id, and that ${name("baseUrl")} is the API root.`
        : `The API root has no such endpoint: check ${name("baseUrl")}${baseUrl ? `, now ${shown(baseUrl)}` : ""} (the default is https://api.maiagent.ai/api/v1/).`;
    case 405:
      return "The API does not allow this method here.";
    case 429:
      return `Rate limited and out of retries: lower ${name("maxConcurrency")} or set ${name("requestsPerSecond")}.`;
    default:
      return status >= 500 ? "The MaiAgent API failed; try again later." : "";
  }
}

/** The advice when no answer came. */
export function networkAdvice(audience: Audience): string {
  return `Check ${settingName("baseUrl", audience)} and the network, then retry.`;
}

function shown(baseUrl: string): string {
  const url = new URL(baseUrl);
  return url.origin + url.pathname;
}
