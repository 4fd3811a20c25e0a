/** The validated roster, declared by hand so that the public declarations need no zod (schema.ts checks that
 * what it parses fits these). */

/** Organization keys become Pulumi resource names: stable, readable, never the display name. */
export const ORGANIZATION_KEY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** One organization of maiagent.yaml, after validation and defaults. */
export interface RosterOrganization {
  /** The display name (updated in place when it changes). */
  name: string;
  /** Absolute http(s) URL; absent = no logo. */
  compactLogo?: string;
  /** Absolute http(s) URL; absent = no logo. */
  fullLogo?: string;
  /** UUID of an existing organization the first `up` takes over instead of creating one. */
  adoptId?: string;
  /** Every member's email, as written in the file. */
  members: string[];
  /** On the first `up`: remove members that exist but are not listed (true) or stop and name them (false, the default). */
  removeUnlisted: boolean;
  /** The removal guard for this organization: most members one `up` may remove (default: the stack's
   * `maiagent:maxRemovals`, else 10 % of its unprotected members, at least 5). */
  maxRemovals?: number;
  /** Keep the members when the stack is destroyed or the organization leaves the file (true, the default). */
  retain: boolean;
  /** Roles by stable key: each a `Group` and an authoritative `GroupMembers`. */
  groups?: Record<string, RosterGroup>;
}

/** One group (role) of an organization in maiagent.yaml. */
export interface RosterGroup {
  /** The group's display name (renamed in place); never `OWNER`. */
  name: string;
  /** Permission names (or ids) as `npx pulumi-maiagent permissions` lists them. */
  permissions: string[];
  /** Everyone who holds the role; each must be listed in the organization's `members`. */
  members: string[];
  /** UUID of an existing group the first `up` takes over instead of creating one. */
  adoptId?: string;
}

/** maiagent.yaml: organizations by key (the resource name). */
export interface Roster {
  /** Each organization by its key. */
  organizations: Record<string, RosterOrganization>;
}
