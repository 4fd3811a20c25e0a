/** `listPermissions()`: the permissions a group (role) can hold, for writing `Group.permissions`. */
import { MaiAgentClient } from "./client";
import type { SettingsInput } from "./settings";

/** One permission a group (role) can hold. */
export interface PermissionInfo {
  /** The permission's id (a UUID): what the API stores in a group. */
  id: string;
  /** Its name, as `Group.permissions` may name it. */
  name: string;
  /** What it allows, as the API describes it ("" when it gives none). */
  description: string;
}

/**
 * Every permission `GET permissions/` lists (all pages), sorted by name then id: the names and ids
 * `Group.permissions` takes.
 * @param settings `apiKey` and `baseUrl`; those not given are read from MAIAGENT_API_KEY and MAIAGENT_BASE_URL,
 *   as the provider does (`audience: "cli"` words errors for a command line).
 */
export async function listPermissions(settings: Pick<SettingsInput, "apiKey" | "baseUrl" | "audience"> = {}): Promise<PermissionInfo[]> {
  const all = await new MaiAgentClient(settings).listPermissions();
  return all
    .map((p) => ({ id: p.id, name: p.name, description: p.description ?? "" }))
    .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
