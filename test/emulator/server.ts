/** A MaiAgent API emulator: real HTTP on 127.0.0.1, both /api/ and /api/v1/, Api-Key auth, DRF errors,
 * pagination, camelCase or snake_case answers, fault injection and a rate limit. */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { DOCTOR_PROBE_DEFAULTS, linkOrigin, probeHeaders, probeRoute, reshape, slashRedirect, type DoctorProbeOptions } from "./doctor-probes";
import { FaultInjector, type Fault } from "./faults";
import { GROUP_DEFAULTS, type GroupOptions } from "./groups-routes";
import { throttled, updateLimiter, type Limiter, type LimiterKind } from "./limits";
import { route } from "./routes";
import { EmulatorState, reply, type Reply } from "./state";
import { camelKeys, snakeKeys, type IsOwnerStyle, type Timestamps } from "./views";

export interface EmulatorOptions extends DoctorProbeOptions, GroupOptions {
  apiKey: string;
  /** Further API keys, each the key of the user with this email (created on first use): another person's key. */
  otherKeys: Record<string, string>;
  keyCase: "camel" | "snake";
  timestamps: Timestamps;
  defaultPageSize: number;
  maxPageSize: number;
  /** Answer 400 to a pageSize above the maximum instead of clamping it (DRF clamps). */
  rejectOversizePageSize: boolean;
  /** The documents show the add-member response without an id; some servers include it. */
  memberCreateReturnsId: boolean;
  /** The documents have no organization DELETE; by default it is 405 (checked before the lookup, as DRF does). */
  allowOrganizationDelete: boolean;
  /** The public OpenAPI marks isOwner read-only on add-member: false ignores a declared isOwner. */
  memberCreateHonoursIsOwner: boolean;
  /** false: a URLField without allow_null (400 "This field may not be null." for a null logo; "" clears it). */
  acceptNullLogos: boolean;
  latencyMs: number;
  /** Added to `latencyMs` for a GET of a list (organizations or members): a slow scan, quick single reads. */
  listLatencyMs: number;
  /** What the undocumented member-list `query` does: substring of email or name, whole email, or nothing. */
  memberQuery: "substring" | "exact-email" | "ignored";
  /** Admitted requests per second before 429 with Retry-After; 0 means unlimited. May change at run time. */
  rateLimitPerSecond: number;
  /** "window": DRF's throttle (N admitted in any second); "strict-window": refused requests count too;
   * "bucket": a token bucket of `rateLimitBurst` tokens (default: one second's worth). */
  rateLimiter: LimiterKind;
  rateLimitBurst?: number;
  retryAfterFormat: "seconds" | "http-date";
  /** How a member read renders isOwner: a JSON boolean (documented), "true"/"false" strings, left out, or null. */
  memberIsOwner: IsOwnerStyle;
  /** A list's `count` this much lower (negative: higher) than its rows, a stale or estimated count; rows and `next` stay true. */
  countShortBy: number;
  /** Called before a member-list page is served: a test changes the list between the pages of one scan. */
  beforeMemberPage?: (organizationId: string, page: number) => void;
}
export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
  fault?: string;
}

const PREFIXES = ["/api/v1/", "/api/"];
export const DEFAULT_OPTIONS: EmulatorOptions = {
  apiKey: "emulator-test-key",
  otherKeys: {},
  keyCase: "camel",
  timestamps: "iso",
  defaultPageSize: 10,
  maxPageSize: 100,
  rejectOversizePageSize: false,
  memberCreateReturnsId: false,
  allowOrganizationDelete: false,
  memberCreateHonoursIsOwner: true,
  acceptNullLogos: true,
  latencyMs: 0,
  listLatencyMs: 0,
  memberQuery: "substring",
  rateLimitPerSecond: 0,
  rateLimiter: "window",
  retryAfterFormat: "seconds",
  memberIsOwner: "boolean",
  countShortBy: 0,
  ...DOCTOR_PROBE_DEFAULTS,
  ...GROUP_DEFAULTS,
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Emulator {
  readonly state = new EmulatorState();
  readonly faults = new FaultInjector();
  readonly requests: LoggedRequest[] = [];
  /** Most requests ever in progress at once. */
  peakInFlight = 0;
  private inFlight = 0;
  readonly owner = this.state.userFor("owner@emulator.test");
  options: EmulatorOptions;
  private limiter?: Limiter;
  private readonly server = http.createServer((req, res) => void this.handle(req, res));

  private constructor(options: Partial<EmulatorOptions>) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.setOptions({});
  }

  static async start(options: Partial<EmulatorOptions> = {}, port = 0): Promise<Emulator> {
    const emulator = new Emulator(options);
    await new Promise<void>((resolve) => emulator.server.listen(port, "127.0.0.1", resolve));
    return emulator;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  baseUrl(prefix: "/api/v1/" | "/api/" = "/api/v1/"): string {
    return `${this.url}${prefix}`;
  }
  setOptions(options: Partial<EmulatorOptions>): void {
    const before = { ...this.options };
    Object.assign(this.options, options);
    this.limiter = updateLimiter(this.limiter, before, this.options);
  }
  /** Requests received (after the prefix), optionally filtered. Counts are what tests assert on. */
  count(filter: { method?: string; path?: RegExp; status?: number } = {}): number {
    return this.requests.filter(
      (r) => (!filter.method || r.method === filter.method) && (!filter.path || filter.path.test(r.path)) && (filter.status === undefined || r.status === filter.status),
    ).length;
  }
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight);
    res.once("close", () => this.inFlight--);
    const url = new URL(req.url ?? "/", this.url);
    const raw = await readBody(req);
    const prefix = PREFIXES.find((p) => url.pathname.startsWith(p) && this.options.servedPrefixes.includes(p as "/api/"));
    const entry: LoggedRequest = { method: req.method ?? "GET", path: url.pathname, query: url.search, status: 0, at: Date.now() };
    if (!prefix) {
      if (PREFIXES.some((p) => url.pathname.startsWith(p))) this.requests.push(entry); // a root this deployment does not serve
      return this.send(res, entry, reply(404, { detail: "Not found." }));
    }
    this.requests.push(entry);
    if (this.options.latencyMs) await sleep(this.options.latencyMs);
    if (this.options.listLatencyMs && entry.method === "GET" && /(organizations|members|groups|group-members)\/$/.test(entry.path)) await sleep(this.options.listLatencyMs);
    // Django's CommonMiddleware, before DRF's throttle and authentication.
    const redirect = slashRedirect(this.options, this.url, entry.method, url.pathname);
    if (redirect) return this.send(res, entry, { status: redirect.status, body: "" }, undefined, { location: redirect.location });
    const throttle = this.limiter && throttled(this.limiter, this.options.retryAfterFormat);
    if (throttle) return this.send(res, entry, reply(429, { detail: throttle.detail }), throttle.retryAfter);
    const path = url.pathname.slice(prefix.length);
    const fault = this.faults.pick(entry.method, path);
    if (fault?.when === "before" && this.injure(res, entry, fault)) return;

    let result: Reply;
    const body = parseBody(raw);
    if (body === undefined) result = reply(400, { detail: "JSON parse error - Expecting value: line 1 column 1 (char 0)" });
    else if (path !== "auth/registration/" && !this.userOf(req.headers.authorization)) {
      result = reply(401, { detail: req.headers.authorization ? "Invalid API key." : "Authentication credentials were not provided." });
    } else {
      const userId = this.userOf(req.headers.authorization)?.id ?? this.owner.id;
      // DRF answers HEAD as GET without the body (Node drops the body of a HEAD answer).
      const call = { method: entry.method === "HEAD" ? "GET" : entry.method, path, query: url.searchParams, body, root: `${linkOrigin(this.options, this.url)}${prefix}` };
      result = probeRoute(this.options, call) ?? reshape(this.options, path, route(this.state, this.options, userId, call));
    }
    if (fault?.when === "after") {
      if (fault.kind === "slow") await sleep(fault.delayMs ?? 1000);
      else if (this.injure(res, entry, fault)) return;
    }
    this.send(res, entry, result);
  }

  /** The user an `Authorization: Api-Key …` header authenticates, if any. */
  private userOf(authorization: string | undefined) {
    const key = authorization?.startsWith("Api-Key ") ? authorization.slice("Api-Key ".length) : undefined;
    if (key === undefined) return undefined;
    if (key === this.options.apiKey) return this.owner;
    const email = Object.hasOwn(this.options.otherKeys, key) ? this.options.otherKeys[key] : undefined;
    return email === undefined ? undefined : this.state.userFor(email);
  }

  /** Applies a fault; returns false for "slow", which only delays the real answer. */
  private injure(res: http.ServerResponse, entry: LoggedRequest, fault: Fault): boolean {
    entry.fault = `${fault.kind}-${fault.when}`;
    if (fault.kind === "slow") return false;
    if (fault.kind === "empty-page") {
      this.send(res, entry, reply(200, { count: 0, next: null, previous: null, results: [] }));
      return true;
    }
    if (fault.kind === "redirect") {
      this.send(res, entry, reply(fault.status ?? 301, { detail: "Moved." }), undefined, fault.location ? { location: fault.location } : {});
      return true;
    }
    if (fault.kind === "reset") {
      res.socket?.destroy();
      return true;
    }
    const status = fault.status ?? 503;
    this.send(res, entry, reply(status, { detail: status === 429 ? "Request was throttled." : "Service temporarily unavailable." }), fault.retryAfter);
    return true;
  }

  private send(res: http.ServerResponse, entry: LoggedRequest, result: Reply, retryAfter?: string, extra: http.OutgoingHttpHeaders = {}): void {
    entry.status = result.status;
    if (res.destroyed) return;
    const prefix = PREFIXES.find((p) => entry.path.startsWith(p));
    const headers: http.OutgoingHttpHeaders = { "content-type": "application/json", ...probeHeaders(this.options, prefix && entry.path.slice(prefix.length)), ...extra };
    if (retryAfter) headers["retry-after"] = retryAfter;
    const snake = this.options.keyCase === "snake" && !result.raw;
    const body = result.body === undefined || result.body === "" ? "" : JSON.stringify(snake ? snakeKeys(result.body) : result.body);
    res.writeHead(result.status, headers).end(body);
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(""));
  });
}

/** Accepts camelCase or snake_case request keys, as djangorestframework-camel-case does. */
function parseBody(raw: string): Record<string, unknown> | undefined {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw);
    return parsed && typeof parsed === "object" ? (camelKeys(parsed) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
