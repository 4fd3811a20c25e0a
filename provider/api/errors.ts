import { networkAdvice, statusAdvice } from "./advice";

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

/** The API answered with a non-success status. Carries the DRF error body as the API sent it. `hint` defaults
 * to the advice for a Pulumi program (advice.ts); the HTTP layer passes the one for its audience. */
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
    const advice = hint ?? statusAdvice(status, "provider");
    const said = describeBody(body);
    super(`${method} ${path} failed with HTTP ${status}: ${said}${advice ? `${/[.!?]$/.test(said) ? "" : "."} ${advice}` : ""}`);
  }
}

/** No usable answer: connection refused or reset, DNS failure, timeout, or out of retry budget. `where` is the
 * full URL when the server was never reached (which host matters then), else the path. */
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
    options: { where?: string; attempts?: number; unreached?: boolean; advice?: string } = {},
  ) {
    const what = options.unreached ? "could not reach the API" : "got no answer";
    const tries = options.attempts && options.attempts > 1 ? ` after ${options.attempts} attempts` : "";
    super(`${method} ${options.where ?? path} ${what} (${code}: ${detail})${tries}. ${options.advice ?? networkAdvice("provider")}`);
  }
}

/** The API answered with a redirect, which is never followed: the key goes only to the configured origin, and
 * only over the scheme configured (got would keep it on an https → http redirect to the same host and port). */
export class MaiAgentRedirectError extends MaiAgentError {
  /**
   * @param origin The configured API origin, the only one the key is sent to.
   * @param setting How the user sets the base URL ("maiagent:baseUrl (or MAIAGENT_BASE_URL)", or for the CLI
   *   "MAIAGENT_BASE_URL").
   */
  constructor(
    /** The HTTP method, e.g. "GET". */
    readonly method: string,
    /** The path requested, relative to the API root. */
    readonly path: string,
    /** The 3xx status. */
    readonly status: number,
    /** The `Location` header, when there was one. */
    readonly location: string | undefined,
    origin: string,
    setting = "maiagent:baseUrl",
  ) {
    super(
      `${method} ${path} was answered HTTP ${status}, a redirect to ${location ?? "(no Location header)"}; it was not followed: ` +
        `the API key is only ever sent to ${setting}, ${origin}. If the API has moved, set ${setting} to its new ` +
        "https:// root; otherwise report the redirect to MaiAgent.",
    );
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
