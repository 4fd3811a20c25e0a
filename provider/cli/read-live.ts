/** Reads organizations and their members through the API client, splitting out protected members. */
import type { MaiAgentClient } from "../api/client";
import { MaiAgentApiError } from "../api/errors";
import type { OrganizationRecord } from "../api/schemas";
import { compareEmails, emailKey, sortEmails } from "../api/email";
import { isProtected } from "../resources/members/roster-plan";

export interface LiveOrganization {
  id: string;
  name: string;
  compactLogo?: string;
  fullLogo?: string;
  /** Unprotected members, sorted case-insensitively: what `members` in the roster lists. */
  emails: string[];
  /** Owners and the API key's own user: OrganizationMembers never removes them, so the roster omits them. */
  protectedMembers: { email: string; reason: string }[];
}

export type Selection = { all: true } | { ids: string[] };
type Progress = (line: string) => void;

export async function readLive(client: MaiAgentClient, selection: Selection, progress: Progress): Promise<LiveOrganization[]> {
  // First: it exists at every API root, so a 404 here means a wrong MAIAGENT_BASE_URL, not a wrong --org id.
  const self = (await client.getCurrentUser()).email.toLowerCase();
  const records = await Promise.all(
    ("all" in selection ? await client.listAllOrganizations() : selection.ids).map((org) => detail(client, org)),
  );
  progress(`Reading the members of ${records.length} organization${records.length === 1 ? "" : "s"}…`);
  let done = 0;
  return Promise.all(
    records.map(async (org) => {
      const live = await readOne(client, org, self);
      progress(`[${++done}/${records.length}] ${org.name} (${org.id}): ${live.emails.length} members, ${live.protectedMembers.length} protected`);
      return live;
    }),
  );
}

/** The organization list may leave out the logos (the documented list shows id, name, createdAt only): then
 * the organization is read on its own, so the file declares the live logos and `up` does not clear them. */
async function detail(client: MaiAgentClient, org: string | OrganizationRecord): Promise<OrganizationRecord> {
  if (typeof org !== "string" && "compactLogo" in org && "fullLogo" in org) return org;
  const id = typeof org === "string" ? org : org.id;
  try {
    return await client.getOrganization(id);
  } catch (error) {
    if (error instanceof MaiAgentApiError && error.status === 404) {
      throw new Error(`Organization ${id} was not found, or this API key cannot see it (${error.message}). Check the id with --all.`);
    }
    throw error;
  }
}

async function readOne(client: MaiAgentClient, org: OrganizationRecord, self: string): Promise<LiveOrganization> {
  const members = await client.listAllMembers(org.id);
  const seen = new Set<string>();
  const emails: string[] = [];
  const protectedMembers: LiveOrganization["protectedMembers"] = [];
  for (const member of members) {
    if (seen.has(emailKey(member.email))) continue;
    seen.add(emailKey(member.email));
    const isOwner = member.isOwner === true;
    // The same rule OrganizationMembers applies, so the file lists exactly the members it would manage.
    if (!isProtected({ email: member.email, id: member.id, name: null, isOwner }, self)) emails.push(member.email);
    else protectedMembers.push({ email: member.email, reason: isOwner ? "owner" : "this API key's user" });
  }
  return {
    id: org.id,
    name: org.name,
    ...(org.compactLogo ? { compactLogo: org.compactLogo } : {}),
    ...(org.fullLogo ? { fullLogo: org.fullLogo } : {}),
    emails: sortEmails(emails),
    protectedMembers: protectedMembers.sort((a, b) => compareEmails(a.email, b.email)),
  };
}
