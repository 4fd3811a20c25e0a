/** check and diff of Group: check is pure; diff compares permissions as sets of ids, reading the cached
 * permission list only when the declared entries differ in spelling. */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { MaiAgentClient } from "../../api/client";
import { GroupName } from "../../api/group-schemas";
import { Uuid } from "../../api/schemas";
import { checkFields, isUnknown, lower } from "../resource-kit";
import { isId, permissionCatalog, resolvePermissions, sortText } from "./permission-catalog";

const Flag = z.boolean("must be true or false").optional();
/** The organization's built-in owner group: isOwner is computed through it, so it is never managed. */
export const isOwnerGroupName = (name: unknown) => typeof name === "string" && name.trim().toUpperCase() === "OWNER";
const ManagedName = GroupName.refine((name) => !isOwnerGroupName(name), "OWNER is the organization's built-in owner group, which is never managed (owners come from it)");
const FIELDS = { organizationId: Uuid, name: ManagedName, adoptExisting: Flag, adoptId: Uuid.optional() };

const entryKey = (entry: string) => (isId(entry) ? entry.toLowerCase() : entry);

export function checkGroup(news: Record<string, unknown>): pulumi.dynamic.CheckResult {
  const { inputs = {}, failures = [] } = checkFields(FIELDS, news);
  const permissions = news.permissions;
  const fail = (reason: string) => failures.push({ property: "permissions", reason });
  if (permissions === undefined) fail("permissions is required: a list of permission names or ids (it may be empty)");
  else if (Array.isArray(permissions)) {
    const seen = new Map<string, number>();
    permissions.forEach((entry, i) => {
      if (isUnknown(entry)) return;
      const first = typeof entry === "string" ? seen.get(entryKey(entry)) : undefined;
      if (typeof entry !== "string" || entry.trim() === "") fail(`permissions[${i}] must be a permission name or id, not ${JSON.stringify(entry)}`);
      else if (first === undefined) seen.set(entryKey(entry), i);
      else fail(`permissions[${i}] "${entry}" is listed twice (also permissions[${first}])`);
    });
    const known = permissions.filter((e): e is string => typeof e === "string" && !isUnknown(e));
    inputs.permissions = [...sortText(known), ...permissions.filter((e) => isUnknown(e))];
  } else if (isUnknown(permissions)) inputs.permissions = permissions;
  else fail("permissions must be a list of permission names or ids");
  return { inputs, failures };
}

/** `olds` are the stored outputs. The organization replaces; name and permissions update in place. */
export async function diffGroup(api: () => MaiAgentClient, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  const moved = isUnknown(news.organizationId) || lower(news.organizationId) !== lower(olds.organizationId);
  const renamed = isUnknown(news.name) || news.name !== olds.name;
  const changes = moved || renamed || (await permissionsDiffer(api, olds, news.permissions));
  return { changes, replaces: moved ? ["organizationId"] : [], deleteBeforeReplace: false };
}

async function permissionsDiffer(api: () => MaiAgentClient, olds: Record<string, unknown>, wanted: unknown): Promise<boolean> {
  if (isUnknown(wanted) || !Array.isArray(wanted) || !Array.isArray(olds.permissions)) return true;
  const before = new Set((olds.permissions as string[]).map(entryKey));
  if (before.size === wanted.length && wanted.every((e: string) => before.has(entryKey(e)))) return false;
  // Spelled differently (a name for an id, say): the same permissions are no change.
  const oldIds = Array.isArray(olds.permissionIds) ? (olds.permissionIds as string[]) : undefined;
  if (!oldIds) return true;
  try {
    const ids = resolvePermissions(await permissionCatalog(api()), wanted as string[], "permissions");
    return !(ids.length === oldIds.length && ids.every((id) => oldIds.includes(id)));
  } catch {
    return true; // unknown names: the update says which, before any write
  }
}
