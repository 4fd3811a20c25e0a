/** One scheduler per process: caps concurrent requests, paces attempts, and makes everyone wait out a 429. */
export interface Limits {
  maxConcurrency: number;
  requestsPerSecond: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class RequestScheduler {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private nextSlotAt = 0;
  private pausedUntil = 0;

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
    const slot = Math.max(now, this.pausedUntil, this.limits.requestsPerSecond > 0 ? this.nextSlotAt : 0);
    if (this.limits.requestsPerSecond > 0) this.nextSlotAt = slot + 1000 / this.limits.requestsPerSecond;
    if (slot > now) await sleep(slot - now);
  }

  /** After a 429 the whole process backs off, not just the request that was refused. */
  pauseFor(ms: number): void {
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
