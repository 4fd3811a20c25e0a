/** Group writes that must survive an uncertain API: taking over an existing group (adoptExisting, adoptId),
 * and a POST that failed ambiguously, which is checked by listing before it is sent again. */
import type { MaiAgentClient } from "../../api/client";
import { MaiAgentError } from "../../api/errors";
import type { GroupRecord } from "../../api/group-schemas";
import { outcomeUnknown } from "../../api/http";
import { backoff, isStatus } from "../resource-kit";
import { isOwnerGroupName } from "./group-inputs";

const MAX_CREATE_ATTEMPTS = 6;

export interface GroupWanted {
  organizationId: string;
  name: string;
  permissionIds: string[];
}

const sameIds = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));
const matches = (live: GroupRecord, wanted: GroupWanted) => live.name === wanted.name && sameIds(live.permissions.map((p) => p.id), wanted.permissionIds);

/** PUTs only when the name or the permissions differ: taking over a matching group writes nothing. */
async function takeOver(api: MaiAgentClient, live: GroupRecord, wanted: GroupWanted): Promise<GroupRecord> {
  if (isOwnerGroupName(live.name)) throw ownerRefused(wanted.organizationId, live.id);
  if (matches(live, wanted)) return live;
  return api.groups.updateGroup(wanted.organizationId, live.id, { name: wanted.name, permissions: wanted.permissionIds });
}

export function ownerRefused(organizationId: string, groupId: string): MaiAgentError {
  return new MaiAgentError(
    `Group ${groupId} of organization ${organizationId} is the built-in OWNER group; it is never managed (isOwner is computed through it). Nothing was changed.`,
  );
}

export async function adoptById(api: MaiAgentClient, adoptId: string, wanted: GroupWanted): Promise<GroupRecord> {
  let live: GroupRecord;
  try {
    live = await api.groups.getGroup(wanted.organizationId, adoptId);
  } catch (error) {
    if (!isStatus(error, 404)) throw error;
    throw new MaiAgentError(
      `adoptId ${adoptId}: no group with this id in organization ${wanted.organizationId} is visible to this API key (${(error as Error).message}) Nothing was created.`,
    );
  }
  return takeOver(api, live, wanted);
}

/** Creates the group, or takes over the one of that name with `adoptExisting`; never two groups of one name. */
export async function createGroup(api: MaiAgentClient, wanted: GroupWanted, adoptExisting: boolean): Promise<GroupRecord> {
  const { organizationId, name } = wanted;
  const sameName = async () => (await api.groups.listAllGroups(organizationId)).filter((g) => g.name === name);
  const all = await api.groups.listAllGroups(organizationId);
  const existing = all.filter((g) => g.name === name);
  const otherCase = existing.length === 0 ? all.find((g) => g.name.toLowerCase() === name.toLowerCase()) : undefined;
  if (otherCase) {
    // Likely the same role typed differently; a second role beside it (or a raw 400 where names are unique) helps nobody.
    throw new MaiAgentError(
      `A group named "${otherCase.name}" (${otherCase.id}) exists in organization ${organizationId}, differing from "${name}" only in letter case. ` +
        `To manage it, use its exact name, or \`adoptId: ${otherCase.id}\` (in TypeScript or maiagent.yaml); to have both, choose another name. Nothing was changed.`,
    );
  }
  if (existing.length > 1 && adoptExisting) {
    throw new MaiAgentError(
      `Organization ${organizationId} has ${existing.length} groups named "${name}" (${existing.map((g) => g.id).join(", ")}): ` +
        "set `adoptId` to the one to manage. Nothing was changed.",
    );
  }
  if (existing.length > 0) {
    if (adoptExisting) return takeOver(api, existing[0], wanted);
    throw new MaiAgentError(
      `A group named "${name}" already exists in organization ${organizationId} (${existing.map((g) => g.id).join(", ")}); ` +
        `set \`adoptExisting: true\` to manage it, or \`adoptId\` to pick one by id (in maiagent.yaml, \`adoptId: ${existing[0].id}\` under the group, ` +
        "or export the organization). Nothing was changed.",
    );
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.groups.createGroup(organizationId, { name, permissions: wanted.permissionIds });
    } catch (error) {
      if (!outcomeUnknown(error)) throw error;
      const created = await sameName();
      if (created.length > 0) return takeOver(api, created[0], wanted);
      if (attempt >= MAX_CREATE_ATTEMPTS) throw error;
      await backoff(attempt);
    }
  }
}
