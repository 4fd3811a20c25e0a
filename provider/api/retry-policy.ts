/** When a failed request is tried again, and whether a failed write may still have been applied. */
import { MaiAgentApiError, MaiAgentNetworkError } from "./errors";
import { monotonic } from "./rate-controller";
import { backoffMs } from "./scheduler";

/** What this policy reads of a failed got request (got's RequestError has it): no got type in the declarations. */
export interface FailedRequest {
  code: string;
  response?: { statusCode: number };
  options: { method: string; context: Record<string, unknown> };
}

/** Per-request context: the retry deadlines, when the current attempt was let through the scheduler (and
 * started, for the log), and how many attempts failed so far. */
export interface Attempt extends Record<string, unknown> {
  deadline: number;
  unreachedDeadline: number;
  sentAt: number;
  startedAt: number;
  failed: number;
}

/** A POST or PATCH is repeated only when the server certainly did not act on it. */
const NON_IDEMPOTENT = new Set(["POST", "PATCH"]);
/** The server was never reached: the address is wrong or down. A short, separate retry allowance applies
 * (a blip in DNS or a restarting server), so a wrong address fails in seconds, not after retryBudgetMs. */
const UNREACHED = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);
export const UNREACHED_ATTEMPTS = 5;
export const UNREACHED_BUDGET_MS = 10_000;
const NEVER_SENT = new Set([...UNREACHED, "ERR_INVALID_URL"]);

/** True when a failed write may still have been applied by the server (so look before writing again). */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof MaiAgentApiError) return error.status >= 500 || error.status === 408;
  if (error instanceof MaiAgentNetworkError) return !NEVER_SENT.has(error.code);
  return false;
}

/** The context got carries through every attempt of one request. */
export function newAttempt(retryBudgetMs: number): Attempt {
  const now = monotonic();
  return { deadline: now + retryBudgetMs, unreachedDeadline: now + Math.min(retryBudgetMs, UNREACHED_BUDGET_MS), sentAt: now, startedAt: now, failed: 0 };
}

/** No answer because the server was never reached (as opposed to a reset or a timeout after sending). */
export const unreached = (error: FailedRequest) => !error.response && UNREACHED.has(error.code);

/** Milliseconds to wait before the next attempt; 0 means give up. Backoff is 250 ms doubling, at most 8 s,
 * with jitter, or the server's Retry-After; all within retryBudgetMs, or UNREACHED_ATTEMPTS/BUDGET_MS. */
export function delayBeforeRetry(attempt: number, error: FailedRequest, retryAfter: number | undefined, computed: number): number {
  if (computed === 0) return 0; // got's own rules said no: method, status, error code, limit or a too-long Retry-After
  const status = error.response?.statusCode;
  if (NON_IDEMPOTENT.has(error.options.method) && status !== 429 && error.code !== "ECONNREFUSED") return 0;
  // got turns an unparseable Retry-After ("soon") into NaN; such a header says nothing, so back off instead.
  const validRetryAfter = retryAfter !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0;
  const delay = validRetryAfter ? retryAfter + Math.random() * 100 : backoffMs(attempt, 8000);
  const context = error.options.context as Attempt;
  if (unreached(error) && (attempt >= UNREACHED_ATTEMPTS || monotonic() + delay > context.unreachedDeadline)) return 0;
  if (monotonic() + delay > context.deadline) return 0;
  return delay; // only this request waits: the scheduler's pacing decides whether others slow down
}
