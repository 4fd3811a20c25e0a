/** Reading loosely typed answers: DRF pages or arrays, camelCase or snake_case keys. */
import { snakeCase } from "../../api/expectations";

export type Json = Record<string, unknown>;

export function record(value: unknown): Json | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
}

/** A DRF page `{count, next, previous, results}`; an unpaginated array counts as one full page. */
export function asPage(body: unknown): { count: number; next: unknown; results: Json[]; paged: boolean } | undefined {
  if (Array.isArray(body)) return { count: body.length, next: null, results: body.map((r) => record(r) ?? {}), paged: false };
  const page = record(body);
  if (!page || !Array.isArray(page.results)) return undefined;
  const results = page.results.map((r) => record(r) ?? {});
  return { count: typeof page.count === "number" ? page.count : results.length, next: page.next ?? null, results, paged: true };
}

/** A field in either spelling. */
export function field(object: Json | undefined, camel: string): unknown {
  if (!object) return undefined;
  return camel in object ? object[camel] : object[snakeCase(camel)];
}

export function has(object: Json | undefined, camel: string): boolean {
  return !!object && (camel in object || snakeCase(camel) in object);
}

/** The methods an `Allow` header lists, upper case; undefined without the header. */
export function allowed(headers: Record<string, string | string[] | undefined>): string[] | undefined {
  const value = headers.allow;
  if (value === undefined) return undefined;
  return String(value)
    .split(",")
    .map((m) => m.trim().toUpperCase())
    .filter(Boolean);
}
