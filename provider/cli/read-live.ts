/** Reads organizations and their members through the API client, marking protected members. */
import type { MaiAgentClient } from "../api/client";
import { MaiAgentApiError } from "../api/errors";
import type { OrganizationRecord } from "../api/schemas";
import { compareEmails, emailKey } from "../api/email";
import { readGroups, type LiveGroup } from "./read-groups";

export interface LiveOrganization {
  id: string;
  name: string;
  createdAt?: string | null;
  compactLogo?: string;
  fullLogo?: string;
  /** Every live member, sorted case-insensitively. `protectedBecause`: why OrganizationMembers would not remove
   * them today. They are listed all the same: being an owner, or the exporting key's user, may not last (an
   * ownership transfer, a stack with another key), and an unlisted member is removed the day it ends. */
  members: { email: string; protectedBecause?: string }[];
  /** Groups (roles) except the built-in owner group. */
  groups: LiveGroup[];
}

export type Selection = { all: true } | { ids: string[] };
type Progress = (line: string) => void;

export async function readLive(client: MaiAgentClient, selection: Selection, progress: Progress): Promise<LiveOrganization[]> {
  // First: it exists at every API root, so a 404 here means a wrong MAIAGENT_BASE_URL, not a wrong --org id.
  const self = (await client.getCurrentUser()).email.toLowerCase();
  const catalog = await client.listPermissions();
  const records = await Promise.all(
    ("all" in selection ? await client.listAllOrganizations() : selection.ids).map((org) => detail(client, org)),
  );
  progress(`Reading the members of ${records.length} organization${records.length === 1 ? "" : "s"}…`);
  let done = 0;
  return Promise.all(
    records.map(async (org) => {
      const live = { ...(await readOne(client, org, self)), groups: await readGroups(client, org.id, catalog) };
      const protectedCount = live.members.filter((m) => m.protectedBecause).length;
      progress(`[${++done}/${records.length}] ${org.name} (${org.id}): ${live.members.length} members, ${protectedCount} protected`);
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

async function readOne(client: MaiAgentClient, org: OrganizationRecord, self: string): Promise<Omit<LiveOrganization, "groups">> {
  const seen = new Set<string>();
  const members: LiveOrganization["members"] = [];
  for (const member of await stableMembers(client, org.id)) {
    if (seen.has(emailKey(member.email))) continue;
    seen.add(emailKey(member.email));
    members.push({ email: member.email, ...protection(member.isOwner, emailKey(member.email) === emailKey(self)) });
  }
  return {
    id: org.id,
    name: org.name,
    createdAt: org.createdAt ?? null,
    ...(org.compactLogo ? { compactLogo: org.compactLogo } : {}),
    ...(org.fullLogo ? { fullLogo: org.fullLogo } : {}),
    members: members.sort((a, b) => compareEmails(a.email, b.email)),
  };
}

/** Why OrganizationMembers would keep a member even unlisted, for the comment beside it; an isOwner the API did
 * not give as true or false is said to be unknown rather than guessed. */
function protection(isOwner: unknown, isSelf: boolean): { protectedBecause?: string } {
  if (isOwner === true) return { protectedBecause: "owner" };
  if (isSelf) return { protectedBecause: "the API key's own user" };
  if (typeof isOwner !== "boolean") return { protectedBecause: "owner status unknown" };
  return {};
}

const SCANS = 4;

/** The member list as two scans in a row agree on it. One scan can miss a member when the list changes between
 * its pages (one leaves, another joins: every later row moves up a slot, across a page boundary); the file would
 * then leave that person out, and the next `up` remove them. */
async function stableMembers(client: MaiAgentClient, organizationId: string) {
  let last = await client.listAllMembers(organizationId);
  for (let scan = 2; scan <= SCANS; scan++) {
    const next = await client.listAllMembers(organizationId);
    const ids = new Set(last.map((member) => member.id));
    if (next.length === last.length && next.every((member) => ids.has(member.id))) return next;
    last = next;
  }
  throw new Error(`The members of organization ${organizationId} changed between every two of ${SCANS} reads; run export again when they settle.`);
}
