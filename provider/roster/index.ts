/** `pulumi-maiagent/roster`: maiagent.yaml, the reviewed file of organizations and their members. */
export { declareRoster } from "./declare-roster";
export type { DeclaredOrganization, DeclareRosterOptions } from "./declare-roster";
export { loadDeclarations, loadRosterFile } from "./load";
export type { RosterOptions } from "./load";
export { parseRoster } from "./parse";
export { rosterDeclarations, sortEmails } from "./declarations";
export type { OrganizationDeclaration, GroupDeclaration } from "./declarations";
export { parseSelection, selectOrganizations, DEFAULT_ROSTER_FILE, ROSTER_CONFIG } from "./select";
export { RosterError, formatProblem } from "./errors";
export type { RosterProblem } from "./errors";
export { ORGANIZATION_KEY } from "./types";
export type { Roster, RosterOrganization, RosterGroup } from "./types";
