/** maiagent.yaml `groups:`: each problem with file, line and path; declarations of a Group and GroupMembers each. */
import { loadDist } from "./helpers/native";

type RosterModule = typeof import("../provider/roster/index");
const roster = loadDist<RosterModule>("provider/roster/index.js");
const GROUP_ID = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

function problems(text: string): string[] {
  try {
    roster.parseRoster(text);
  } catch (error) {
    return (error as InstanceType<RosterModule["RosterError"]>).problems.map(roster.formatProblem);
  }
  throw new Error("expected the roster to be rejected");
}
const yaml = (...lines: string[]) => lines.join("\n") + "\n";
const acme = (...groups: string[]) =>
  yaml("organizations:", "  acme:", "    name: Acme", "    members: [alice@acme.example, Bob@acme.example]", "    groups:", ...groups);

test("groups load and become one declaration each, named <organization>.<group>, members sorted", () => {
  const text = acme("      support:", "        name: Support", "        permissions: [chatbot.view, member.view]", "        members: [bob@ACME.example, alice@acme.example]", `        adoptId: ${GROUP_ID}`, "      ops:", "        name: Ops", "        permissions: []");
  const [declared] = roster.rosterDeclarations(roster.parseRoster(text));
  expect(declared.groups).toEqual([
    { key: "acme.support", group: { name: "Support", permissions: ["chatbot.view", "member.view"], adoptId: GROUP_ID }, members: { emails: ["alice@acme.example", "bob@ACME.example"], removeUnlisted: false } },
    { key: "acme.ops", group: { name: "Ops", permissions: [] }, members: { emails: [], removeUnlisted: false } },
  ]);
});

test("the organization's maxRemovals covers its groups' members too", () => {
  const text = yaml("organizations:", "  acme:", "    name: Acme", "    members: [alice@acme.example]", "    maxRemovals: 30", "    groups:", "      ops: {name: Ops, permissions: [], members: [alice@acme.example]}");
  const [declared] = roster.rosterDeclarations(roster.parseRoster(text));
  expect(declared.groups![0].members).toEqual({ emails: ["alice@acme.example"], removeUnlisted: false, maxRemovals: 30 });
});

test.each<[string, string, string[]]>([
  ["a group member not listed in the organization's members", acme("      support:", "        name: Support", "        permissions: []", "        members:", "          - alice@acme.example", "          - carol@acme.example"), [
    "maiagent.yaml:11 organizations.acme.groups.support.members[1]: carol@acme.example is not in organizations.acme.members: a group holds organization members only; add it there first",
  ]],
  ["two groups of one name", acme("      a:", "        name: Ops", "        permissions: []", "      b:", "        name: Ops", "        permissions: []"), [
    "maiagent.yaml:10 organizations.acme.groups.b.name: \"Ops\" is also the name of groups.a; group names must differ within an organization",
  ]],
  ["two groups whose names differ only in letter case", acme("      a:", "        name: Ops", "        permissions: []", "      b:", "        name: OPS", "        permissions: []"), [
    "maiagent.yaml:10 organizations.acme.groups.b.name: \"OPS\" is also the name of groups.a (\"Ops\", letter case aside); group names must differ within an organization",
  ]],
  ["the built-in owner group", acme("      owners:", "        name: owner", "        permissions: []"), [
    "maiagent.yaml:7 organizations.acme.groups.owners.name: OWNER is the organization's built-in owner group, which is never managed",
  ]],
  ["a bad key, an unknown field, a duplicate permission and a duplicate member", acme("      \"sup port\":", "        name: Support", "        permission: []", "        permissions: [a, a]", "        members: [alice@acme.example, ALICE@acme.example]"), [
    "maiagent.yaml:6 organizations.acme.groups.\"sup port\": a group key must be letters, digits, '-' or '_' (at most 100, starting with a letter or digit): it is the resource name",
    "maiagent.yaml:8 organizations.acme.groups.\"sup port\".permission: unknown key; expected one of: name, permissions, members, adoptId",
    "maiagent.yaml:9 organizations.acme.groups.\"sup port\".permissions[1]: duplicate of permissions[0]",
    "maiagent.yaml:10 organizations.acme.groups.\"sup port\".members[1]: duplicate of members[0]; emails compare case-insensitively",
  ]],
  ["permissions missing and a name with surrounding whitespace", acme("      support:", "        name: ' Support'"), [
    "maiagent.yaml:6 organizations.acme.groups.support.permissions: is required",
    "maiagent.yaml:7 organizations.acme.groups.support.name: must not start or end with whitespace (the API trims it)",
  ]],
])("%s is reported with file, line and path", (_label, text, expected) => {
  expect(problems(text)).toEqual(expected);
});
