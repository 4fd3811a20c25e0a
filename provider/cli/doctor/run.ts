/** Runs checks concurrently (the HTTP wrapper bounds what is in flight); a check waits for what it needs and is
 * skipped when one of those did not end ok, info or warn; `after` checks block only by failing (net.tls skips on
 * plain http, which blocks nothing). Checks marked `last` run after all the others. */
import { Probe, type Check, type Result } from "./check";
import { RequestBudgetSpent } from "./http";
import type { Session } from "./session";

export async function runChecks(checks: Check[], session: Session, progress: (result: Result) => void): Promise<Result[]> {
  const started = new Map<string, Promise<Result>>();
  const start = (check: Check): Promise<Result> => {
    if (!started.has(check.id)) started.set(check.id, runOne(check));
    return started.get(check.id)!;
  };
  const runOne = async (check: Check): Promise<Result> => {
    const results = (ids: string[]) => Promise.all(ids.map((id) => started.get(id)).filter((p): p is Promise<Result> => !!p));
    const needed = await results(check.needs);
    const blocked = needed.find((r) => r.status === "fail" || r.status === "skip") ?? (await results(check.after ?? [])).find((r) => r.status === "fail");
    const probe = new Probe(session);
    let result: Result;
    if (blocked) result = { id: check.id, title: check.title, status: "skip", observed: `needs ${blocked.id}, which ${blocked.status === "fail" ? "failed" : "was skipped"}`, evidence: [] };
    else result = await attempt(check, probe);
    progress(result);
    return result;
  };
  const first = checks.filter((c) => !c.last);
  for (const check of first) void start(check);
  await Promise.all(first.map(start));
  for (const check of checks.filter((c) => c.last)) await start(check);
  return Promise.all(checks.map(start));
}

async function attempt(check: Check, probe: Probe): Promise<Result> {
  let outcome;
  try {
    outcome = await check.run(probe);
  } catch (error) {
    // An answer shaped beyond what a check foresaw must not end the run, nor blame the deployment.
    const why = error instanceof RequestBudgetSpent ? error.message : `doctor could not read the answers (${(error as Error).message}): please report this with --json`;
    outcome = { status: "skip" as const, observed: why };
  }
  const evidence = probe.evidence.map((e) => ({ method: e.method, path: e.path, status: e.status ?? null, ms: e.ms }));
  return { id: check.id, title: check.title, ...outcome, evidence };
}
