/** The pure part of OrganizationMembers: who is protected, what to add and remove, and the outputs.
 * Emails compare case-insensitively; every list is sorted the same way because the engine compares arrays
 * by position. */
import { compareEmails, emailKey as key, sortEmails } from "../../api/email";
import { linesOf, withLines } from "../list-view";
import type { ListView } from "../list-view";
import { plain } from "../resource-kit";

export { key, sortEmails };

export interface LiveMember {
  email: string;
  /** null only for a member whose POST succeeded but whose id could not be looked up yet. */
  id: string | null;
  name: string | null;
  /** null: the API did not say (left out, null, not a boolean); such a member is protected like an owner. */
  isOwner: boolean | null;
}

/** `emails` is also stored as `emailLines`, so a preview shows one line per added or removed email. */
export const EMAIL_VIEW: ListView = { list: "emails", lines: "emailLines", hidden: ["emails", "members"] };

/** One live member as `OrganizationMembers` reports it in `members`. */
export interface RosterMember {
  /** As the API stores it. */
  email: string;
  /** null only for a member that was added but whose id could not be looked up yet (the next `up` finds it). */
  memberId: string | null;
  /** The user's name; null when the API does not give one. */
  name: string | null;
  /** true: an owner (the organization's OWNER group), never removed. null: the API did not say (left out, null,
   * not a boolean), and the member is protected like an owner. */
  isOwner: boolean | null;
}

/** What an `OrganizationMembers` stores and exposes (its `id` is the organization UUID), read live after every
 * create, update and refresh. */
export interface RosterOutputs {
  /** The organization's UUID. */
  organizationId: string;
  /** Live members except protected ones the program does not list, sorted case-insensitively: a member added
   * by hand appears here (drift) until the next `up` removes it. */
  emails: string[];
  /** `emails`, one per line: what previews and refresh display as a line diff. */
  emailLines: string;
  /** The same members as `emails`, same order, with their ids, names and ownership. */
  members: RosterMember[];
  /** Owners and the API key's own user, sorted: never removed, listed or not, and never drift. */
  protectedEmails: string[];
  /** The declared `removeUnlisted`, kept so a refresh reports the inputs as declared. */
  removeUnlisted?: boolean;
  /** The declared `maxRemovals`, kept for the same reason. */
  maxRemovals?: number;
}

/** Inputs that only steer the writes: echoed in the outputs, because `read` sees only outputs and must return
 * inputs shaped like check's (or the next preview shows them as a change). */
export type DeclaredOptions = Pick<RosterOutputs, "removeUnlisted" | "maxRemovals">;

/** The options as declared in `record` (inputs or stored outputs); anything else is left out. */
export function declaredOptions(record: { removeUnlisted?: unknown; maxRemovals?: unknown }): DeclaredOptions {
  const { removeUnlisted, maxRemovals } = record;
  return {
    ...(typeof removeUnlisted === "boolean" ? { removeUnlisted } : {}),
    ...(typeof maxRemovals === "number" ? { maxRemovals } : {}),
  };
}

const sortMembers = (members: LiveMember[]) => [...members].sort((a, b) => compareEmails(a.email, b.email));

/** Owners and the API key's own user are never removed: removing them could lock the organization out. It fails
 * closed: only an explicit `isOwner: false` from the API makes a member removable. */
export function isProtected(member: LiveMember, currentUserEmail: string | undefined): boolean {
  return member.isOwner !== false || (currentUserEmail !== undefined && key(member.email) === key(currentUserEmail));
}

export interface RosterPlan {
  /** Listed emails that are not members yet. */
  add: string[];
  /** Members that are neither listed nor protected. */
  remove: LiveMember[];
}

export function planRoster(listed: string[], live: LiveMember[], currentUserEmail: string | undefined): RosterPlan {
  const wanted = new Set(listed.map(key));
  const present = new Set(live.map((m) => key(m.email)));
  return {
    add: sortEmails(listed.filter((email) => !present.has(key(email)))),
    remove: sortMembers(live.filter((m) => !wanted.has(key(m.email)) && !isProtected(m, currentUserEmail))),
  };
}

/** `emails`/`members` show every live member except protected ones the program does not list (those are in
 * `protectedEmails`), so a member added by hand is visible and a protected one is not drift. */
export function rosterOutputs(
  organizationId: string,
  live: LiveMember[],
  listed: string[] | undefined,
  currentUserEmail: string | undefined,
  declared: DeclaredOptions = {},
): RosterOutputs {
  const wanted = new Set((listed ?? []).map(key));
  const shown = sortMembers(live.filter((m) => wanted.has(key(m.email)) || !isProtected(m, currentUserEmail)));
  return plain({
    organizationId,
    emails: shown.map((m) => m.email),
    emailLines: linesOf(shown.map((m) => m.email)),
    members: shown.map((m) => ({ email: m.email, memberId: m.id, name: m.name, isOwner: m.isOwner })),
    protectedEmails: sortEmails(live.filter((m) => isProtected(m, currentUserEmail)).map((m) => m.email)),
    ...declaredOptions(declared),
  });
}

/** Shaped like check's inputs, so `preview --refresh` shows a member added by hand as a change (and nothing
 * else: a key check adds that read left out would show as a false change). */
export function rosterInputs(outs: RosterOutputs): Record<string, unknown> {
  const { organizationId, emails } = outs;
  return withLines({ organizationId, emails, ...declaredOptions(outs) }, EMAIL_VIEW);
}
