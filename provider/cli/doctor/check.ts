/** What a check is and what it ends with. Ids are stable: users run subsets by id and attach the JSON to reports. */
import type { Session } from "./session";
import type { Exchange } from "./http";

export type Status = "ok" | "info" | "warn" | "fail" | "skip";
export const STATUSES: Status[] = ["ok", "info", "warn", "fail", "skip"];

export interface Outcome {
  status: Status;
  /** What was seen, one line. */
  observed: string;
  /** What the provider assumes. */
  expected?: string;
  /** What the provider will do about it, or what to change. */
  action?: string;
}

export interface Check {
  id: string;
  title: string;
  /** Checks that must end ok, info or warn first; otherwise this one is skipped. */
  needs: string[];
  /** Checks that must not have failed (a skip is fine). */
  after?: string[];
  /** Runs after every other check (it reads what the others' answers carried). */
  last?: boolean;
  run(probe: Probe): Promise<Outcome>;
}

export interface Result extends Outcome {
  id: string;
  title: string;
  evidence: { method: string; path: string; status: number | null; ms: number }[];
}

/** A check's view of the session: every answer it looks at becomes its evidence. */
export class Probe {
  readonly evidence: Exchange[] = [];
  constructor(readonly session: Session) {}

  /** Records the exchanges a session helper used and returns its value. */
  async see<T>(pending: Promise<{ value: T; exchanges: Exchange[] }>): Promise<T> {
    const { value, exchanges } = await pending;
    for (const exchange of exchanges) if (!this.evidence.includes(exchange)) this.evidence.push(exchange);
    return value;
  }

  async get(target: string, options: { query?: Record<string, string>; accept?: string } = {}): Promise<Exchange> {
    return this.see(this.session.fetch("GET", target, options).then((e) => ({ value: e, exchanges: [e] })));
  }

  async options(target: string): Promise<Exchange> {
    return this.see(this.session.fetch("OPTIONS", target).then((e) => ({ value: e, exchanges: [e] })));
  }
}

export const outcome = (status: Status, observed: string, extra: Omit<Outcome, "status" | "observed"> = {}): Outcome => ({ status, observed, ...extra });

/** "HTTP 404: Not found." or "no answer (ECONNREFUSED)". */
export function said(exchange: Exchange): string {
  if (exchange.status === undefined) return `no answer (${exchange.error})`;
  const body = exchange.body as { detail?: unknown } | undefined;
  const detail = body && typeof body === "object" && typeof body.detail === "string" ? `: ${body.detail}` : "";
  return `HTTP ${exchange.status}${detail}`;
}
