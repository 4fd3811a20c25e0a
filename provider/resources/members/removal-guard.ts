/** The removal guard: one operation of an authoritative resource removes at most `maxRemovals` members, so a
 * bad merge, a template that yields an empty list or a truncated file cannot empty an organization.
 * The limit is the resource's `maxRemovals`, else the stack's `maiagent:maxRemovals`, else 10 % of the
 * organization's unprotected members (rounded down), at least 5. A delete is an explicit decision: not guarded.
 * Also the guard on create: without `removeUnlisted`, a create over members it does not list removes nobody. */
import { key } from "./roster-plan";

const DEFAULT_SHARE = 0.1;
const DEFAULT_AT_LEAST = 5;
const SHOWN = 5;
const UNLISTED_SHOWN = 20;

export interface RemovalLimit {
  value: number;
  /** Where the value comes from, for the error. */
  source: string;
}

/** `unprotected`: how many members could be removed at all (check: the previous `emails`; update: the live list). */
export function removalLimit(declared: unknown, configured: number | undefined, unprotected: number): RemovalLimit {
  if (typeof declared === "number") return { value: declared, source: "set on the resource" };
  if (configured !== undefined) return { value: configured, source: "maiagent:maxRemovals" };
  const value = Math.max(DEFAULT_AT_LEAST, Math.floor(unprotected * DEFAULT_SHARE));
  return { value, source: `10 % of ${unprotected} members, at least ${DEFAULT_AT_LEAST}` };
}

/** Emails in `before` that `after` no longer lists, case-insensitively, in `before`'s order. */
export function dropped(before: string[], after: string[]): string[] {
  const kept = new Set(after.map(key));
  return before.filter((email) => !kept.has(key(email)));
}

/** The error text when `emails` are more removals than the limit allows, else undefined. `uncertain`: how many
 * of them may still be kept (unknown list entries during a preview); only the rest count. `resource`: the type
 * whose `maxRemovals` allows them (GroupMembers reuses the guard). */
export function removalRefusal(subject: string, emails: string[], limit: RemovalLimit, uncertain = 0, resource = "OrganizationMembers"): string | undefined {
  const n = emails.length;
  const certain = n - uncertain;
  if (certain <= limit.value) return undefined;
  const more = n > SHOWN ? ` and ${n - SHOWN} more` : "";
  const count = uncertain > 0 ? `at least ${certain}` : `${n}`;
  return (
    `${subject} would remove ${count} member${n === 1 ? "" : "s"}, more than maxRemovals (${limit.value}: ${limit.source}): ` +
    `${emails.slice(0, SHOWN).join(", ")}${more}. Nothing was changed. If the list is wrong (a bad merge, an empty ` +
    `template, a truncated file), fix it. If these removals are intended, allow them for this one change: set ` +
    `\`maxRemovals: ${n}\` on the ${resource} (in maiagent.yaml: \`maxRemovals: ${n}\` under the organization), ` +
    `run \`pulumi up\`, then take it out again; or for the whole stack \`pulumi config set maiagent:maxRemovals ${n}\`.`
  );
}

/** Create without `removeUnlisted` over an organization in use: the members it would remove, as an error text. */
export function unlistedRefusal(organizationId: string, unlisted: string[]): string {
  const shown = unlisted.slice(0, UNLISTED_SHOWN).join(", ");
  const more = unlisted.length > UNLISTED_SHOWN ? ` and ${unlisted.length - UNLISTED_SHOWN} more` : "";
  const count = `${unlisted.length} member${unlisted.length === 1 ? "" : "s"}`;
  return (
    `Organization ${organizationId} already has ${count} not listed in \`emails\`: ${shown}${more}. ` +
    "OrganizationMembers is authoritative: add them to `emails`, or set `removeUnlisted: true` to remove them. Nothing was changed."
  );
}
