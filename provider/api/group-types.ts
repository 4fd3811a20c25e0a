/** The public shapes of groups (roles), group members and their request bodies, declared by hand so that the
 * package's declarations need no zod (group-schemas.ts checks each schema against these). */

/** A permission as a group holds it: reads give `{id, name}`, create/update answers only the id (name null). */
export interface GroupPermissionRef {
  /** The permission's id (a UUID). */
  id: string;
  /** Its name; null where the API answered with the id alone. */
  name: string | null;
}

/** A group (role) of an organization (`GET organizations/{id}/groups/{groupId}/`), keys in camelCase. */
export interface GroupRecord {
  /** The group's UUID. */
  id: string;
  /** Its display name (the API trims surrounding whitespace). */
  name: string;
  /** Its permissions, in the API's order. */
  permissions: GroupPermissionRef[];
  /** When it was created, exactly as the API gave it (ISO timestamp or epoch milliseconds). */
  createdAt?: string | null;
  /** Fields this package does not interpret (an undocumented `type`, say) are kept as the API sent them. */
  [key: string]: unknown;
}

/** One person in a group (`GET …/groups/{groupId}/group-members/{id}/`). */
export interface GroupMemberRecord {
  /** The group-membership id: what removing the person from the group takes. */
  id: string;
  /** The organization member: nested on reads; only `id` is known from a create answer. */
  member: {
    /** The organization member id (`organizations/{id}/members/`). */
    id: string;
    /** Their email; null when the API did not nest it. */
    email: string | null;
    /** Their name; null when the API did not give it. */
    name: string | null;
  };
  /** When they joined the group, exactly as the API gave it. */
  createdAt?: string | null;
  [key: string]: unknown;
}

/** Create or replace a group: the name and the complete list of permission ids. */
export interface GroupBody {
  /** 1–255 characters, no surrounding whitespace. */
  name: string;
  /** Permission ids (UUIDs); the API takes ids only, never names. */
  permissions: string[];
}
