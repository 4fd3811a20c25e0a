/** Virtual time for the rate controller: clients with 8 requests in flight send through their pacing to a
 * simulated server (any emulator limiter, or random 429s); a 429 waits its Retry-After. No wall clock. */
import { random } from "../emulator/faults";
import type { Limiter } from "../emulator/limits";

export interface Pacer {
  reserve(): number;
  answered(status: number, sentAt: number): void;
}
export interface Answer {
  status: number;
  retryAfterMs?: number;
}
export type Server = (now: number) => Answer;
export interface Sent {
  at: number;
  status: number;
  client: number;
}

export class VirtualTime {
  now = 0;
  private queue: Array<{ at: number; seq: number; run: () => void }> = [];
  private seq = 0;
  readonly clock = () => this.now;

  at(time: number, run: () => void): void {
    const event = { at: Math.max(time, this.now), seq: this.seq++, run };
    const index = this.queue.findIndex((e) => e.at > event.at);
    this.queue.splice(index < 0 ? this.queue.length : index, 0, event);
  }

  runUntil(done: () => boolean, limitMs: number): void {
    while (this.queue.length > 0 && !done() && this.now <= limitMs) {
      const event = this.queue.shift()!;
      this.now = event.at;
      event.run();
    }
  }
}

/** DRF-style whole seconds, as the emulator sends them. */
const wholeSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000)) * 1000;

export function limitedServer(limiter: Limiter): Server {
  return (now) => {
    const wait = limiter.check(now);
    return wait === undefined ? { status: 200 } : { status: 429, retryAfterMs: wholeSeconds(wait) };
  };
}

export function sporadicServer(share: number, retryAfterMs: number, seed: number): Server {
  const next = random(seed);
  return () => (next() < share ? { status: 429, retryAfterMs } : { status: 200 });
}

export interface Run {
  log: Sent[];
  /** When each client's last request succeeded (ms of virtual time). */
  finishedAt: number[];
}

/** Each client sends `requests` requests, `inFlight` at a time; stops at `limitMs` of virtual time. */
export function simulate(time: VirtualTime, server: Server, clients: Array<{ pacer: Pacer; requests: number }>, limitMs = 600_000): Run {
  const log: Sent[] = [];
  const finishedAt = clients.map(() => NaN);
  clients.forEach(({ pacer, requests }, client) => {
    let started = 0;
    let done = 0;
    const attempt = () => {
      const slot = pacer.reserve();
      time.at(slot, () => {
        const answer = server(time.now);
        log.push({ at: time.now, status: answer.status, client });
        time.at(time.now + 20, () => {
          pacer.answered(answer.status, slot);
          if (answer.status === 429) time.at(time.now + (answer.retryAfterMs ?? 1000), attempt);
          else if (++done === requests) finishedAt[client] = time.now;
          else next();
        });
      });
    };
    const next = () => {
      if (started < requests) {
        started++;
        attempt();
      }
    };
    for (let i = 0; i < 8; i++) next();
  });
  time.runUntil(() => finishedAt.every((t) => !Number.isNaN(t)), limitMs);
  return { log, finishedAt };
}

/** Admitted requests per second between `from` and `to` (ms). */
export function admittedRate(log: Sent[], from: number, to: number): number {
  return (log.filter((s) => s.status !== 429 && s.at >= from && s.at < to).length * 1000) / (to - from);
}

export function share429(log: Sent[], from = 0, to = Infinity): number {
  const sent = log.filter((s) => s.at >= from && s.at < to);
  return sent.filter((s) => s.status === 429).length / sent.length;
}

/** Most requests sent in any window [t, t + 1000). */
export function maxInOneSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}
