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
  }));
}
