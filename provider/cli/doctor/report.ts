/** The run's report: what `--json` prints (schemaVersion 1) and what the human renderer reads. */
import { STATUSES, type Result, type Status } from "./check";
import type { TlsFacts } from "./connect";
import type { Identity, Session } from "./session";
import { packageVersion } from "./version";

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  target: { baseUrl: string | null; via: string; tls: Omit<TlsFacts, "trustError"> & { trustError: string | null } | null };
  identity: Identity | null;
  durationMs: number;
  requests: { GET: number; HEAD: number; OPTIONS: number };
  summary: Record<Status, number>;
  exitCode: 0 | 1 | 3;
  checks: (Omit<Result, "expected" | "action"> & { expected: string | null; action: string | null })[];
}

/** 0: no warn and no fail; 1: a fail; 3: warnings only. */
export function exitCode(summary: Record<Status, number>): 0 | 1 | 3 {
  if (summary.fail) return 1;
  return summary.warn ? 3 : 0;
}

export function buildReport(session: Session, results: Result[], durationMs: number): Report {
  const summary = Object.fromEntries(STATUSES.map((s) => [s, results.filter((r) => r.status === s).length])) as Record<Status, number>;
  return {
    schemaVersion: 1,
    tool: { name: "pulumi-maiagent", version: packageVersion() },
    target: { baseUrl: session.settings?.baseUrl ?? null, via: session.via, tls: session.tls },
    identity: session.identity,
    durationMs,
    requests: { ...(session.httpClient?.sent ?? { GET: 0, HEAD: 0, OPTIONS: 0 }) },
    summary,
    exitCode: exitCode(summary),
    checks: results.map((r) => ({
      id: r.id,
      status: r.status,
      title: r.title,
      expected: r.expected ?? null,
      observed: r.observed,
      action: r.action ?? null,
      evidence: r.evidence,
    })),
  };
}
