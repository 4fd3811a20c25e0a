/** zod schemas for organization groups (roles), group members and permissions (DESIGN §9). Reads give a
 * group's permissions as objects, create/update answers as ids: both become `{id, name}` (name null for ids). */
import { z } from "zod";
import type * as T from "./group-types";
import { camel, Id, Timestamp } from "./schemas";
import type { Fits } from "./schemas";

export const GroupName = z
  .string("must be a string")
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  // Django trims it: " Ops" would be stored as "Ops" and show as a change on every `up`.
  .refine((s) => s.trim() === s, "must not start or end with whitespace (the API trims it)");

export const GroupBody = z.object({ name: GroupName, permissions: z.array(z.string().min(1)) });
export type GroupBody = T.GroupBody;

const PermissionRef = z.union([
  Id.transform((id) => ({ id, name: null as string | null })),
  z.object({ id: Id, name: z.string().nullish() }).loose().transform((p) => ({ id: p.id, name: p.name ?? null })),
]);

export const GroupRecord = camel(
  z
    .object({
      id: Id,
      name: z.string(),
      permissions: z.array(PermissionRef).nullish().transform((list) => list ?? []),
      createdAt: Timestamp,
    })
    .loose(),
);
export type GroupRecord = T.GroupRecord;

/** The person in a group membership: nested on reads, possibly only an id in a create answer. (Ownership is
 * not read here: it is the organization member list's business.) */
const GroupPerson = z.union([
  Id.transform((id) => ({ id, email: null as string | null, name: null as string | null })),
  z
    .object({ id: Id, email: z.string().nullish(), name: z.string().nullish() })
    .loose()
    .transform((m) => ({ id: m.id, email: m.email ?? null, name: m.name ?? null })),
]);

export const GroupMemberRecord = camel(z.object({ id: Id, member: GroupPerson, createdAt: Timestamp }).loose());
export type GroupMemberRecord = T.GroupMemberRecord;

/** Compile-time check: what the schemas produce fits the public types declared by hand in group-types.ts. */
export type GroupSchemaChecks = [
  Fits<z.infer<typeof GroupBody>, T.GroupBody>,
  Fits<z.infer<typeof GroupRecord>, T.GroupRecord>,
  Fits<z.infer<typeof GroupMemberRecord>, T.GroupMemberRecord>,
];
