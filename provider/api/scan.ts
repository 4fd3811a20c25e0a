/** Full list scans: every item of a paginated DRF list, in page order, each once, in as few requests as the
 * server allows. The first page tells how many items there are and how many a page really holds (DRF clamps
 * an oversize page size silently), so the other pages are then requested together; the scheduler caps them. */
import { MaiAgentApiError } from "./errors";
import type { Page } from "./schemas";

export type FetchPage<T> = (page: number, pageSize: number | undefined) => Promise<Page<T>>;

/** Sizes asked for, largest first; `undefined` leaves the size to the server. */
const PAGE_SIZES = [1000, 100, undefined] as const;
const MAX_PAGES = 10_000;
/** A list that changed while it was read (the total moved, or items are missing) is read again, this often at most. */
const MAX_WALKS = 3;

/** The page size to ask for, per list. Lowered only by a 400 that names the page size (never by a 404, which
 * means the list's owner is gone). Each scan reads it once, so no scan ever changes size in the middle of a walk. */
export class PageSizes {
  private readonly learned = new Map<string, number | undefined>();

  get(list: string): number | undefined {
    return this.learned.has(list) ? this.learned.get(list) : PAGE_SIZES[0];
  }

  lower(list: string, size: number | undefined): void {
    const current = this.get(list);
    if (current !== undefined && (size === undefined || size < current)) this.learned.set(list, size);
  }
}

export async function scanAll<T extends { id: string }>(fetchPage: FetchPage<T>, sizes: PageSizes, list: string): Promise<T[]> {
  let pageSize = sizes.get(list);
  let first: Page<T>;
  for (;;) {
    try {
      first = await fetchPage(1, pageSize);
      break;
    } catch (error) {
      const smaller = smallerPageSize(error, pageSize);
      if (smaller === false) throw error;
      pageSize = smaller;
      sizes.lower(list, smaller);
    }
  }
  for (let walk = 1; ; walk++) {
    const later = await Promise.all(laterPages(first).map((page) => fetchPage(page, pageSize).catch(invalidPage)));
    const pages = [first, ...later];
    const items = distinct(pages.flatMap((page) => page?.results ?? []));
    const unchanged = pages.every((page) => page?.count === first.count) && items.length === first.count;
    if (unchanged || walk === MAX_WALKS) return items;
    first = await fetchPage(1, pageSize);
  }
}

/** Pages 2…n, where a page holds what the server really put in page 1, not what we asked for. */
function laterPages(first: Page<unknown>): number[] {
  const served = first.results.length;
  if (served === 0 || first.next === null) return [];
  const total = Math.min(Math.ceil(first.count / served), MAX_PAGES);
  return Array.from({ length: Math.max(0, total - 1) }, (_, i) => i + 2);
}

/** DRF answers "Invalid page." (404) past the last page: the list shrank while it was read. */
function invalidPage(error: unknown): undefined {
  if (error instanceof MaiAgentApiError && error.status === 404) return undefined;
  throw error;
}

function distinct<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id));
}

/** The size to ask for after a 400 about the page size: the largest number in its message below what we asked
 * ("less than or equal to 50"), else the next size down; false when the 400 is about something else. */
function smallerPageSize(error: unknown, asked: number | undefined): number | undefined | false {
  if (!(error instanceof MaiAgentApiError)) return false;
  return pageSizeAfter(error.status, error.body, asked);
}

/** The same decision from a status and body (`doctor` predicts what a scan would do). */
export function pageSizeAfter(status: number, body: unknown, asked: number | undefined): number | undefined | false {
  if (asked === undefined || status !== 400) return false;
  const message = pageSizeMessage(body);
  if (message === undefined) return false;
  const stated = (message.match(/\d+/g) ?? []).map(Number).filter((n) => n >= 1 && n < asked);
  if (stated.length > 0) return Math.max(...stated);
  return PAGE_SIZES.find((size) => size === undefined || size < asked);
}

/** The text of a DRF error body that names the page size: `{pageSize: [...]}`, `{page_size: [...]}` or a detail. */
export function pageSizeMessage(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  for (const [key, value] of Object.entries(body)) {
    const text = Array.isArray(value) ? value.map(String).join(" ") : String(value);
    if (/^page_?size$/i.test(key) || /page.?size/i.test(text)) return text;
  }
  return undefined;
}
