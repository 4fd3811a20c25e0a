/** The keys the file `--out` replaces gives its organizations, so that a re-export keeps every one of them. */
import * as fs from "node:fs";
import { LineCounter, parseDocument } from "yaml";

export interface PreviousKeys {
  byAdoptId: Map<string, string>;
  keys: string[];
  /** Per organization key: each group's adoptId (lower-case) → its key, kept the same way. */
  groups: Map<string, Map<string, string>>;
}

/** adoptId (lower-case) → key, and every key of the file (with or without adoptId); empty when there is no file.
 * Only the keys are read, not validated: a file with problems elsewhere can still be re-exported. */
export function readPreviousKeys(file: string): PreviousKeys {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { byAdoptId: new Map(), keys: [], groups: new Map() };
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
  const groups = new Map<string, Map<string, string>>();
  for (const [key, org] of entries) {
    const { adoptId, groups: declared } = (org ?? {}) as { adoptId?: unknown; groups?: unknown };
    if (typeof adoptId === "string") byAdoptId.set(adoptId.toLowerCase(), key);
    groups.set(key, adoptIds(declared));
  }
  return { byAdoptId, keys: entries.map(([key]) => key), groups };
}

function adoptIds(section: unknown): Map<string, string> {
  const entries = section && typeof section === "object" && !Array.isArray(section) ? Object.entries(section) : [];
  const found = new Map<string, string>();
  for (const [key, entry] of entries) {
    const adoptId = (entry as { adoptId?: unknown } | null)?.adoptId;
    if (typeof adoptId === "string") found.set(adoptId.toLowerCase(), key);
  }
  return found;
}

function unreadable(file: string, line: number, reason: string): Error {
  return new Error(
    `${line > 0 ? `${file}:${line}` : file}: cannot read the keys of the file --out would replace (${reason}). ` +
      "Its keys are kept on a re-export, so it must be readable YAML: fix it, or move it away to export afresh; it was not changed.",
  );
}
