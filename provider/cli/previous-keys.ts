/** The keys the file `--out` replaces gives its organizations, so that a re-export keeps every one of them. */
import * as fs from "node:fs";
import { LineCounter, parseDocument } from "yaml";

/** adoptId (lower-case) → key, and every key of the file (with or without adoptId); empty when there is no file.
 * Only the keys are read, not validated: a file with problems elsewhere can still be re-exported. */
export function readPreviousKeys(file: string): { byAdoptId: Map<string, string>; keys: string[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { byAdoptId: new Map(), keys: [] };
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
  for (const [key, org] of entries) {
    const adoptId = (org as { adoptId?: unknown } | null)?.adoptId;
    if (typeof adoptId === "string") byAdoptId.set(adoptId.toLowerCase(), key);
  }
  return { byAdoptId, keys: entries.map(([key]) => key) };
}

function unreadable(file: string, line: number, reason: string): Error {
  return new Error(
    `${line > 0 ? `${file}:${line}` : file}: cannot read the keys of the file --out would replace (${reason}). ` +
      "Its keys are kept on a re-export, so it must be readable YAML: fix it, or move it away to export afresh; it was not changed.",
  );
}
