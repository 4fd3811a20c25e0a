/** Taking over an organization that already exists (`adoptId`): the engine cannot import dynamic resources. */
import type { MaiAgentClient } from "../../api/client";
import { MaiAgentError } from "../../api/errors";
import { isStatus, isUnknown } from "../resource-kit";
import type { OrganizationBody, OrganizationRecord } from "../../api/schemas";
import { logo } from "./organization-outputs";
import { putOrganization } from "./organization-writes";

/** The PUT body that makes `live` match `wanted`; a logo is cleared (null) only when one is set. */
export function putBody(wanted: OrganizationBody, live: { compactLogo?: unknown; fullLogo?: unknown }): OrganizationBody {
  const clear = (key: "compactLogo" | "fullLogo") => logo(wanted[key]) ?? (logo(live[key]) ? null : undefined);
  return { name: wanted.name, compactLogo: clear("compactLogo"), fullLogo: clear("fullLogo") };
}

/** GETs the organization and PUTs only when the name or a logo differs: adopting a matching one writes nothing. */
export async function adoptOrganization(api: MaiAgentClient, id: string, wanted: OrganizationBody): Promise<OrganizationRecord> {
  let live: OrganizationRecord;
  try {
    live = await api.getOrganization(id);
  } catch (error) {
    if (!isStatus(error, 404)) throw error;
    throw new MaiAgentError(
      `adoptId ${id}: no organization with this id is visible to this API key (${(error as Error).message}) ` +
        "Check the id, and that the key belongs to a member of that organization; nothing was created.",
    );
  }
  const same = live.name === wanted.name && logo(live.compactLogo) === logo(wanted.compactLogo) && logo(live.fullLogo) === logo(wanted.fullLogo);
  return same ? live : putOrganization(api, id, putBody(wanted, live));
}

/** Run in diff, so `preview` fails before any write: a roster key whose adoptId changed now names another
 * organization (a re-export that moved keys, a hand edit), and its OrganizationMembers would give this
 * organization the other one's members. Managing a different organization is never done silently. */
export function checkAdoptId(managedId: string, adoptId: unknown): void {
  if (typeof adoptId !== "string" || isUnknown(adoptId) || adoptId.toLowerCase() === managedId.toLowerCase()) return;
  throw new MaiAgentError(
    `adoptId ${adoptId} is declared, but this Organization manages organization ${managedId}: the key now points at ` +
      "another organization, and nothing was changed. If the file was re-exported, give each organization back its " +
      `old key (the one whose adoptId is ${managedId}). To really manage the other organization under this name, ` +
      "first stop managing this one: `pulumi state delete` this resource and its OrganizationMembers (no organization " +
      "or member is touched).",
  );
}
