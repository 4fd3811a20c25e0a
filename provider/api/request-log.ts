/** The words for one HTTP attempt and one retry: the MAIAGENT_LOG=debug line and the CLI's retry notice.
 * Neither ever holds the API key (it is a header, never printed) nor a request body (never read here). */

/** Who else hears about requests: `onRetry` before each wait (the CLI prints it); `log` receives the
 * MAIAGENT_LOG=debug lines (default: stderr) and is called only when that is set. */
export interface HttpEvents {
  /** Called before each wait for a retry. */
  onRetry?: (notice: RetryNotice) => void;
  /** Receives each MAIAGENT_LOG=debug line (only when that is set); default: standard error. */
  log?: (line: string) => void;
}

/** Query values that are counters; every other value (a member search may be an email) is redacted. */
const SHOWN_QUERY = new Set(["page", "pageSize", "page_size"]);

export interface AttemptRecord {
  method: string;
  url: URL;
  /** The HTTP status, or the error code when no answer came (ECONNREFUSED, ETIMEDOUT…). */
  outcome: number | string;
  ms: number;
  /** 1 for the first try. */
  attempt: number;
}

/** A retry about to happen, as `HttpEvents.onRetry` hears of it. */
export interface RetryNotice {
  /** The HTTP method. */
  method: string;
  /** The whole URL requested (its query may hold an email: print it with `loggedPath`). */
  url: URL;
  /** The status or error code of the attempt that failed. */
  reason: number | string;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  /** The attempt about to be made. */
  next: number;
  /** Known when the retries are bounded by count (the server was never reached). */
  of?: number;
}

/** The path with its query, values other than page counters shown as "REDACTED". */
export function loggedPath(url: URL): string {
  const shown = new URLSearchParams();
  for (const [key, value] of url.searchParams) shown.append(key, SHOWN_QUERY.has(key) ? value : "REDACTED");
  const query = shown.toString();
  return url.pathname + (query ? `?${query}` : "");
}

/** "maiagent: GET /api/v1/organizations/?page=1&pageSize=100 200 35ms attempt 1" */
export function formatAttempt(record: AttemptRecord): string {
  return `maiagent: ${record.method} ${loggedPath(record.url)} ${record.outcome} ${Math.round(record.ms)}ms attempt ${record.attempt}`;
}

/** "retrying GET https://api.example/api/v1/organizations/?page=1 in 500 ms (attempt 3 of 5): ECONNREFUSED" */
export function formatRetry(notice: RetryNotice): string {
  const where = `${notice.url.origin}${loggedPath(notice.url)}`;
  const attempt = notice.of ? `attempt ${notice.next} of ${notice.of}` : `attempt ${notice.next}`;
  return `retrying ${notice.method} ${where} in ${Math.round(notice.delayMs)} ms (${attempt}): ${notice.reason}`;
}
