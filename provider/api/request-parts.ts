/** Small rules every client method applies to what it sends: validated bodies, no nulls, safe path segments. */
import type { z } from "zod";
import { MaiAgentValidationError } from "./errors";
import { fieldErrors } from "./schemas";

export function valid<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MaiAgentValidationError(what, fieldErrors(parsed.error));
  return parsed.data;
}

/** Optional fields are left out rather than sent as null; clearing a field is an explicit PUT. */
export function compact<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** One path segment; "." and ".." would survive encodeURIComponent and move the request up the path. */
export function seg(value: string): string {
  if (value === "" || value === "." || value === "..") throw new MaiAgentValidationError("path", { id: [`${JSON.stringify(value)} is not an id`] });
  return encodeURIComponent(value);
}
