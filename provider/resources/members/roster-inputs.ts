/** check and diff of OrganizationMembers: pure, no request. */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { Email, Uuid } from "../../api/schemas";
import { checkFields, isUnknown, lower } from "../resource-kit";
import { withLines } from "../list-view";
import { EMAIL_VIEW, key, sortEmails } from "./roster-plan";
import { dropped, removalLimit, removalRefusal } from "./removal-guard";
import type { RemovalLimit } from "./removal-guard";

const FIELDS = {
  organizationId: Uuid,
  removeUnlisted: z.boolean("must be true or false").optional(),
  maxRemovals: z.number("must be a whole number >= 0").int("must be a whole number >= 0").min(0, "must be a whole number >= 0").optional(),
};

/** Each email valid, none listed twice (case-insensitively); stored sorted, unknowns (preview) last, and
 * again as `emailLines` text (list-view.ts). No request: removals the program asks for are known from the old
 * and new `emails` (`olds` are the old inputs), so a change over the removal guard fails here, and so in
 * `preview`; the organization's size is the old `emails`' length. `maxRemovals`: the stack's maiagent:maxRemovals. `resource`: the type the guard's advice names
 * (GroupMembers reuses this check). */
export function checkRoster(
  news: Record<string, unknown>,
  olds: Record<string, unknown> = {},
  maxRemovals?: number,
  resource = "OrganizationMembers",
  identity: readonly string[] = ["organizationId"],
): pulumi.dynamic.CheckResult {
  const { inputs = {}, failures = [] } = checkFields(FIELDS, news);
  const emails = news.emails;
  const fail = (reason: string) => failures.push({ property: "emails", reason });
  if (emails === undefined) fail("emails is required: the complete list of member emails (it may be empty)");
  else if (Array.isArray(emails)) {
    const seen = new Map<string, number>();
    emails.forEach((email, i) => {
      if (isUnknown(email)) return;
      const first = typeof email === "string" ? seen.get(key(email)) : undefined;
      if (typeof email !== "string" || !Email.safeParse(email).success) fail(`emails[${i}] ${JSON.stringify(email)} must be a valid email address`);
      else if (first === undefined) seen.set(key(email), i);
      else fail(`emails[${i}] "${email}" duplicates "${emails[first]}" (emails[${first}]); emails compare case-insensitively`);
    });
    const known = emails.filter((e): e is string => typeof e === "string" && !isUnknown(e));
    inputs.emails = [...sortEmails(known), ...emails.filter((e) => isUnknown(e))];
  } else if (isUnknown(emails)) inputs.emails = emails;
  else fail("emails must be a list of email addresses");
  if (failures.length === 0) {
    const limit = removalLimit(inputs.maxRemovals, maxRemovals, Array.isArray(olds.emails) ? olds.emails.length : 0);
    const refusal = removalCheck(olds, news, inputs.emails, limit, resource, identity);
    if (refusal) fail(refusal);
  }
  return { inputs: withLines(inputs, EMAIL_VIEW), failures };
}

/** Removals this change certainly asks for, against the guard. The same organization (group): the emails no
 * longer listed (unknown entries in a preview may still be any of them, so only the rest count). Another one: the
 * replace deletes the old resource, which removes every listed member from it. An identity still unknown (a
 * preview) may be either: at least the dropped emails go. `identity`: the inputs whose change replaces. */
function removalCheck(olds: Record<string, unknown>, news: Record<string, unknown>, after: unknown, limit: RemovalLimit, resource: string, identity: readonly string[]): string | undefined {
  const before = olds.emails;
  if (!Array.isArray(before) || !Array.isArray(after) || identity.some((name) => typeof olds[name] !== "string")) return undefined;
  const moved = identity.find((name) => !isUnknown(news[name]) && lower(olds[name]) !== lower(news[name]));
  if (moved) {
    const subject = `Changing ${moved} from ${olds[moved]} to ${news[moved]} replaces this ${resource}, and deleting the old one`;
    const refusal = removalRefusal(subject, before as string[], limit, 0, resource);
    return refusal && `${refusal} If the resource has retainOnDelete: true, which keeps them, set maxRemovals for this change as well.`;
  }
  const known = after.filter((e): e is string => typeof e === "string" && !isUnknown(e));
  return removalRefusal("This change", dropped(before as string[], known), limit, after.length - known.length, resource);
}

function sameSet(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  const left = new Set(a.map((e) => lower(e)));
  const right = new Set(b.map((e) => lower(e)));
  return left.size === right.size && [...left].every((e) => right.has(e));
}

/** `olds` are the stored outputs. A new organization replaces; a different set of emails updates in place;
 * `removeUnlisted` only matters on create. */
export function diffRoster(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.DiffResult {
  const moved = isUnknown(news.organizationId) || lower(news.organizationId) !== lower(olds.organizationId);
  const replaces = moved ? ["organizationId"] : [];
  const changes = moved || isUnknown(news.emails) || !sameSet(olds.emails, news.emails);
  return { changes, replaces, deleteBeforeReplace: false };
}
