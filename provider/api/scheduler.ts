/** One scheduler per provider process and API root: caps concurrent requests and paces attempts. */
import { monotonic, RateController } from "./rate-controller";
import type { Clock } from "./rate-controller";

export interface Limits {
  maxConcurrency: number;
  requestsPerSecond: number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with jitter: 250 ms doubling per attempt, at most `capMs`, scaled by 0.5–1. */
export function backoffMs(attempt: number, capMs: number): number {
  return Math.min(capMs, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
}

export class RequestScheduler {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  readonly pacing: RateController;

  constructor(
    private limits: Limits,
    private readonly clock: Clock = monotonic,
  ) {
    this.pacing = new RateController(limits.requestsPerSecond, clock);
  }

  setLimits(limits: Limits): void {
    this.limits = limits;
    this.pacing.setCap(limits.requestsPerSecond);
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

  /** Waits for this attempt's send slot; returns the slot's time, to be handed back with the answer. */
  async pace(): Promise<number> {
    const slot = this.pacing.reserve();
    const wait = slot - this.clock();
    if (wait > 0) await sleep(wait);
    return slot;
  }

  /** Every answer (429 or not) of an attempt sent at `sentAt` teaches the pacing about the server's limit. */
  answered(status: number, sentAt: number): void {
    this.pacing.answered(status, sentAt);
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
