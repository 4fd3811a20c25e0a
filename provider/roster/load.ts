/** Reads the roster file a stack uses and returns its declarations; what the root program calls. */
import * as fs from "node:fs";
import * as path from "node:path";
import { rosterDeclarations } from "./declarations";
import type { OrganizationDeclaration } from "./declarations";
import { RosterError } from "./errors";
import { parseRoster } from "./parse";
import { projectRoot } from "./project-root";
import type { Roster } from "./types";
import { DEFAULT_ROSTER_FILE, parseSelection, ROSTER_CONFIG, selectOrganizations } from "./select";

/** Where the roster is and which organizations of it a stack manages. */
export interface RosterOptions {
  /** `maiagent:rosterFile`; relative paths resolve against `cwd`, by default the project root (see projectRoot). */
  file?: string;
  /** `maiagent:organizations` as stored: JSON list text or comma-separated keys; absent = every organization. */
  organizations?: string;
  /** The directory relative paths resolve against; default the current directory (the project's, under Pulumi). */
  cwd?: string;
}

/** Reads and validates one roster file; throws RosterError with every problem (file, line, path) at once. */
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

/** The declarations of the organizations a stack manages: reads the file, validates it, applies the selection. */
export function loadDeclarations(options: RosterOptions = {}): OrganizationDeclaration[] {
  const file = options.file?.trim() || DEFAULT_ROSTER_FILE;
  const roster = loadRosterFile(file, options.cwd);
  return rosterDeclarations(selectOrganizations(roster, parseSelection(options.organizations), file));
}
