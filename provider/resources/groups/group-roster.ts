/** The pure and read-only part of GroupMembers: who is in the group (one scan), which organization member each
 * wanted email is (one scan of the organization), what to add and remove, and the outputs. Emails compare
 * case-insensitively and every list is sorted the same way, as for OrganizationMembers. */
import type { MaiAgentClient } from "../../api/client";
import { MaiAgentError } from "../../api/errors";
import type { MemberRecord } from "../../api/schemas";
import { plain } from "../resource-kit";
import { linesOf } from "../list-view";
import type { GroupHolder, GroupRosterOutputs } from "./group-outputs";

export type { GroupHolder, GroupRosterOutputs } from "./group-outputs";
import { key, sortEmails } from "../members/roster-plan";
import { compareEmails } from "../../api/email";

/** Everyone in the group, with their email. The list nests the person; an entry without an email (a server
 * that gives only the member id) is named from the organization's member list, read only then. */
export async function readGroupRoster(api: MaiAgentClient, organizationId: string, groupId: string, members?: MemberRecord[]): Promise<GroupHolder[]> {
  const records = await api.groups.listAllGroupMembers(organizationId, groupId);
  const unnamed = records.some((r) => !r.member.email);
  const byId = new Map((unnamed ? (members ?? (await api.listAllMembers(organizationId))) : []).map((m) => [m.id, m.email]));
  return records.map((r) => ({ email: r.member.email ?? byId.get(r.member.id) ?? `(member ${r.member.id})`, memberId: r.member.id, groupMemberId: r.id }));
}

/** The organization member id of each wanted email; fails before any write naming every email that is not a member. */
export function resolveMembers(organizationId: string, emails: string[], members: MemberRecord[]): Map<string, string> {
  const byEmail = new Map(members.map((m) => [key(m.email), m.id]));
  const missing = emails.filter((email) => !byEmail.has(key(email)));
  if (missing.length > 0) {
    throw new MaiAgentError(
      `${missing.length === 1 ? `${missing[0]} is` : `${sortEmails(missing).join(", ")} are`} not a member of organization ${organizationId}; ` +
        "a group holds organization members only. Add them to the organization first (its OrganizationMembers, or `members` in maiagent.yaml), " +
        "and make GroupMembers depend on it. Nothing was changed.",
    );
  }
  return new Map(emails.map((email) => [key(email), byEmail.get(key(email))!]));
}

/** Compared by organization member id, not by email: a holder the list names oddly (or not at all) is still
 * known for who they are, so nobody wanted is removed and nobody is added twice. */
export function planGroup(wanted: string[], ids: Map<string, string>, live: GroupHolder[]): { add: string[]; remove: GroupHolder[] } {
  const wantedIds = new Set(wanted.map((email) => ids.get(key(email))));
  const present = new Set(live.map((h) => h.memberId));
  return {
    add: sortEmails(wanted.filter((email) => !present.has(ids.get(key(email))!))),
    remove: sortHolders(live.filter((h) => !wantedIds.has(h.memberId))),
  };
}

const sortHolders = (holders: GroupHolder[]) => [...holders].sort((a, b) => compareEmails(a.email, b.email));

export function groupRosterOutputs(organizationId: string, groupId: string, live: GroupHolder[]): GroupRosterOutputs {
  const sorted = sortHolders(live);
  const emails = sorted.map((h) => h.email);
  return plain({ organizationId, groupId, emails, emailLines: linesOf(emails), members: sorted.map(({ email, memberId, groupMemberId }) => ({ email, memberId, groupMemberId })) });
}
