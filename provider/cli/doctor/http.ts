/** doctor's own HTTP: it can only read. GET, HEAD and OPTIONS, nothing else (checked at run time too, for callers
 * outside TypeScript); redirects are reported, never followed; connection errors are not retried; one retry of a
 * 429 whose Retry-After is short; 10 s per attempt, at most 4 in flight and 40 attempts in a run. */
import * as http from "node:http";
import * as https from "node:https";

export type SafeMethod = "GET" | "HEAD" | "OPTIONS";
const SAFE: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

export class WriteRefused extends Error {}
export class RequestBudgetSpent extends Error {}

export interface Limits {
  timeoutMs: number;
  maxInFlight: number;
  maxRequests: number;
  /** A 429 asking to wait longer than this is not retried. */
  maxRetryAfterMs: number;
}
export const LIMITS: Limits = { timeoutMs: 10_000, maxInFlight: 4, maxRequests: 40, maxRetryAfterMs: 3_000 };

/** One answered (or failed) attempt, as evidence: the path has its query values redacted. */
export interface Exchange {
  method: SafeMethod;
  path: string;
  status?: number;
  ms: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** No answer: the error code (ECONNREFUSED, ETIMEDOUT, DEPTH_ZERO_SELF_SIGNED_CERT, …). */
  error?: string;
  url: string;
  /** Date.now() when the answer ended (the server's Date header is compared with it). */
  at: number;
}

export interface HttpOptions {
  baseUrl: string;
  apiKey: string;
  agents: { http: http.Agent; https: https.Agent };
  limits?: Partial<Limits>;
}

export class ReadOnlyHttp {
  readonly sent: Record<SafeMethod, number> = { GET: 0, HEAD: 0, OPTIONS: 0 };
  /** Every exchange of the run, in the order answered (rate-limit headers, Date, 429s are read from here). */
  readonly exchanges: Exchange[] = [];
  private readonly limits: Limits;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: HttpOptions) {
    this.limits = { ...LIMITS, ...options.limits };
  }

  get attempts(): number {
    return this.sent.GET + this.sent.HEAD + this.sent.OPTIONS;
  }

  /** `target`: a path relative to the base URL, or an absolute URL. Never rejects for an HTTP status. */
  async request(method: SafeMethod, target: string, options: { query?: Record<string, string>; accept?: string; auth?: boolean } = {}): Promise<Exchange> {
    if (!SAFE.has(method)) throw new WriteRefused(`doctor only reads: ${String(method)} is never sent`);
    const url = new URL(target, this.options.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    let exchange = await this.attempt(method, url, options);
    const waitMs = exchange.status === 429 ? retryAfterMs(exchange.headers["retry-after"]) : undefined;
    if (waitMs !== undefined && waitMs <= this.limits.maxRetryAfterMs) {
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      exchange = await this.attempt(method, url, options);
    }
    return exchange;
  }

  private async attempt(method: SafeMethod, url: URL, options: { accept?: string; auth?: boolean }): Promise<Exchange> {
    if (this.attempts >= this.limits.maxRequests) throw new RequestBudgetSpent(`doctor sends at most ${this.limits.maxRequests} requests`);
    this.sent[method]++;
    await this.slot();
    const started = Date.now();
    try {
      const answer = await this.send(method, url, options);
      const exchange = { method, path: redacted(url), ms: Date.now() - started, at: Date.now(), url: url.href, ...answer };
      this.exchanges.push(exchange);
      return exchange;
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  private async slot(): Promise<void> {
    while (this.inFlight >= this.limits.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
  }

  private send(method: SafeMethod, url: URL, options: { accept?: string; auth?: boolean }): Promise<Pick<Exchange, "status" | "headers" | "body" | "error">> {
    const secure = url.protocol === "https:";
    const headers: http.OutgoingHttpHeaders = { accept: options.accept ?? "application/json", "user-agent": "pulumi-maiagent-doctor" };
    // The key goes only to the configured API's own origin: a redirect or `next` elsewhere is probed without it.
    if (options.auth !== false && url.origin === new URL(this.options.baseUrl).origin) headers.authorization = `Api-Key ${this.options.apiKey}`;
    return new Promise((resolve) => {
      const request = (secure ? https : http).request(url, { method, headers, agent: secure ? this.options.agents.https : this.options.agents.http });
      request.setTimeout(this.limits.timeoutMs, () => request.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
      request.on("error", (error: NodeJS.ErrnoException) => resolve({ headers: {}, body: undefined, error: error.code ?? error.message }));
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", (error: NodeJS.ErrnoException) => resolve({ headers: {}, body: undefined, error: error.code ?? "ERESPONSE" }));
        response.on("end", () => resolve({ status: response.statusCode, headers: response.headers, body: parse(Buffer.concat(chunks).toString("utf8")) }));
      });
      request.end();
    });
  }
}

/** Seconds or an HTTP-date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Query values can hold an email (`?query=`): only numbers and a few fixed words are kept. */
export function redacted(url: URL): string {
  const query = [...url.searchParams].map(([key, value]) => `${key}=${/^(\d+|json|true|false)$/.test(value) ? value : "…"}`);
  return url.pathname + (query.length ? `?${query.join("&")}` : "");
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  }
}
