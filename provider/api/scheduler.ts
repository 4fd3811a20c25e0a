/** One scheduler per process: caps concurrent requests, paces attempts, and makes everyone wait out a 429. */
export interface Limits {
  maxConcurrency: number;
  requestsPerSecond: number;
}

const LEARNED_MARGIN = 0.9;
const LEARNED_FOR_MS = 60_000;
const MIN_WINDOW_MS = 250;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with jitter: 250 ms doubling per attempt, at most `capMs`, scaled by 0.5–1. */
export function backoffMs(attempt: number, capMs: number): number {
  return Math.min(capMs, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
}

export class RequestScheduler {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private nextSlotAt = 0;
  private pausedUntil = 0;
  /** Answers (other than 429) in the last second, and the rate learned from the last 429, if recent. */
  private answeredAt: number[] = [];
  private learned?: { rate: number; until: number };

  constructor(private limits: Limits) {}

  setLimits(limits: Limits): void {
    this.limits = limits;
    this.releaseWaiting();
  }

  /** Runs `task` while holding one of `maxConcurrency` slots (a request with all its retries). */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Waits for this attempt's turn: after any shared pause, and spaced 1/rps apart when a rate is set. */
  async pace(): Promise<void> {
    const now = Date.now();
    const rate = this.rate(now);
    const slot = Math.max(now, this.pausedUntil, rate > 0 ? this.nextSlotAt : 0);
    if (rate > 0) this.nextSlotAt = slot + 1000 / rate;
    if (slot > now) await sleep(slot - now);
  }

  /** Every answer but 429 counts towards the rate the server is observed to accept. */
  answered(now = Date.now()): void {
    this.answeredAt.push(now);
    if (this.answeredAt.length > 64 && now - this.answeredAt[0] > 1000) this.answeredAt = this.answeredAt.filter((t) => now - t < 1000);
  }

  /** A 429 means the server's limit is about what it accepted in the last second: pace a little below that
   * for a while (multiplicative decrease on every further 429), then probe at full speed again. */
  throttled(now = Date.now()): void {
    // Measure only since the last pause ended: right after a pause the count says nothing about the limit.
    if (now < this.pausedUntil) return;
    const since = Math.max(now - 1000, this.pausedUntil);
    if (now - since < MIN_WINDOW_MS) return;
    const accepted = this.answeredAt.filter((t) => t >= since).length;
    const rate = Math.max(1, (accepted * 1000) / (now - since)) * LEARNED_MARGIN;
    const previous = this.learned && now < this.learned.until ? this.learned.rate : Infinity;
    this.learned = { rate: Math.min(rate, previous), until: now + LEARNED_FOR_MS };
  }

  private rate(now: number): number {
    const configured = this.limits.requestsPerSecond;
    if (!this.learned || now >= this.learned.until) return configured;
    return configured > 0 ? Math.min(configured, this.learned.rate) : this.learned.rate;
  }

  /** After a 429 the whole process backs off, not just the request that was refused. */
  pauseFor(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0) return; // a NaN here would switch pacing off for the whole process
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  private acquire(): Promise<void> {
    if (this.active < this.limits.maxConcurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** A freed slot passes straight to the next waiter, unless the limit was lowered meanwhile. */
  private release(): void {
    const next = this.active <= this.limits.maxConcurrency ? this.waiting.shift() : undefined;
    if (next) next();
    else this.active--;
  }

  private releaseWaiting(): void {
    while (this.active < this.limits.maxConcurrency && this.waiting.length > 0) {
      this.active++;
      this.waiting.shift()!();
    }
  }
}
