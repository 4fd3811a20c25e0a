/** Reads the roster file a stack uses and returns its declarations; what the root program calls. */
import * as fs from "node:fs";
import * as path from "node:path";
import { rosterDeclarations, type OrganizationDeclaration } from "./declarations";
import { RosterError } from "./errors";
import { parseRoster } from "./parse";
import { projectRoot } from "./project-root";
import type { Roster } from "./schema";
import { DEFAULT_ROSTER_FILE, parseSelection, ROSTER_CONFIG, selectOrganizations } from "./select";

export interface RosterOptions {
  /** `maiagent:rosterFile`; relative paths resolve against `cwd`, by default the project root (see projectRoot). */
  file?: string;
  /** `maiagent:organizations` as stored: JSON list text or comma-separated keys; absent = every organization. */
  organizations?: string;
  cwd?: string;
}

export function loadRosterFile(file: string, cwd = projectRoot()): Roster {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : (error as Error).message;
    const hint = `create it (\`npx pulumi-maiagent export\` writes one from live organizations) or set ${ROSTER_CONFIG.file}`;
    throw new RosterError([{ file, line: 0, path: "", message: `${reason} (looked in ${cwd}); ${hint}` }]);
  }
  return parseRoster(text, file);
}

export function loadDeclarations(options: RosterOptions = {}): OrganizationDeclaration[] {
  const file = options.file?.trim() || DEFAULT_ROSTER_FILE;
  const roster = loadRosterFile(file, options.cwd);
  return rosterDeclarations(selectOrganizations(roster, parseSelection(options.organizations), file));
}
