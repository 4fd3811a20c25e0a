/** schema.*: the live OpenAPI document against the provider's one table of expectations. */
import { EXPECTED_FIELDS, EXPECTED_PATHS, EXPECTED_SECURITY, type FieldExpectation, type Severity } from "../../../api/expectations";
import { outcome, said, type Check, type Outcome, type Probe } from "../check";
import { record, type Json } from "../shapes";
import { findField, schemaPaths } from "./schema-lookup";

const RANK: Record<Severity, number> = { info: 1, warn: 2, fail: 3 };

async function documentOr(probe: Probe): Promise<Json | Outcome> {
  const doc = await probe.see(probe.session.schema());
  if (doc) return doc;
  const answer = probe.evidence[probe.evidence.length - 1];
  return outcome("skip", `schema/?format=json: ${said(answer)}, no OpenAPI document to compare`);
}
const isOutcome = (value: Json | Outcome): value is Outcome => typeof (value as Outcome).status === "string" && "observed" in value;

export const paths: Check = {
  id: "schema.paths",
  title: "Schema: paths and methods",
  needs: ["auth.identity"],
  async run(probe) {
    const doc = await documentOr(probe);
    if (isOutcome(doc)) return doc;
    const live = schemaPaths(doc);
    const gaps: { text: string; severity: Severity; usedFor: string }[] = [];
    for (const expected of EXPECTED_PATHS) {
      const methods = live.get(expected.path);
      const lacking = expected.methods.filter((m) => !methods?.has(m));
      if (lacking.length) gaps.push({ text: `${expected.path} ${methods ? lacking.join("/").toUpperCase() : "(path)"}`, severity: expected.missing, usedFor: expected.usedFor });
    }
    if (!gaps.length) return outcome("ok", `all ${EXPECTED_PATHS.length} expected paths with their methods`);
    const worst = gaps.reduce((a, b) => (RANK[b.severity] > RANK[a.severity] ? b : a)).severity;
    return outcome(worst, `missing: ${gaps.map((g) => g.text).join("; ")}`, {
      expected: "every path the provider uses",
      action: `Affected: ${[...new Set(gaps.map((g) => g.usedFor))].join("; ")}.`,
    });
  },
};

function fieldCheck(id: string, title: string, expectation: FieldExpectation): Check {
  return {
    id,
    title,
    needs: ["auth.identity"],
    async run(probe) {
      const doc = await documentOr(probe);
      if (isOutcome(doc)) return doc;
      const found = findField(doc, expectation);
      if (!found) return outcome("skip", `no component ${expectation.components.join(" / ")} in the schema`);
      const property = found.property ?? (found.component.endsWith("Request") ? { readOnly: true } : undefined);
      const keys = Object.keys(expectation.expect) as (keyof FieldExpectation["expect"])[];
      const expected = describe(expectation.expect, keys);
      if (!property) return outcome(expectation.differs, `${found.component}.${expectation.field} is not in the schema`, { expected, action: expectation.meaning });
      const observed = describe({ readOnly: property.readOnly === true, maxLength: property.maxLength as number | undefined, itemsOf: property.type === "array" ? (record(property.items)?.type as "string") : undefined }, keys);
      if (observed === expected) return outcome("ok", `${found.component}.${expectation.field}: ${observed}`, { expected });
      return outcome(expectation.differs, `${found.component}.${expectation.field}: ${observed}`, { expected, action: expectation.meaning });
    },
  };
}

function describe(facts: FieldExpectation["expect"], keys: (keyof FieldExpectation["expect"])[]): string {
  const say = { readOnly: () => (facts.readOnly ? "readOnly" : "writable"), maxLength: () => `maxLength ${facts.maxLength ?? "none"}`, itemsOf: () => (facts.itemsOf ? `array of ${facts.itemsOf}` : "not an array") };
  return keys.map((key) => say[key]()).join(", ");
}

const fieldFor = (id: string) => EXPECTED_FIELDS.find((f) => f.id === id)!;
export const memberCreate = fieldCheck("schema.memberCreate", "Schema: isOwner on add-member", fieldFor("memberCreate.isOwner"));
export const orgName = fieldCheck("schema.orgName", "Schema: organization name length", fieldFor("organization.name"));
export const groupsBulk = fieldCheck("schema.groupsBulk", "Schema: bulk-create body", fieldFor("groupMembersBulk.members"));

export const security: Check = {
  id: "schema.security",
  title: "Schema: authentication",
  needs: ["auth.identity"],
  async run(probe) {
    const doc = await documentOr(probe);
    if (isOutcome(doc)) return doc;
    const schemes = Object.entries(record(record(doc.components)?.securitySchemes) ?? {}).map(([name, s]) => [name, record(s) ?? {}] as const);
    const { type, in: where, name } = EXPECTED_SECURITY;
    const seen = schemes.map(([n, s]) => `${n} (${[s.type, s.in, s.name ?? s.scheme].filter(Boolean).join(" ")})`).join(", ") || "none";
    const match = schemes.some(([, s]) => s.type === type && s.in === where && String(s.name).toLowerCase() === name.toLowerCase());
    if (match) return outcome("ok", `an apiKey scheme in the Authorization header: ${seen}`);
    return outcome(EXPECTED_SECURITY.differs, `security schemes: ${seen}`, {
      expected: "apiKey in the Authorization header (Api-Key <key>)",
      action: "auth.identity shows whether the key works anyway; if it does not, report the schemes (doctor --json).",
    });
  },
};
