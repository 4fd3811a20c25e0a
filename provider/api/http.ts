/** The one place that talks HTTP: got with prefixUrl, the Api-Key header, timeouts, and a retry policy. */
import type { Got, RequestError } from "got";
import type { z } from "zod";
import { MaiAgentApiError, MaiAgentNetworkError, MaiAgentRedirectError, MaiAgentResponseError } from "./errors";
import { proxyFor, type ProxyRoute } from "./proxy";
import { monotonic } from "./rate-controller";
import { backoffMs, RequestScheduler } from "./scheduler";
import type { Settings } from "./settings";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export interface SendOptions {
  json?: unknown;
  searchParams?: Record<string, string | number | boolean | undefined>;
}

/** Per-request context: the retry deadline, and when the current attempt was let through the scheduler. */
interface Attempt extends Record<string, unknown> {
  deadline: number;
  sentAt: number;
}

/** A POST or PATCH is repeated only when the server certainly did not act on it. */
const NON_IDEMPOTENT = new Set(["POST", "PATCH"]);
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "ERR_INVALID_URL"]);

/** True when a failed write may still have been applied by the server (so look before writing again). */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof MaiAgentApiError) return error.status >= 500 || error.status === 408;
  if (error instanceof MaiAgentNetworkError) return !NEVER_SENT.has(error.code);
  return false;
}

export class Http {
  private readonly got: Got;
  private readonly proxy: ProxyRoute | undefined;

  constructor(
    readonly settings: Settings,
    private readonly scheduler: RequestScheduler,
  ) {
    this.proxy = proxyFor(settings.baseUrl);
    this.got = loadGot().extend({
      prefixUrl: settings.baseUrl,
      agent: this.proxy?.agent,
      headers: { authorization: `Api-Key ${settings.apiKey}`, accept: "application/json" },
      timeout: { request: settings.requestTimeoutMs },
      responseType: "text",
      // The client always sends the trailing slash DRF wants, so the API has no reason to redirect; following
      // one could carry the key elsewhere or in clear text. A 3xx is answered as an error instead.
      followRedirect: false,
      retry: {
        limit: 12,
        methods: ["GET", "PUT", "HEAD", "DELETE", "OPTIONS", "POST", "PATCH"],
        maxRetryAfter: settings.retryBudgetMs,
        calculateDelay: ({ attemptCount, error, retryAfter, computedValue }) =>
          this.retryDelay(attemptCount, error, retryAfter, computedValue),
      },
      hooks: {
        beforeRequest: [
          async (options) => {
            (options.context as Attempt).sentAt = await this.scheduler.pace();
          },
        ],
        afterResponse: [
          (response) => {
            this.scheduler.answered(response.statusCode, (response.request.options.context as Attempt).sentAt);
            return response;
          },
        ],
      },
    });
  }

  async send<T>(method: Method, path: string, schema: z.ZodType<T> | null, options: SendOptions = {}): Promise<T> {
    const where = this.describe(path, options.searchParams);
    const searchParams = Object.fromEntries(
      Object.entries(options.searchParams ?? {}).filter(([, value]) => value !== undefined),
    ) as Record<string, string | number | boolean>;
    const response = await this.scheduler
      .run(() =>
        this.got(path, {
          method,
          json: options.json,
          searchParams,
          context: { deadline: monotonic() + this.settings.retryBudgetMs },
        }),
      )
      .catch((error: RequestError) => {
        throw toMaiAgentError(method, where, error, this.proxy);
      });
    if (response.statusCode >= 300 && response.statusCode < 400) {
      const location = response.headers.location;
      throw new MaiAgentRedirectError(method, where, response.statusCode, location, new URL(this.settings.baseUrl).origin);
    }
    const body = parseJson(response.body as string);
    if (!schema) return body as T;
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "body"} ${i.message}`).join("; ");
      throw new MaiAgentResponseError(method, where, problems);
    }
    return parsed.data;
  }

  private retryDelay(attempt: number, error: RequestError, retryAfter: number | undefined, computed: number): number {
    if (computed === 0) return 0; // got's own rules said no: method, status, error code, limit or a too-long Retry-After
    const status = error.response?.statusCode;
    if (NON_IDEMPOTENT.has(error.options.method) && status !== 429 && error.code !== "ECONNREFUSED") return 0;
    // got turns an unparseable Retry-After ("soon") into NaN; such a header says nothing, so back off instead.
    const validRetryAfter = retryAfter !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0;
    const delay = validRetryAfter ? retryAfter + Math.random() * 100 : backoffMs(attempt, 8000);
    const { deadline } = error.options.context as Attempt;
    if (monotonic() + delay > deadline) return 0;
    return delay; // only this request waits: the scheduler's pacing decides whether others slow down
  }

  private describe(path: string, searchParams: SendOptions["searchParams"]): string {
    const url = new URL(path, this.settings.baseUrl);
    for (const [key, value] of Object.entries(searchParams ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.pathname + url.search;
  }
}

/** got is ESM-only and loads through Node's require(esm); loading it lazily keeps `import "pulumi-maiagent"`
 * usable in programs and unit tests (Pulumi mocks under jest) that never send a request. */
function loadGot(): Got {
  return (require("got") as typeof import("got")).got;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toMaiAgentError(method: string, where: string, error: RequestError, proxy: ProxyRoute | undefined): Error {
  if (error.response) return new MaiAgentApiError(method, where, error.response.statusCode, parseJson(String(error.response.body ?? "")));
  const timeout = error.name === "TimeoutError" ? `no response within the request timeout (${error.message})` : error.message;
  const reason = proxy ? `${timeout}; sent through the proxy ${proxy.label}: check it, or exempt the host with NO_PROXY` : timeout;
  return new MaiAgentNetworkError(method, where, error.code ?? error.name, reason);
}
