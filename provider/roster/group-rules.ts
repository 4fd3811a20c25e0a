/** maiagent.yaml `groups:` (roles) of an organization: the schema of one entry and the rules across entries —
 * keys like organization keys, every group member listed in the organization's `members`, one name per group. */
import { z } from "zod";
import { GroupName } from "../api/group-schemas";
import { Uuid } from "../api/schemas";
import type { RosterProblem } from "./errors";

export const GROUP_FIELDS = ["name", "permissions", "members", "adoptId"];
type Problem = (path: PropertyKey[], message: string) => RosterProblem;

/** Emails are validated where `members` of the organization are; here only that each is a string. */
export const RosterGroup = z.strictObject({
  name: GroupName.refine((name) => name.trim().toUpperCase() !== "OWNER", "OWNER is the organization's built-in owner group, which is never managed"),
  permissions: z.array(z.string().min(1, "must not be empty")),
  members: z.array(z.string()).default([]),
  adoptId: Uuid.optional(),
});

const entries = (value: unknown): [string, unknown][] => (value && typeof value === "object" && !Array.isArray(value) ? Object.entries(value) : []);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function groupProblems(data: unknown, keyRule: RegExp, keyMessage: string, problem: Problem): RosterProblem[] {
  const problems: RosterProblem[] = [];
  for (const [orgKey, organization] of entries((data as { organizations?: unknown } | null)?.organizations)) {
    const org = (organization ?? {}) as { members?: unknown; groups?: unknown };
    const listed = new Set(list(org.members).filter((e): e is string => typeof e === "string").map((e) => e.toLowerCase()));
    const names = new Map<string, { key: string; name: string }>();
    for (const [groupKey, group] of entries(org.groups)) {
      const at = (...rest: PropertyKey[]) => ["organizations", orgKey, "groups", groupKey, ...rest];
      if (!keyRule.test(groupKey)) problems.push(problem(at(), keyMessage.replace("an organization key", "a group key")));
      const { name, members, permissions } = (group ?? {}) as { name?: unknown; members?: unknown; permissions?: unknown };
      if (typeof name === "string") {
        const first = names.get(name.toLowerCase());
        const other = first && first.name !== name ? ` ("${first.name}", letter case aside)` : "";
        if (first !== undefined) problems.push(problem(at("name"), `"${name}" is also the name of groups.${first.key}${other}; group names must differ within an organization`));
        else names.set(name.toLowerCase(), { key: groupKey, name });
      }
      const seen = new Map<string, number>();
      list(members).forEach((email, i) => {
        if (typeof email !== "string") return;
        const before = seen.get(email.toLowerCase());
        if (before !== undefined) problems.push(problem(at("members", i), `duplicate of members[${before}]; emails compare case-insensitively`));
        else if (!listed.has(email.toLowerCase())) problems.push(problem(at("members", i), `${email} is not in organizations.${orgKey}.members: a group holds organization members only; add it there first`));
        seen.set(email.toLowerCase(), i);
      });
      const perms = list(permissions);
      perms.forEach((entry, i) => {
        if (typeof entry === "string" && perms.indexOf(entry) !== i) problems.push(problem(at("permissions", i), `duplicate of permissions[${perms.indexOf(entry)}]`));
      });
    }
  }
  return problems;
}
