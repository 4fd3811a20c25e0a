/** The public shapes GroupMembers reports (types only, so the published declarations need nothing else). */

/** One person in a group, as GroupMembers reports them. */
export interface GroupHolder {
  /** Their email, as the API gives it. */
  email: string;
  /** Their organization member id. */
  memberId: string;
  /** The group-membership id (what removing them from the group takes). */
  groupMemberId: string;
}
/** What a GroupMembers stores and returns after create, update and refresh. */
export interface GroupRosterOutputs {
  /** The organization's UUID. */
  organizationId: string;
  /** The group's UUID. */
  groupId: string;
  /** Everyone in the group, sorted case-insensitively: someone added by hand appears here (drift). */
  emails: string[];
  /** `emails`, one per line: what previews and refresh display as a line diff. */
  emailLines: string;
  /** The same people as `emails`, same order, with their ids. */
  members: GroupHolder[];
  /** The declared `maxRemovals`, kept so that a refresh reports the inputs as declared. */
  maxRemovals?: number;
}
