/** The permission list (`GET permissions/`), read once per provider process and API root, and the rules that
 * turn a group's declared entries (names or ids) into ids: users write names, the API takes ids. */
import type { MaiAgentClient } from "../../api/client";
import { MaiAgentError } from "../../api/errors";
import type { Permission } from "../../api/schemas";
import { Uuid } from "../../api/schemas";

const SHOWN_NAMES = 20;
const catalogs = new Map<string, Promise<Permission[]>>();

/** Every page, once per API root for the life of the process; a failed read is not remembered. */
export function permissionCatalog(api: MaiAgentClient): Promise<Permission[]> {
  const root = api.http.settings.baseUrl;
  let catalog = catalogs.get(root);
  if (!catalog) {
    catalog = api.listPermissions();
    catalogs.set(root, catalog);
    catalog.catch(() => catalogs.delete(root));
  }
  return catalog;
}

export const isId = (entry: string) => Uuid.safeParse(entry).success;
export const sortText = (values: readonly string[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The id of each entry, in order; fails naming every entry that is unknown or ambiguous. Nothing is sent. */
export function resolvePermissions(catalog: Permission[], entries: string[], what: string): string[] {
  const problems: string[] = [];
  const ids = entries.map((entry) => {
    // An id the list lacks is sent as written: the list may hold only the key's own permissions, and the API
    // checks ids itself (400 "Invalid pk").
    if (isId(entry)) return catalog.find((p) => p.id.toLowerCase() === entry.toLowerCase())?.id ?? entry;
    const named = catalog.filter((p) => p.name === entry);
    if (named.length === 0) problems.push(`unknown permission "${entry}"`);
    if (named.length > 1) problems.push(`"${entry}" names ${named.length} permissions (${named.map((p) => p.id).join(", ")}): write the id you mean`);
    return named[0]?.id ?? entry;
  });
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) problems.push(`${twice.map((id) => entries.filter((_, i) => ids[i] === id).join(" and ")).join("; ")} are the same permission: list it once`);
  if (problems.length === 0) return ids;
  const names = sortText([...new Set(catalog.map((p) => p.name))]);
  const shown = names.slice(0, SHOWN_NAMES).join(", ");
  throw new MaiAgentError(
    `${what}: ${problems.join("; ")}. Nothing was sent. Available permissions (${Math.min(SHOWN_NAMES, names.length)} of ${names.length}): ${shown}` +
      `${names.length > SHOWN_NAMES ? ", …" : ""}. \`npx pulumi-maiagent permissions\` lists them all with their ids.`,
  );
}

/** Live permissions in the form the program declared them: an id where an id was declared, else the name
 * (a permission granted by hand shows by its name). Sorted: the engine compares arrays by position. */
export function declaredForm(live: Array<{ id: string; name: string | null }>, declared: readonly string[]): string[] {
  return sortText(
    live.map((p) => declared.find((entry) => entry.toLowerCase() === p.id.toLowerCase()) ?? p.name ?? p.id),
  );
}

/** Names for ids a write answer gave without them. */
export function withNames(refs: Array<{ id: string; name: string | null }>, catalog: Permission[]): Array<{ id: string; name: string | null }> {
  return refs.map((ref) => ({ id: ref.id, name: ref.name ?? catalog.find((p) => p.id === ref.id)?.name ?? null }));
}
