/** Finds the line of a path such as `organizations.acme.members[2]` in a parsed YAML document. */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from "yaml";

/** The 1-based line of the deepest node on `path` that exists: the key's line for a mapping entry, the item's
 * line for a list entry. A missing key is therefore reported at its parent's line. */
export function lineOf(doc: Document, lineCounter: LineCounter, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const part of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(part));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === "number" && node.items[part] !== undefined) {
      node = node.items[part];
      offset = rangeStart(node) ?? offset;
    } else break;
  }
  return lineCounter.linePos(offset).line;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : undefined;
}
