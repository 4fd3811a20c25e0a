/** maiagent.yaml text → a validated roster, or one RosterError listing every problem with its line. */
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { formatPath, RosterError, type RosterProblem } from "./errors";
import { GROUP_FIELDS, groupProblems } from "./group-rules";
import { lineOf } from "./locate";
import { KEY_RULE, ORGANIZATION_KEY, RosterFile, rosterIssueMessage } from "./schema";
import type { Roster } from "./types";
import { nonTextKeys, toData } from "./yaml-guards";

/** Parses maiagent.yaml text (`file` names it in messages); throws RosterError listing every problem with its line. */
export function parseRoster(text: string, file = "maiagent.yaml"): Roster {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({
    file,
    line: lineCounter.linePos(e.pos[0]).line,
    path: "",
    message: `YAML: ${e.message.split("\n")[0]}`,
  }));
  if (syntax.length) throw new RosterError(syntax);
  if (doc.contents === null) {
    throw new RosterError([{ file, line: 1, path: "", message: "the file is empty; it needs an `organizations:` mapping" }]);
  }

  const data = toData(doc, lineCounter, file);
  const problem = (path: PropertyKey[], message: string): RosterProblem => ({ file, line: lineOf(doc, lineCounter, path), path: formatPath(path), message });
  const parsed = RosterFile.safeParse(data, { error: (issue) => rosterIssueMessage(issue as never) });
  const typed = nonTextKeys(doc, lineCounter, file);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => fromIssue(issue, problem))),
    ...typed,
    ...keyProblems(data, problem).filter((p) => !typed.some((t) => t.path === p.path)),
    ...duplicateEmails(data, problem),
    ...duplicateAdoptIds(data, problem),
    ...groupProblems(data, ORGANIZATION_KEY, KEY_RULE, problem),
  ];
  if (problems.length) throw new RosterError(sortByLine(problems));
  return parsed.data as Roster;
}

function fromIssue(issue: z.core.$ZodIssue, problem: (path: PropertyKey[], message: string) => RosterProblem): RosterProblem[] {
  if (issue.code === "unrecognized_keys") {
    const allowed = issue.path.length === 0 ? "organizations" : issue.path.length === 2 ? Object.keys(ORGANIZATION_FIELDS).join(", ") : issue.path.length === 4 ? GROUP_FIELDS.join(", ") : "";
    return issue.keys.map((key) => problem([...issue.path, key], `unknown key${allowed ? `; expected one of: ${allowed}` : ""}`));
  }
  return [problem(issue.path, issue.message)];
}

const ORGANIZATION_FIELDS = { name: 1, compactLogo: 1, fullLogo: 1, adoptId: 1, members: 1, removeUnlisted: 1, maxRemovals: 1, retain: 1, groups: 1 };

function organizationsOf(data: unknown): [string, unknown][] {
  const organizations = (data as { organizations?: unknown } | null)?.organizations;
  return organizations && typeof organizations === "object" && !Array.isArray(organizations) ? Object.entries(organizations) : [];
}

function keyProblems(data: unknown, problem: (path: PropertyKey[], message: string) => RosterProblem): RosterProblem[] {
  return organizationsOf(data)
    .filter(([key]) => !ORGANIZATION_KEY.test(key))
    .map(([key]) => problem(["organizations", key], KEY_RULE));
}

/** Emails compare case-insensitively (the API does); a second spelling is a mistake, reported where it occurs. */
function duplicateEmails(data: unknown, problem: (path: PropertyKey[], message: string) => RosterProblem): RosterProblem[] {
  const problems: RosterProblem[] = [];
  for (const [key, organization] of organizationsOf(data)) {
    const members = (organization as { members?: unknown } | null)?.members;
    if (!Array.isArray(members)) continue;
    const first = new Map<string, number>();
    members.forEach((email, index) => {
      if (typeof email !== "string") return;
      const seen = first.get(email.toLowerCase());
      if (seen === undefined) first.set(email.toLowerCase(), index);
      else problems.push(problem(["organizations", key, "members", index], `duplicate of members[${seen}] (${members[seen]}); emails compare case-insensitively`));
    });
  }
  return problems;
}

/** Two keys adopting one organization would make two authoritative member lists fight on every `up`. */
function duplicateAdoptIds(data: unknown, problem: (path: PropertyKey[], message: string) => RosterProblem): RosterProblem[] {
  const first = new Map<string, RosterProblem>();
  const problems: RosterProblem[] = [];
  for (const [key, organization] of organizationsOf(data)) {
    const adoptId = (organization as { adoptId?: unknown } | null)?.adoptId;
    if (typeof adoptId !== "string") continue;
    const seen = first.get(adoptId.toLowerCase());
    const here = problem(["organizations", key, "adoptId"], "");
    if (!seen) first.set(adoptId.toLowerCase(), here);
    else problems.push({ ...here, message: `the same organization as ${seen.path} (line ${seen.line}); an organization can be declared only once` });
  }
  return problems;
}

function sortByLine(problems: RosterProblem[]): RosterProblem[] {
  return problems.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => a.line - b.line || a.path.length - b.path.length || i - j).map(([p]) => p);
}
