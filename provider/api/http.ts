/** The one place that talks HTTP: got with prefixUrl, the Api-Key header, timeouts, and a retry policy. */
import type { Got, RequestError } from "got";
import type { z } from "zod";
import { settingName } from "./advice";
import { MaiAgentRedirectError, MaiAgentResponseError } from "./errors";
import { parseJson, toMaiAgentError } from "./http-errors";
import { proxyFor, type ProxyRoute } from "./proxy";
import { monotonic } from "./rate-controller";
import { formatAttempt } from "./request-log";
import type { HttpEvents } from "./request-log";
import { delayBeforeRetry, newAttempt, unreached, UNREACHED_ATTEMPTS } from "./retry-policy";
import type { Attempt } from "./retry-policy";
import type { RequestScheduler } from "./scheduler";
import type { Settings } from "./settings";

export { outcomeUnknown } from "./retry-policy";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export interface SendOptions {
  json?: unknown;
  searchParams?: Record<string, string | number | boolean | undefined>;
}

export class Http {
  private readonly got: Got;
  private readonly proxy: ProxyRoute | undefined;
  private readonly log: ((line: string) => void) | undefined;

  constructor(
    readonly settings: Settings,
    private readonly scheduler: RequestScheduler,
    private readonly events: HttpEvents = {},
  ) {
    this.proxy = proxyFor(settings.baseUrl);
    this.log = settings.logRequests ? (events.log ?? ((line) => process.stderr.write(`${line}\n`))) : undefined;
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
            const attempt = options.context as Attempt;
            attempt.sentAt = await this.scheduler.pace();
            attempt.startedAt = monotonic();
          },
        ],
        afterResponse: [
          (response) => {
            const attempt = response.request.options.context as Attempt;
            this.scheduler.answered(response.statusCode, attempt.sentAt);
            this.logAttempt(response.request.options, response.statusCode, response.retryCount + 1);
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
          context: newAttempt(this.settings.retryBudgetMs),
        }),
      )
      .catch((error: RequestError) => {
        throw toMaiAgentError(method, where, error, this.settings, this.proxy);
      });
    if (response.statusCode >= 300 && response.statusCode < 400) {
      const location = response.headers.location;
      throw new MaiAgentRedirectError(method, where, response.statusCode, location, new URL(this.settings.baseUrl).origin, settingName("baseUrl", this.settings.audience));
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

  /** got calls this once for every failed attempt, answered or not, before deciding whether to retry. */
  private retryDelay(attempt: number, error: RequestError, retryAfter: number | undefined, computed: number): number {
    const context = error.options.context as Attempt;
    context.failed = attempt;
    if (!error.response) this.logAttempt(error.options, error.code ?? error.name, attempt);
    const delay = delayBeforeRetry(attempt, error, retryAfter, computed);
    if (delay > 0) {
      const reason = error.response?.statusCode ?? error.code ?? error.name;
      const of = unreached(error) ? UNREACHED_ATTEMPTS : undefined;
      this.events.onRetry?.({ method: error.options.method, url: error.options.url as URL, reason, delayMs: delay, next: attempt + 1, of });
    }
    return delay;
  }

  private logAttempt(options: RequestError["options"], outcome: number | string, attempt: number): void {
    if (!this.log) return;
    const { startedAt } = options.context as Attempt;
    this.log(formatAttempt({ method: options.method, url: options.url as URL, outcome, ms: Math.round(monotonic() - startedAt), attempt }));
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
