/** `listPermissions()`: the permissions a group (role) can hold, for writing `Group.permissions`. */
import { MaiAgentClient } from "./client";
import type { SettingsInput } from "./settings";

export interface PermissionInfo {
  id: string;
  name: string;
  description: string;
}

/** Every permission `GET permissions/` lists (all pages), sorted by name then id. Settings not given are read
 * from MAIAGENT_API_KEY and MAIAGENT_BASE_URL, as the provider does. */
export async function listPermissions(settings: Pick<SettingsInput, "apiKey" | "baseUrl"> = {}): Promise<PermissionInfo[]> {
  const all = await new MaiAgentClient(settings).listPermissions();
  return all
    .map((p) => ({ id: p.id, name: p.name, description: p.description ?? "" }))
    .sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
