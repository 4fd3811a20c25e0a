/** Full list scans: every item of a paginated DRF list, in page order, each once, in as few requests as the
 * server allows. The first page tells how many items there are and how many a page really holds (DRF clamps
 * an oversize page size silently), so the other pages are then requested together; the scheduler caps them.
 * `next` has the last word. A scan that sees the list change under it is read again, and if it keeps changing
 * the scan fails: a member list read wrong could remove someone. */
import { MaiAgentApiError, MaiAgentError } from "./errors";
import type { Page } from "./schemas";

export type FetchPage<T> = (page: number, pageSize: number | undefined) => Promise<Page<T>>;

/** Sizes asked for, largest first; `undefined` leaves the size to the server. */
const PAGE_SIZES = [1000, 100, undefined] as const;
const MAX_PAGES = 10_000;
/** A list that changed while it was read (the count moved, a row twice, a page gone) is read at most this often. */
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

/** `describe` names the list in the error a list that keeps changing gives, e.g. "GET organizations/<id>/members/". */
export async function scanAll<T extends { id: string }>(fetchPage: FetchPage<T>, sizes: PageSizes, list: string, describe = list): Promise<T[]> {
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
    const pages = await walkFrom(first, (page) => fetchPage(page, pageSize));
    const items = pages.flatMap((page) => page.results);
    if (consistent(pages) && new Set(items.map((item) => item.id)).size === items.length) return items;
    if (walk === MAX_WALKS) {
      throw new MaiAgentError(
        `${describe} changed while it was read, ${MAX_WALKS} times in a row (its count moved, a row showed twice, or a ` +
          "page went missing), so it cannot be trusted as complete. Nothing was changed: try again when it settles.",
      );
    }
    first = await fetchPage(1, pageSize);
  }
}

/** Pages 2…n at once, n from `count` (a hint: the fewer requests the better), then one by one while the last
 * page read has a `next` (the truth: a stale or estimated count must not hide the rows past it). Pages past
 * the end by an overestimated count answer "Invalid page." and are dropped; a hole before a page that was
 * there, or a `next` that leads nowhere, means the list shrank while it was read. */
async function walkFrom<T>(first: Page<T>, fetch: (page: number) => Promise<Page<T>>): Promise<Array<Page<T>>> {
  const later = await Promise.all(laterPages(first).map((page) => fetch(page).catch(invalidPage)));
  const hole = later.indexOf(undefined);
  const pages = [first, ...(later.slice(0, hole < 0 ? later.length : hole) as Array<Page<T>>)];
  if (hole >= 0 && later.slice(hole).some((page) => page !== undefined)) return [...pages, SHRANK as Page<T>];
  while (pages.at(-1)!.next !== null && pages.at(-1)!.results.length > 0 && pages.length < MAX_PAGES) {
    const page = await fetch(pages.length + 1).catch(invalidPage);
    if (!page) return [...pages, SHRANK as Page<T>];
    pages.push(page);
  }
  return pages;
}

/** A page that was there by `count` or `next` but answered "Invalid page.": the list shrank while it was read. */
const SHRANK: Page<never> = { count: -1, next: null, results: [] };

/** One view of one list: the same count on every page, every page but the last full and pointing to a next. */
function consistent(pages: Array<Page<unknown>>): boolean {
  const size = pages[0].results.length;
  return pages.every((page, i) => {
    const last = i === pages.length - 1;
    return page.count === pages[0].count && (last || (page.next !== null && page.results.length === size));
  });
}

/** Pages 2…n by `count`, where a page holds what the server really put in page 1, not what we asked for. */
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
