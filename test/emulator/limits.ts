/** Server-side rate limits the emulator (and the virtual-time simulation) can enforce. Each answers how long
 * the client must wait (ms) before a retry can be admitted, or undefined when the request is admitted. */

export type LimiterKind = "window" | "strict-window" | "bucket";

export interface Limiter {
  /** Requests per second; may change at run time (history and tokens are kept). */
  perSecond: number;
  check(now: number): number | undefined;
}

/** Django REST Framework's SimpleRateThrottle: at most N admitted requests in any 1-second window; a refused
 * request does not count. With `countRefused`, it does (the stricter model: hammering extends the throttle). */
export class WindowLimit implements Limiter {
  private history: number[] = [];
  constructor(
    public perSecond: number,
    private readonly countRefused = false,
  ) {}

  check(now: number): number | undefined {
    while (this.history.length > 0 && this.history[0] <= now - 1000) this.history.shift();
    const full = this.history.length >= this.perSecond;
    if (!full || this.countRefused) this.history.push(now);
    if (!full) return undefined;
    return 1000 - (now - this.history[this.history.length - Math.floor(this.perSecond)]);
  }
}

/** A token bucket: `perSecond` tokens a second, at most `burst` saved up; each admitted request takes one. */
export class TokenBucketLimit implements Limiter {
  private tokens: number;
  private updatedAt?: number;
  constructor(
    public perSecond: number,
    private readonly burst = perSecond,
  ) {
    this.tokens = burst;
  }

  check(now: number): number | undefined {
    this.tokens = Math.min(this.burst, this.tokens + (((now - (this.updatedAt ?? now)) / 1000) * this.perSecond));
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    return ((1 - this.tokens) / this.perSecond) * 1000;
  }
}

export function makeLimiter(kind: LimiterKind, perSecond: number, burst?: number): Limiter {
  if (kind === "bucket") return new TokenBucketLimit(perSecond, burst ?? perSecond);
  return new WindowLimit(perSecond, kind === "strict-window");
}

interface LimitOptions {
  rateLimitPerSecond: number;
  rateLimiter: LimiterKind;
  rateLimitBurst?: number;
}

/** A limit changed at run time keeps its history (and tokens); another kind of limiter starts afresh. */
export function updateLimiter(current: Limiter | undefined, before: LimitOptions, after: LimitOptions): Limiter | undefined {
  if (after.rateLimitPerSecond <= 0) return undefined;
  if (current && before.rateLimiter === after.rateLimiter && before.rateLimitBurst === after.rateLimitBurst) {
    current.perSecond = after.rateLimitPerSecond;
    return current;
  }
  return makeLimiter(after.rateLimiter, after.rateLimitPerSecond, after.rateLimitBurst);
}

/** The 429 a request refused by `limiter` gets, DRF-style; undefined when it is admitted. */
export function throttled(limiter: Limiter, format: "seconds" | "http-date", now = Date.now()): { detail: string; retryAfter: string } | undefined {
  const waitMs = limiter.check(now);
  if (waitMs === undefined) return undefined;
  const detail = `Request was throttled. Expected available in ${Math.max(1, Math.ceil(waitMs / 1000))} seconds.`;
  return { detail, retryAfter: retryAfterHeader(waitMs, format, now) };
}

/** DRF sends Retry-After as whole seconds, rounded up (at least 1); some servers send an HTTP-date instead,
 * rounded up to the next whole second so that honouring it is never too early. */
export function retryAfterHeader(waitMs: number, format: "seconds" | "http-date", now = Date.now()): string {
  if (format === "http-date") return new Date(Math.ceil((now + waitMs) / 1000) * 1000).toUTCString();
  return String(Math.max(1, Math.ceil(waitMs / 1000)));
}
