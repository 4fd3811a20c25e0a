/** Export's view of an organization's groups (roles): every group but the built-in owner group, with its
 * permission names and its members, so the first `up` of the written file makes no write for groups. */
import type { MaiAgentClient } from "../api/client";
import { sortEmails } from "../api/email";
import type { Permission } from "../api/schemas";
import { readGroupRoster } from "../resources/groups/group-roster";

export interface LiveGroup {
  id: string;
  name: string;
  /** Names, sorted; an id where the permission list has no name for it or the name is shared (ambiguous). */
  permissions: string[];
  members: string[];
}

const isOwnerGroup = (name: string) => name.trim().toUpperCase() === "OWNER";
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function readGroups(client: MaiAgentClient, organizationId: string, catalog: Permission[]): Promise<LiveGroup[]> {
  const groups = (await client.groups.listAllGroups(organizationId)).filter((g) => !isOwnerGroup(g.name));
  return Promise.all(
    groups.map(async (group) => {
      // The same read GroupMembers makes: a holder listed without an email is named from the member list.
      const holders = await readGroupRoster(client, organizationId, group.id);
      return {
        id: group.id,
        name: group.name,
        permissions: group.permissions.map((p) => nameFor(p, catalog)).sort(compare),
        members: sortEmails([...new Set(holders.map((h) => h.email))]),
      };
    }),
  );
}

/** The name `Group` will resolve back to this id: unique in the list, else the id itself. */
function nameFor(permission: { id: string; name: string | null }, catalog: Permission[]): string {
  const name = permission.name ?? catalog.find((p) => p.id === permission.id)?.name;
  return name && catalog.filter((p) => p.name === name).length === 1 ? name : permission.id;
}
