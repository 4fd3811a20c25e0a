/** The keys the file `--out` replaces gives its organizations, so that a re-export keeps every one of them. */
import * as fs from "node:fs";
import { LineCounter, parseDocument } from "yaml";

export interface PreviousKeys {
  /** adoptId (lower-case) → key. */
  byAdoptId: Map<string, string>;
  /** Keys listed without adoptId (organizations the roster created), by their `name`. */
  byName: Map<string, string[]>;
  /** Every key of the file. */
  keys: string[];
  /** Per organization key: each group's adoptId (lower-case) → its key, kept the same way. */
  groups: Map<string, Map<string, string>>;
}

/** The keys of the file `--out` replaces; empty when there is no file. Only keys, adoptIds and names are read,
 * not validated: a file with problems elsewhere can still be re-exported. */
export function readPreviousKeys(file: string): PreviousKeys {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { byAdoptId: new Map(), byName: new Map(), keys: [], groups: new Map() };
    throw unreadable(file, 0, (error as Error).message);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  if (doc.errors.length) throw unreadable(file, lineCounter.linePos(doc.errors[0].pos[0]).line, doc.errors[0].message.split("\n")[0]);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    throw unreadable(file, 0, (error as Error).message);
  }
  const organizations = (data as { organizations?: unknown } | null)?.organizations;
  const entries = organizations && typeof organizations === "object" && !Array.isArray(organizations) ? Object.entries(organizations) : [];
  const byAdoptId = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const groups = new Map<string, Map<string, string>>();
  for (const [key, org] of entries) {
    const { adoptId, name, groups: declared } = (org ?? {}) as { adoptId?: unknown; name?: unknown; groups?: unknown };
    if (typeof adoptId === "string") byAdoptId.set(adoptId.toLowerCase(), key);
    else if (typeof name === "string") byName.set(name, [...(byName.get(name) ?? []), key]);
    groups.set(key, groupAdoptIds(declared));
  }
  return { byAdoptId, byName, keys: entries.map(([key]) => key), groups };
}

/** A `groups:` section's adoptId (lower-case) → key. */
function groupAdoptIds(section: unknown): Map<string, string> {
  const entries = section && typeof section === "object" && !Array.isArray(section) ? Object.entries(section) : [];
  const found = new Map<string, string>();
  for (const [key, entry] of entries) {
    const adoptId = (entry as { adoptId?: unknown } | null)?.adoptId;
    if (typeof adoptId === "string") found.set(adoptId.toLowerCase(), key);
  }
  return found;
}

/** id (lower-case) → kept key: by adoptId, else, for a key the roster created (no adoptId), the one live
 * organization of that name not claimed by an adoptId. Never guesses: a name that several unclaimed organizations
 * (or several keys) share is an error naming them. */
export function matchPreviousKeys(previous: PreviousKeys, organizations: readonly { id: string; name: string }[]): Map<string, string> {
  const kept = new Map(previous.byAdoptId);
  const unclaimed = organizations.filter((org) => !kept.has(org.id.toLowerCase()));
  for (const [name, keys] of previous.byName) {
    const named = unclaimed.filter((org) => org.name === name);
    if (named.length === 0) continue;
    if (named.length > 1 || keys.length > 1) {
      throw new Error(
        `${keys.join(", ")} (name "${name}") has no adoptId, and ${named.length} organization${named.length === 1 ? " has" : "s have"} that name: ` +
          `${named.map((org) => org.id).join(", ")}. Add \`adoptId: <id>\` under the key for the organization your stack manages ` +
          "(pulumi stack output, or the Organization's id in pulumi stack --show-ids), then export again; the file was not changed.",
      );
    }
    kept.set(named[0].id.toLowerCase(), keys[0]);
  }
  return kept;
}

/** The keys of the file this export would not write (their resources would be deleted by the next `up`). */
export function droppedKeys(previous: PreviousKeys, kept: ReadonlyMap<string, string>, organizations: readonly { id: string }[]): string[] {
  const written = new Set(organizations.map((org) => kept.get(org.id.toLowerCase())));
  return previous.keys.filter((key) => !written.has(key));
}

function unreadable(file: string, line: number, reason: string): Error {
  return new Error(
    `${line > 0 ? `${file}:${line}` : file}: cannot read the keys of the file --out would replace (${reason}). ` +
      "Its keys are kept on a re-export, so it must be readable YAML: fix it, or move it away to export afresh; it was not changed.",
  );
}
