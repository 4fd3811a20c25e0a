/** The validated roster as resource declarations: the root program is a thin loop over these. */
import { sortEmails } from "../api/email";
import type { Roster } from "./types";

export { sortEmails };

/** What the roster program declares for one organization of the file. */
export interface OrganizationDeclaration {
  /** The resource name of both the Organization and its OrganizationMembers (their types differ). */
  key: string;
  /** Organization args. Plain values only: no undefined keys. */
  organization: { name: string; compactLogo?: string; fullLogo?: string; adoptId?: string };
  /** OrganizationMembers args without `organizationId` (the Organization's id, wired by the program). */
  members: { emails: string[]; removeUnlisted: boolean; maxRemovals?: number };
  /** retainOnDelete for the OrganizationMembers: `retain` in the file. The Organization is always retained,
   * because the API cannot delete organizations. */
  retainMembers: boolean;
  /** The organization's groups (roles), in the file's order; absent when the file declares none. */
  groups?: GroupDeclaration[];
}

/** One group (role) of an organization, as the roster program declares it. */
export interface GroupDeclaration {
  /** The resource name of its Group and GroupMembers: `<organization key>.<group key>` ("." is in no key). */
  key: string;
  /** Group args without `organizationId`. */
  group: { name: string; permissions: string[]; adoptId?: string };
  /** GroupMembers args without `organizationId` and `groupId`; the organization's `removeUnlisted` and
   * `maxRemovals` cover its groups. */
  members: { emails: string[]; removeUnlisted: boolean; maxRemovals?: number };
}

/** One declaration per organization of the roster, in the file's order, emails sorted case-insensitively. */
export function rosterDeclarations(roster: Roster): OrganizationDeclaration[] {
  return Object.entries(roster.organizations).map(([key, org]) => ({
    key,
    organization: {
      name: org.name,
      ...(org.compactLogo !== undefined && { compactLogo: org.compactLogo }),
      ...(org.fullLogo !== undefined && { fullLogo: org.fullLogo }),
      ...(org.adoptId !== undefined && { adoptId: org.adoptId }),
    },
    members: {
      emails: sortEmails(org.members),
      removeUnlisted: org.removeUnlisted,
      ...(org.maxRemovals !== undefined && { maxRemovals: org.maxRemovals }),
    },
    retainMembers: org.retain,
    ...(org.groups !== undefined && {
      groups: Object.entries(org.groups).map(([groupKey, group]) => ({
        key: `${key}.${groupKey}`,
        group: { name: group.name, permissions: [...group.permissions], ...(group.adoptId !== undefined && { adoptId: group.adoptId }) },
        members: { emails: sortEmails(group.members), removeUnlisted: org.removeUnlisted, ...(org.maxRemovals !== undefined && { maxRemovals: org.maxRemovals }) },
      })),
    }),
  }));
}
