/** Helpers shared by the resource implementations: unknowns, per-field checks, tracked failures. */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { MaiAgentApiError, MaiAgentError } from "../api/errors";
import { backoffMs, sleep } from "../api/scheduler";
import { Uuid } from "../api/schemas";

/** What the engine sends for a value not known until apply (preview), at any depth. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(isUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(isUnknown);
  return false;
}

/** Validates each declared field on its own, skipping unknowns; returns only the declared keys. */
export function checkFields(shape: Record<string, z.ZodType>, news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const inputs: Record<string, unknown> = {};
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const value = news[key];
    if (value !== undefined) inputs[key] = value;
    if (isUnknown(value)) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((issue) => (value === undefined ? "is required" : issue.message));
      failures.push({ property: key, reason: `${key} ${[...new Set(reasons)].join("; ")}` });
    }
  }
  return { inputs, failures };
}

export const isStatus = (error: unknown, status: number) => error instanceof MaiAgentApiError && error.status === status;

/** Thrown after the object exists: the engine keeps tracking `id` (ErrorResourceInitFailed), nothing is orphaned.
 * The engine stores `properties` as the outputs and the host adds no `__provider`: without it, refresh and
 * destroy could not load the provider. Non-empty `reasons` make the next `up` call update (or replace). */
export function trackedFailure(error: Error, id: string, outputs: object, inputs: Record<string, unknown>): Error {
  const provider = typeof inputs.__provider === "string" ? { __provider: inputs.__provider } : {};
  const properties = plain({ ...outputs, ...provider });
  return Object.assign(error, { id, properties, reasons: [error.message] });
}

/** Splits a Pulumi id into its UUID parts before any request: `..` or `/` in an id would change the path. */
const ID_SHAPES = {
  Organization: [1, "a UUID"],
  OrganizationMembers: [1, "an organization UUID (its organization's id)"],
  Member: [2, "<organizationId>/<memberId>, two UUIDs"],
  Group: [2, "<organizationId>/<groupId>, two UUIDs"],
  GroupMembers: [2, "<organizationId>/<groupId>, two UUIDs"],
  GroupMember: [3, "<organizationId>/<groupId>/<groupMemberId>, three UUIDs"],
} as const;

export function uuidParts(kind: keyof typeof ID_SHAPES, id: string): string[] {
  const [count, shape] = ID_SHAPES[kind];
  const parts = id.split("/");
  if (parts.length !== count || !parts.every((part) => Uuid.safeParse(part).success)) {
    throw new MaiAgentError(
      `${kind} id ${JSON.stringify(id)} is not ${shape} (such as 550e8400-e29b-41d4-a716-446655440000); ` +
        "nothing was sent. Check the id given to `.get()` or stored in the stack (`pulumi stack export`).",
    );
  }
  return parts;
}

/** Outputs must be plain JSON: an undefined value makes the host fail after the API call succeeded. */
export function plain<T extends object>(outs: T): T {
  return JSON.parse(JSON.stringify(outs, (_key, value) => (value === undefined ? null : value)));
}

export const lower = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value);

const locks = new Map<string, Promise<unknown>>();
/** Runs `task` after every earlier task with the same key in this process has settled. */
export function withLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const settled = run.catch(() => undefined);
  locks.set(key, settled);
  void settled.then(() => locks.get(key) === settled && locks.delete(key));
  return run;
}

/** Pause between create attempts after an ambiguous failure: 250 ms doubling, at most 4 s, with jitter. */
export function backoff(attempt: number): Promise<void> {
  return sleep(backoffMs(attempt, 4000));
}
