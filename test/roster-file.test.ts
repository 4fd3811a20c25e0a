/** maiagent.yaml: every problem reported at once with file, line and path; selection; declarations. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadDist } from "./helpers/native";

type RosterModule = typeof import("../provider/roster/index");
const roster = loadDist<RosterModule>("provider/roster/index.js");
const ADOPT_ID = "3be0a7de-9aa3-41f7-ae68-0a58d1197a5c";

/** The problem lines of a rejected file, or a failure when it loads. */
function problems(text: string, file = "maiagent.yaml"): string[] {
  try {
    roster.parseRoster(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(roster.RosterError);
    return (error as InstanceType<RosterModule["RosterError"]>).problems.map(roster.formatProblem);
  }
  throw new Error("expected the roster to be rejected");
}
const yaml = (...lines: string[]) => lines.join("\n") + "\n";
const acme = (...extra: string[]) => yaml("organizations:", "  acme:", "    name: Acme Support", ...extra);

test("a complete file loads with defaults: removeUnlisted false, retain true", () => {
  const text = acme(`    adoptId: ${ADOPT_ID}`, "    compactLogo: https://acme.example/c.png", "    members: [bob@acme.example, alice@acme.example]");
  expect(roster.parseRoster(text).organizations.acme).toEqual({
    name: "Acme Support",
    adoptId: ADOPT_ID,
    compactLogo: "https://acme.example/c.png",
    members: ["bob@acme.example", "alice@acme.example"],
    removeUnlisted: false,
    retain: true,
  });
});

test.each<[string, string, string[]]>([
  ["an invalid email, with its index", acme("    members:", "      - alice@acme.example", "      - bob", "      - carol@"), [
    "maiagent.yaml:6 organizations.acme.members[1]: not a valid email",
    "maiagent.yaml:7 organizations.acme.members[2]: not a valid email",
  ]],
  ["a misspelt key (typos are never ignored)", acme("    members: []", "    retian: false"), [
    "maiagent.yaml:5 organizations.acme.retian: unknown key; expected one of: name, compactLogo, fullLogo, adoptId, members, removeUnlisted, maxRemovals, retain, groups",
  ]],
  ["an unknown top-level key", yaml("organisations: {}"), [
    "maiagent.yaml:1 organizations: is required",
    "maiagent.yaml:1 organisations: unknown key; expected one of: organizations",
  ]],
  ["a duplicate email in another case", acme("    members:", "      - Alice@Acme.example", "      - bob@acme.example", "      - alice@acme.EXAMPLE"), [
    "maiagent.yaml:7 organizations.acme.members[2]: duplicate of members[0] (Alice@Acme.example); emails compare case-insensitively",
  ]],
  ["a missing name and members, at the organization's line", yaml("organizations:", "  acme:", "    adoptId: " + ADOPT_ID), [
    "maiagent.yaml:2 organizations.acme.name: is required",
    "maiagent.yaml:2 organizations.acme.members: is required",
  ]],
  ["an adoptId that is not a UUID and a logo that is not an http(s) URL", acme("    adoptId: 1234", "    fullLogo: ftp://acme.example/f.png", "    members: []"), [
    "maiagent.yaml:4 organizations.acme.adoptId: must be a string, got a number (quote it to make it text)",
    "maiagent.yaml:5 organizations.acme.fullLogo: must be an absolute http(s) URL",
  ]],
  ["a blank name and non-boolean flags", yaml("organizations:", "  acme:", "    name: '  '", "    members: []", "    removeUnlisted: yes", "    retain: 0"), [
    "maiagent.yaml:3 organizations.acme.name: must not be blank",
    "maiagent.yaml:5 organizations.acme.removeUnlisted: must be true or false, got a string",
    "maiagent.yaml:6 organizations.acme.retain: must be true or false, got a number",
  ]],
  ["members given as one string", acme("    members: alice@acme.example"), ["maiagent.yaml:4 organizations.acme.members: must be a list, got a string"]],
  ["a key that cannot be a resource name, with its organization's own problems", yaml("organizations:", "  Acme Support:", "    members: []"), [
    "maiagent.yaml:2 \"Acme Support\": an organization key must be letters, digits, '-' or '_' (at most 100, starting with a letter or digit): it is the resource name",
    "maiagent.yaml:2 organizations.\"Acme Support\".name: is required",
  ].map((line) => line.replace(' "Acme', ' organizations."Acme'))],
  ["organizations as a list", yaml("organizations:", "  - acme"), ["maiagent.yaml:1 organizations: must be a mapping, got a list"]],
  ["an empty file", "", ["maiagent.yaml:1 the file is empty; it needs an `organizations:` mapping"]],
  ["a YAML syntax error, with its line", yaml("organizations:", "  acme:", "    name: Acme: Support", "    members: []"), [
    "maiagent.yaml:3 YAML: Nested mappings are not allowed in compact mappings",
  ]],
  ["a tab used as indentation", yaml("organizations:", "  acme:", "\tname: Acme"), ["maiagent.yaml:3 YAML: Tabs are not allowed as indentation"]],
  ["a key written twice", yaml("organizations:", "  acme: {name: A, members: []}", "  acme: {name: B, members: []}"), ["maiagent.yaml:3 YAML: Map keys must be unique"]],
])("a file with %s is rejected with file, line and path", (_label, text, expected) => {
  expect(problems(text)).toEqual(expected);
});

test("every address the provider accepts is accepted in the file too: internationalised domains, quoted and literal forms", () => {
  const emails = ["user@bücher.de", "user@example.xn--p1ai", "user@пример.рф", "a!b@acme.example", '"quoted"@acme.example', "user@[127.0.0.1]"];
  const text = acme("    members:", ...emails.map((email) => `      - '${email}'`));
  expect(roster.parseRoster(text).organizations.acme.members).toEqual(emails);
});

test("one organization adopted under two keys is refused, naming both (they would fight over its members)", () => {
  const text = yaml(
    "organizations:",
    "  acme:",
    "    name: Acme Support",
    `    adoptId: ${ADOPT_ID}`,
    "    members: [alice@acme.example]",
    "  acme-copy:",
    "    name: Acme Support",
    `    adoptId: ${ADOPT_ID.toUpperCase()}`,
    "    members: [bob@acme.example]",
  );
  expect(problems(text)).toEqual([
    "maiagent.yaml:8 organizations.acme-copy.adoptId: the same organization as organizations.acme.adoptId (line 4); an organization can be declared only once",
  ]);
});

test("every problem of a file is reported at once, in line order, under the file's own name", () => {
  const text = yaml(
    "organizations:",
    "  acme:",
    "    name: Acme",
    "    members: [alice@acme.example, nope]",
    "    colour: red",
    "  globex:",
    "    name: Globex",
    "    adoptId: not-a-uuid",
    "    members: [x@globex.example, X@globex.example]",
  );
  const found = problems(text, "orgs/prod.yaml");
  expect(found).toEqual([
    "orgs/prod.yaml:4 organizations.acme.members[1]: not a valid email",
    expect.stringContaining("orgs/prod.yaml:5 organizations.acme.colour: unknown key"),
    "orgs/prod.yaml:8 organizations.globex.adoptId: must be a UUID such as 550e8400-e29b-41d4-a716-446655440000",
    expect.stringContaining("orgs/prod.yaml:9 organizations.globex.members[1]: duplicate of members[0]"),
  ]);
  expect(() => roster.parseRoster(text, "orgs/prod.yaml")).toThrow(/^The roster has 4 problems; fix them and run again:\n  orgs\/prod\.yaml:4 /);
});

test("a merge key (<<) shares settings between organizations, as YAML users expect", () => {
  const text = yaml(
    "organizations:",
    "  acme: &defaults {name: Acme, members: [a@acme.example], retain: false}",
    "  globex:",
    "    <<: *defaults",
    "    name: Globex",
  );
  expect(roster.parseRoster(text).organizations.globex).toMatchObject({ name: "Globex", members: ["a@acme.example"], retain: false });
});

test("an alias is followed to its value, and an error inside it is found", () => {
  const text = yaml("team: &team [alice@acme.example, bob@acme.example]", "organizations:", "  acme: {name: Acme, members: *team}");
  expect(problems(text)).toEqual(["maiagent.yaml:1 team: unknown key; expected one of: organizations"]);
  const ok = yaml("organizations:", "  acme: &org {name: Acme, members: [a@acme.example]}", "  copy: *org");
  expect(roster.parseRoster(ok).organizations.copy.members).toEqual(["a@acme.example"]);
});

test("an alias bomb (billion laughs) is a roster problem with file and line, not a crash", () => {
  const bomb = yaml(
    'a: &a ["x@acme.example", "x@acme.example", "x@acme.example", "x@acme.example", "x@acme.example"]',
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
    "organizations:",
    "  acme: {name: Acme, members: *e}",
  );
  expect(problems(bomb, "orgs/bomb.yaml")).toEqual([expect.stringMatching(/^orgs\/bomb\.yaml:3 YAML: aliases expand too far/)]); // c: the first alias of aliases
});

test.each([
  ["007", "7", "the number 7"],
  ["0x1F", "31", "the number 31"],
  ["1e3", "1000", "the number 1000"],
  ["1.50", '"1.5"', "the number 1.5"],
  ["true", "true", "the boolean true"],
  ["~", '""', "no value (null)"],
])("an organization key YAML reads as a number, boolean or null (%s) is refused at its line, never renamed", (key, path, readAs) => {
  const text = yaml("organizations:", "  acme: {name: Acme, members: []}", `  ${key}:`, "    name: Agent", "    members: []");
  expect(problems(text)).toEqual([`maiagent.yaml:3 organizations.${path}: the key ${key} is read by YAML as ${readAs}; quote it ("${key}") to keep it as written`]);
  const quoted = yaml("organizations:", `  "${key}":`, "    name: Agent", "    members: []");
  if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(key)) expect(Object.keys(roster.parseRoster(quoted).organizations)).toEqual([key]);
});

describe("selection by stack config", () => {
  const file = yaml("organizations:", "  acme: {name: Acme, members: []}", "  globex: {name: Globex, members: []}", "  initech: {name: Initech, members: []}");
  const parsed = () => roster.parseRoster(file);

  test("maiagent:organizations as a YAML list (JSON text) or comma-separated; absent selects all", () => {
    expect(roster.parseSelection('["initech","acme"]')).toEqual(["initech", "acme"]);
    expect(roster.parseSelection("acme, globex")).toEqual(["acme", "globex"]);
    expect(roster.parseSelection(undefined)).toBeUndefined();
    expect(Object.keys(roster.selectOrganizations(parsed(), ["initech", "acme"]).organizations)).toEqual(["acme", "initech"]);
    expect(Object.keys(roster.selectOrganizations(parsed(), undefined).organizations)).toEqual(["acme", "globex", "initech"]);
  });

  test("a selected key the file lacks is an error naming it and the keys that exist", () => {
    expect(() => roster.selectOrganizations(parsed(), ["acme", "globx"], "orgs.yaml")).toThrow(
      'maiagent:organizations "globx" is not an organization in orgs.yaml (it has: acme, globex, initech)',
    );
    expect(() => roster.parseSelection('["acme", 3]')).toThrow("maiagent:organizations must be a list of organization keys");
  });
});

describe("declarations for the program", () => {
  test("each organization gives Organization args, sorted OrganizationMembers args and its retain flag", () => {
    const text = acme(`    adoptId: ${ADOPT_ID}`, "    members: [carol@acme.example, Bob@acme.example, alice@acme.example]", "    retain: false", "    removeUnlisted: true");
    expect(roster.rosterDeclarations(roster.parseRoster(text))).toEqual([
      {
        key: "acme",
        organization: { name: "Acme Support", adoptId: ADOPT_ID },
        members: { emails: ["alice@acme.example", "Bob@acme.example", "carol@acme.example"], removeUnlisted: true },
        retainMembers: false,
      },
    ]);
  });

  test("maxRemovals of an organization goes to its OrganizationMembers; a negative or fractional one is an error with its line", () => {
    const text = acme("    members: [a@acme.example]", "    maxRemovals: 40");
    expect(roster.rosterDeclarations(roster.parseRoster(text))[0].members).toEqual({ emails: ["a@acme.example"], removeUnlisted: false, maxRemovals: 40 });
    expect(() => roster.parseRoster(acme("    members: []", "    maxRemovals: -1"))).toThrow(/:5.*maxRemovals.*0 or more/);
    expect(() => roster.parseRoster(acme("    members: []", "    maxRemovals: 2.5"))).toThrow(/:5.*maxRemovals.*whole number/);
  });

  test("emails sort case-insensitively with a stable tie-break", () => {
    expect(roster.sortEmails(["b@x.io", "B@x.io", "a@x.io", "A@y.io"])).toEqual(["a@x.io", "A@y.io", "B@x.io", "b@x.io"]);
  });

  test("loadDeclarations reads the file relative to the project directory and applies the selection", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "roster-"));
    fs.mkdirSync(path.join(dir, "orgs"));
    fs.writeFileSync(path.join(dir, "maiagent.yaml"), acme("    members: [a@acme.example]"));
    fs.writeFileSync(path.join(dir, "orgs", "two.yaml"), yaml("organizations:", "  a: {name: A, members: []}", "  b: {name: B, members: []}"));
    expect(roster.loadDeclarations({ cwd: dir }).map((d) => d.key)).toEqual(["acme"]);
    expect(roster.loadDeclarations({ cwd: dir, file: "orgs/two.yaml", organizations: '["b"]' }).map((d) => d.key)).toEqual(["b"]);
    expect(() => roster.loadDeclarations({ cwd: dir, file: "missing.yaml" })).toThrow(/missing\.yaml not found \(looked in .*\); create it \(`npx pulumi-maiagent export`/);
    fs.rmSync(dir, { recursive: true });
  });
});

test("the repository's example maiagent.yaml loads", () => {
  const declarations = roster.loadDeclarations({ cwd: path.resolve(__dirname, "..") });
  expect(declarations.map((d) => [d.key, d.organization.name, d.members.emails.length, d.retainMembers])).toEqual([["acme", "Acme Support", 2, true]]);
});

test("the installed package exposes the loader as pulumi-maiagent/roster, without loading the HTTP client", () => {
  const project = path.resolve(__dirname, "../.tmp/project");
  const script = [
    'const roster = require("pulumi-maiagent/roster");',
    "const loaded = typeof roster.loadDeclarations;",
    'const got = Object.keys(require.cache).some((file) => file.includes("/node_modules/got/"));',
    "console.log(JSON.stringify({ loaded, got }));",
  ].join("\n");
  const output = execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" });
  expect(JSON.parse(output)).toEqual({ loaded: "function", got: false });
});
