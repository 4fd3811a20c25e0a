/** Client-side pacing that follows the server's rate limit: unpaced until 429s show a real limit, then a
 * multiplicative decrease and a cubic recovery (CUBIC, as AWS SDK v3's adaptive retry mode), under a hard cap. */
export type Clock = () => number;
/** Milliseconds that only move forward: pacing and deadlines must not stall (or rush) when the wall clock is
 * stepped (NTP, a VM resumed from a snapshot). */
export const monotonic: Clock = () => performance.now();

/** Decrease factor and cubic growth constant (requests/s per s³). AWS SDK v3 uses 0.7 and 0.4 for limits in the
 * hundreds; for limits of 10–40 requests/s a gentler probe and a smaller cut waste fewer requests (virtual-time
 * runs: fewer 429s at 10/s, higher use of a 20/s window limit). */
const BETA = 0.8;
const SCALE = 0.1;
/** Never paced slower than this many requests per second. */
export const FLOOR_PER_SECOND = 0.5;
/** Sends are measured over WINDOW_MS. 429s show a real limit when at least MIN_THROTTLES of the answers in the
 * last ANSWERS_MS were 429, and at least MIN_SHARE of them: a stray 429 (someone else's traffic, a hiccup)
 * slows nothing but its own request. */
const WINDOW_MS = 2000;
const ANSWERS_MS = 1000;
/** After a decrease, answers to requests sent within SETTLE_MS still reflect the old pace (a 1-second window
 * limit stays full for a second), so they do not count towards the next decrease. */
const SETTLE_MS = 1000;
const MIN_THROTTLES = 3;
const MIN_SHARE = 0.1;

interface Answer {
  at: number;
  throttled: boolean;
}

export class RateController {
  private readonly startedAt: number;
  private sends: number[] = [];
  /** Answers to requests sent after the last decrease: only they say whether the new pace is still too fast. */
  private answers: Answer[] = [];
  /** The adaptive pace in requests/s; Infinity until 429s show a real limit. */
  private adaptive = Infinity;
  /** Where the limit seemed to be when the server last pushed back (CUBIC's W_max), and when that was. */
  private lastMax = 0;
  private decreasedAt = -Infinity;
  private nextSlotAt = 0;

  /** `cap` is maiagent:requestsPerSecond (0: none), a hard upper limit whatever the server allows. */
  constructor(
    private cap: number,
    private readonly clock: Clock = monotonic,
  ) {
    this.startedAt = clock();
  }

  setCap(cap: number): void {
    this.cap = cap;
  }

  /** Requests per second allowed now (Infinity: unpaced). */
  rate(): number {
    return Math.min(this.cap > 0 ? this.cap : Infinity, this.adaptive);
  }

  /** Takes the next send slot; returns the time (by the clock) at which this attempt may be sent. */
  reserve(): number {
    const now = this.clock();
    const rate = this.rate();
    const slot = Number.isFinite(rate) ? Math.max(now, this.nextSlotAt) : now;
    if (Number.isFinite(rate)) this.nextSlotAt = slot + 1000 / rate;
    this.sends.push(slot);
    return slot;
  }

  /** Called with every answer of an attempt that was sent at `sentAt` (the time `reserve` gave). */
  answered(status: number, sentAt: number): void {
    const now = this.clock();
    this.prune(now);
    if (sentAt < this.decreasedAt + SETTLE_MS) return;
    const throttled = status === 429;
    this.answers.push({ at: now, throttled });
    if (throttled && this.limitShown()) this.decrease(now);
    else if (!throttled && Number.isFinite(this.adaptive)) this.increase(now);
  }

  private limitShown(): boolean {
    const throttles = this.answers.filter((a) => a.throttled).length;
    return throttles >= MIN_THROTTLES && throttles >= MIN_SHARE * this.answers.length;
  }

  /** Down by BETA from the rate actually sent, of which only the share not refused counts: an unpaced client
   * far above the limit (most answers 429) learns at once about where the limit is. */
  private decrease(now: number): void {
    const throttles = this.answers.filter((a) => a.throttled).length;
    const admittedShare = Math.min(1, (1 - throttles / this.answers.length) / (1 - MIN_SHARE));
    const from = Math.min(this.sentPerSecond(now), this.rate()) * admittedShare;
    this.lastMax = Math.max(FLOOR_PER_SECOND, from);
    this.adaptive = Math.max(FLOOR_PER_SECOND, this.lastMax * BETA);
    this.decreasedAt = now;
    this.answers = [];
  }

  /** CUBIC: back quickly towards the last limit, carefully around it, then faster beyond it. Growth beyond the
   * last limit is bounded by twice the rate actually sent, so an idle client does not earn a burst. */
  private increase(now: number): void {
    const seconds = (now - this.decreasedAt) / 1000;
    const plateau = Math.cbrt((this.lastMax * (1 - BETA)) / SCALE);
    const cubic = SCALE * (seconds - plateau) ** 3 + this.lastMax;
    const ceiling = Math.max(this.lastMax, 2 * this.sentPerSecond(now));
    this.adaptive = Math.max(FLOOR_PER_SECOND, Math.min(cubic, ceiling));
  }

  /** Attempts sent per second over the last WINDOW_MS (at least one second, to damp the first moments). */
  private sentPerSecond(now: number): number {
    const span = Math.min(WINDOW_MS, Math.max(1000, now - this.startedAt));
    return (this.sends.filter((t) => t > now - span && t <= now).length * 1000) / span;
  }

  private prune(now: number): void {
    const horizon = now - WINDOW_MS;
    while (this.sends.length > 0 && this.sends[0] <= horizon) this.sends.shift();
    while (this.answers.length > 0 && this.answers[0].at <= now - ANSWERS_MS) this.answers.shift();
  }
}
