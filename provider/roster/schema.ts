/** The shape of maiagent.yaml. Every object is strict: a misspelt key is an error, never ignored. */
import { z } from "zod";
import { isEmail } from "../api/email";
import { HttpUrl, OrganizationName, Uuid } from "../api/schemas";
import { RosterGroup } from "./group-rules";
import type * as T from "./types";

export { ORGANIZATION_KEY } from "./types";
export const KEY_RULE = "an organization key must be letters, digits, '-' or '_' (at most 100, starting with a letter or digit): it is the resource name";

/** The provider's own rule (Django's, as the API applies it): the file accepts exactly what `up` can send. */
export const RosterEmail = z.string().refine(isEmail, "not a valid email");

export const RosterOrganization = z.strictObject({
  name: OrganizationName,
  compactLogo: HttpUrl.optional(),
  fullLogo: HttpUrl.optional(),
  adoptId: Uuid.optional(),
  members: z.array(RosterEmail),
  removeUnlisted: z.boolean().default(false),
  /** The removal guard's limit for this organization's OrganizationMembers (default: 10 %, at least 5). */
  maxRemovals: z.number().int("must be a whole number").min(0, "must be 0 or more").optional(),
  retain: z.boolean().default(true),
  /** Roles, by stable key (a resource name, like the organization's key). */
  groups: z.record(z.string(), RosterGroup).optional(),
});
export type RosterOrganization = T.RosterOrganization;

export const RosterFile = z.strictObject({
  // Keys are checked by the loader, so that a bad key does not hide the problems of its organization.
  organizations: z.record(z.string(), RosterOrganization),
});
export type Roster = T.Roster;
/** Compile-time check: what the schemas produce fits the public types declared by hand in types.ts. */
type Fits<Parsed extends Declared, Declared> = [Parsed, Declared];
export type SchemaChecks = [Fits<z.infer<typeof RosterOrganization>, T.RosterOrganization>, Fits<z.infer<typeof RosterFile>, T.Roster>];

/** Messages for the issues zod words for programmers ("expected string, received undefined"). */
export function rosterIssueMessage(issue: { code?: string; input?: unknown; expected?: string }): string | undefined {
  if (issue.code !== "invalid_type") return undefined;
  if (issue.input === undefined) return "is required";
  const got = issue.input === null ? "nothing (null)" : Array.isArray(issue.input) ? "a list" : `a ${typeof issue.input}`;
  const expected =
    issue.expected === "array" ? "a list" : issue.expected === "record" || issue.expected === "object" ? "a mapping" : issue.expected === "boolean" ? "true or false" : `a ${issue.expected}`;
  const quote = issue.expected === "string" && (typeof issue.input === "number" || typeof issue.input === "boolean");
  return `must be ${expected}, got ${got}${quote ? " (quote it to make it text)" : ""}`;
}
