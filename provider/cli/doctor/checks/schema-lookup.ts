/** Looking things up in an OpenAPI document (drf-spectacular's): paths by shape, fields in components. */
import { normalizeSchemaPath, snakeCase, type FieldExpectation } from "../../../api/expectations";
import type { Exchange } from "../http";
import type { Session } from "../session";
import { record, type Json } from "../shapes";

/** Normalised path → its methods (lower case). */
export function schemaPaths(doc: Json): Map<string, Set<string>> {
  const paths = new Map<string, Set<string>>();
  for (const [path, item] of Object.entries(record(doc.paths) ?? {})) {
    const methods = new Set(Object.keys(record(item) ?? {}).map((m) => m.toLowerCase()));
    const key = normalizeSchemaPath(path);
    paths.set(key, new Set([...(paths.get(key) ?? []), ...methods]));
  }
  return paths;
}

/** The field's schema in the first listed component that has the component; undefined when no such component. */
export function findField(doc: Json, expectation: FieldExpectation): { component: string; property: Json | undefined } | undefined {
  const components = record(record(doc.components)?.schemas) ?? {};
  for (const name of expectation.components) {
    const component = record(components[name]);
    if (!component) continue;
    const properties = record(component.properties) ?? {};
    return { component: name, property: record(properties[expectation.field] ?? properties[snakeCase(expectation.field)]) };
  }
  return undefined;
}

/** For members.create's fallback: undefined when there is no schema or no such component. */
export async function schemaField(session: Session, expectation: FieldExpectation): Promise<{ value: Json | undefined; exchanges: Exchange[] }> {
  const { value: doc, exchanges } = await session.schema();
  const found = doc && findField(doc, expectation);
  // drf-spectacular's request components leave read-only fields out altogether.
  const property = found && (found.property ?? (found.component.endsWith("Request") ? { readOnly: true } : undefined));
  return { value: property, exchanges };
}
