/** Which organizations of the file this stack manages: all of them, or the keys the stack config lists. */
import { RosterError } from "./errors";
import type { Roster } from "./types";

/** Stack config keys the roster program reads (the `maiagent` namespace, like maiagent:apiKey). */
export const ROSTER_CONFIG = { file: "maiagent:rosterFile", organizations: "maiagent:organizations" } as const;
/** The roster file read when `maiagent:rosterFile` is not set, relative to the project directory. */
export const DEFAULT_ROSTER_FILE = "maiagent.yaml";

/** `maiagent:organizations` as Pulumi stores it: a YAML list in the stack file arrives as JSON text
 * (`["acme","globex"]`); `pulumi config set maiagent:organizations acme,globex` gives a comma-separated string. */
export function parseSelection(raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const text = raw.trim();
  if (text.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((k) => typeof k === "string")) {
      throw new RosterError([{ file: ROSTER_CONFIG.organizations, line: 0, path: "", message: `must be a list of organization keys, got ${text}` }]);
    }
    return parsed.map((k) => k.trim());
  }
  return text.split(",").map((k) => k.trim()).filter(Boolean);
}

/** Keeps only the selected organizations, in the file's order. A key the file lacks is an error (a typo in
 * the stack config would otherwise make the stack manage nothing and retain everything it had). */
export function selectOrganizations(roster: Roster, selected: string[] | undefined, file = DEFAULT_ROSTER_FILE): Roster {
  if (selected === undefined) return roster;
  const known = Object.keys(roster.organizations);
  const unknown = selected.filter((key) => !known.includes(key));
  if (unknown.length) {
    throw new RosterError(
      unknown.map((key) => ({
        file: ROSTER_CONFIG.organizations,
        line: 0,
        path: "",
        message: `"${key}" is not an organization in ${file} (it has: ${known.join(", ") || "none"})`,
      })),
    );
  }
  return { organizations: Object.fromEntries(Object.entries(roster.organizations).filter(([key]) => selected.includes(key))) };
}
