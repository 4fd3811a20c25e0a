/** `pulumi-maiagent/roster`: maiagent.yaml, the reviewed file of organizations and their members. */
export { declareRoster, type DeclaredOrganization } from "./declare-roster";
export { loadDeclarations, loadRosterFile, type RosterOptions } from "./load";
export { parseRoster } from "./parse";
export { rosterDeclarations, sortEmails, type OrganizationDeclaration } from "./declarations";
export { parseSelection, selectOrganizations, DEFAULT_ROSTER_FILE, ROSTER_CONFIG } from "./select";
export { RosterError, formatProblem, type RosterProblem } from "./errors";
export { ORGANIZATION_KEY, type Roster, type RosterOrganization } from "./types";
