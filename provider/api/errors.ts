/** Every error this package throws. Messages say what happened and what to do; none ever holds the API key. */
export class MaiAgentError extends Error {
  /** @param message What happened and what to do; `name` becomes the subclass's name. */
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Settings are missing or malformed (API key, base URL, limits). */
export class MaiAgentConfigError extends MaiAgentError {}

/** Input failed validation before any request was sent. `fields` maps each input to its problems. */
export class MaiAgentValidationError extends MaiAgentError {
  /**
   * @param what What was being validated, e.g. "organization".
   * @param fields Each invalid field with its problems.
   */
  constructor(
    /** What was being validated, e.g. "organization" or "page query". */
    readonly what: string,
    /** Each invalid field (dotted path; "" for the whole body) with its problems. */
    readonly fields: Record<string, string[]>,
  ) {
    super(`Invalid ${what}: ${formatFields(fields)}`);
  }
}

const HINTS: Record<number, string> = {
  400: "Fix the fields named above and run again.",
  401: "Check the API key: `pulumi config set --secret maiagent:apiKey <key>` or MAIAGENT_API_KEY.",
  403: "The API key is valid but lacks permission for this; use a key of an organization owner.",
  404: "It does not exist (or is not visible to this key). Check the id and maiagent:baseUrl.",
  405: "The API does not allow this method here.",
  429: "Rate limited and out of retries: lower maiagent:maxConcurrency or set maiagent:requestsPerSecond.",
};

/** The API answered with a non-success status. Carries the DRF error body as the API sent it. */
export class MaiAgentApiError extends MaiAgentError {
  /** The message is `<method> <path> failed with HTTP <status>: <the API's message>. <what to do>`; `hint`
   * replaces the standard advice for the status. */
  constructor(
    /** The HTTP method, e.g. "POST". */
    readonly method: string,
    /** The request path under the API root, with its query (never the key). */
    readonly path: string,
    /** The HTTP status the API answered. */
    readonly status: number,
    /** The response body as the API sent it (parsed JSON when it was JSON). */
    readonly body: unknown,
    hint?: string,
  ) {
    const advice = hint ?? HINTS[status] ?? (status >= 500 ? "The MaiAgent API failed; try again later." : "");
    const said = describeBody(body);
    super(`${method} ${path} failed with HTTP ${status}: ${said}${advice ? `${/[.!?]$/.test(said) ? "" : "."} ${advice}` : ""}`);
  }
}

/** No usable answer: connection refused or reset, DNS failure, timeout, or out of retry budget. */
export class MaiAgentNetworkError extends MaiAgentError {
  /** @param detail The underlying error's message (and the proxy, when one was used). */
  constructor(
    /** The HTTP method, e.g. "GET". */
    readonly method: string,
    /** The request path under the API root, with its query. */
    readonly path: string,
    /** The error code, e.g. ECONNREFUSED, ENOTFOUND, ETIMEDOUT. */
    readonly code: string,
    detail: string,
  ) {
    super(`${method} ${path} got no answer (${code}: ${detail}). Check maiagent:baseUrl and the network, then retry.`);
  }
}

/** The API answered 2xx with a body this package does not understand. */
export class MaiAgentResponseError extends MaiAgentError {
  /** @param problems What did not match the expected shape, field by field. */
  constructor(
    /** The HTTP method, e.g. "GET". */
    readonly method: string,
    /** The request path under the API root, with its query. */
    readonly path: string,
    problems: string,
  ) {
    super(`${method} ${path} returned an unexpected response: ${problems}`);
  }
}

export function formatFields(fields: Record<string, string[]>): string {
  return Object.entries(fields)
    .map(([field, messages]) => `${field || "body"}: ${messages.join(" ")}`)
    .join("; ");
}

/** DRF bodies are `{detail}` or `{field: [messages]}`; show either in full. */
export function describeBody(body: unknown): string {
  if (body === undefined || body === null || body === "") return "(empty body)";
  if (typeof body === "string") return body.length > 500 ? `${body.slice(0, 500)}…` : body;
  if (Array.isArray(body)) return body.map((b) => describeBody(b)).join(" ");
  if (typeof body === "object") {
    const record = body as Record<string, unknown>;
    if (typeof record.detail === "string" && Object.keys(record).length === 1) return record.detail;
    const fields: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(record)) {
      fields[key === "non_field_errors" || key === "nonFieldErrors" ? "" : key] = Array.isArray(value)
        ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v)))
        : [typeof value === "string" ? value : JSON.stringify(value)];
    }
    return formatFields(fields);
  }
  return String(body);
}
