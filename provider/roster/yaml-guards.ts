/** What YAML itself does to a file that the roster must not accept silently: aliases that expand without
 * bound, and keys that YAML reads as numbers or booleans (`007:` would become the key "7"). */
import { isCollection, isMap, isScalar, visit, type Document, type LineCounter, type Node } from "yaml";
import { formatPath, RosterError, type RosterProblem } from "./errors";

/** Enough for any sharing by hand (merge keys, a shared member list); far below what exhausts memory. */
const MAX_ALIAS_COUNT = 1000;

/** The document's data; aliases that expand too far ("billion laughs") are a problem at the amplifying alias. */
export function toData(doc: Document, lineCounter: LineCounter, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const message = `YAML: aliases expand too far (an alias of a list of aliases, repeated, grows exponentially); write the values out or use fewer aliases (${error.message})`;
    throw new RosterError([{ file, line: lineCounter.linePos(amplifyingAlias(doc) ?? 0).line, path: "", message }]);
  }
}

/** The offset of the first alias whose target holds aliases itself, else of the first alias. */
function amplifyingAlias(doc: Document): number | undefined {
  let first: number | undefined;
  let amplifying: number | undefined;
  visit(doc, {
    Alias(_key, alias) {
      first ??= alias.range?.[0];
      const target = alias.resolve(doc);
      if (!target || !isCollection(target) || !containsAlias(target)) return undefined;
      amplifying = alias.range?.[0];
      return visit.BREAK;
    },
  });
  return amplifying ?? first;
}

function containsAlias(node: Node): boolean {
  let found = false;
  visit(node, { Alias: () => ((found = true), visit.BREAK) });
  return found;
}

/** Organization keys that YAML reads as something other than text: refused where they are written. */
export function nonTextKeys(doc: Document, lineCounter: LineCounter, file: string): RosterProblem[] {
  const organizations = doc.get("organizations", true);
  if (!isMap(organizations)) return [];
  return organizations.items.flatMap(({ key }) => {
    if (!isScalar(key) || typeof key.value === "string") return [];
    const written = key.source ?? String(key.value);
    const readAs = typeof key.value === "number" ? `the number ${key.value}` : typeof key.value === "boolean" ? `the boolean ${key.value}` : "no value (null)";
    return [{
      file,
      line: lineCounter.linePos(key.range?.[0] ?? 0).line,
      path: formatPath(["organizations", key.value === null ? "" : String(key.value)]), // as the data names it
      message: `the key ${written} is read by YAML as ${readAs}; quote it ("${written}") to keep it as written`,
    }];
  });
}
