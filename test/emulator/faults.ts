/** Fault injection for the emulator: scripted rules and seeded random chaos (rate limits: limits.ts). */

/** "empty-page": a list answered 200 with no results, as a search index that has not caught up yet.
 * "redirect": answered `status` (default 301) with a Location header. */
export type FaultKind = "status" | "reset" | "slow" | "empty-page" | "redirect";
export interface Fault {
  kind: FaultKind;
  /** "before": the request is refused untouched; "after": the write is applied, then the answer fails. */
  when: "before" | "after";
  status?: number;
  retryAfter?: string;
  delayMs?: number;
  location?: string;
}
export interface FaultRule extends Partial<Fault> {
  kind: FaultKind;
  method?: string;
  /** Matched against the path after the /api/ or /api/v1/ prefix, e.g. /^organizations\/[^/]+\/members\/$/ */
  path?: RegExp;
  /** How many matching requests it hits (default 1). */
  times?: number;
}
export interface Chaos {
  seed: number;
  /** Share of requests answered 503. */
  failureRate: number;
  /** Of those, the share answered 503 only after the write was applied. */
  appliedFraction: number;
  /** Share of requests whose connection is reset (half before, half after applying). */
  resetRate: number;
  /** Every `every` requests, the next `length` requests get 429 with Retry-After. */
  burst429?: { every: number; length: number; retryAfter: string };
  /** A share of requests, at random, gets 429 with this Retry-After: someone else's traffic, no real limit. */
  random429?: { share: number; retryAfter: string };
}

/** mulberry32: small, seeded, good enough to make chaos repeatable. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private chaos?: Chaos & { next: () => number; seen: number; burstLeft: number };

  add(rule: FaultRule): void {
    this.rules.push({ times: 1, ...rule });
  }
  setChaos(chaos: Chaos | undefined): void {
    this.chaos = chaos && { ...chaos, next: random(chaos.seed), seen: 0, burstLeft: 0 };
  }
  clear(): void {
    this.rules = [];
    this.chaos = undefined;
  }

  /** The fault to apply to this request, if any. Scripted rules come first. */
  pick(method: string, path: string): Fault | undefined {
    const rule = this.rules.find((r) => (r.times ?? 1) > 0 && (!r.method || r.method === method) && (!r.path || r.path.test(path)));
    if (rule) {
      rule.times = (rule.times ?? 1) - 1;
      return { when: "before", ...rule };
    }
    return this.roll();
  }

  private roll(): Fault | undefined {
    const c = this.chaos;
    if (!c) return undefined;
    c.seen++;
    if (c.burst429 && c.seen % c.burst429.every === 0) c.burstLeft = c.burst429.length;
    if (c.burstLeft > 0) {
      c.burstLeft--;
      return { kind: "status", when: "before", status: 429, retryAfter: c.burst429!.retryAfter };
    }
    if (c.random429 && c.next() < c.random429.share) return { kind: "status", when: "before", status: 429, retryAfter: c.random429.retryAfter };
    const r = c.next();
    if (r < c.failureRate) return { kind: "status", status: 503, when: c.next() < c.appliedFraction ? "after" : "before" };
    if (r < c.failureRate + c.resetRate) return { kind: "reset", when: c.next() < 0.5 ? "after" : "before" };
    return undefined;
  }
}
