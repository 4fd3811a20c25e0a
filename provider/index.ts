/** pulumi-maiagent: MaiAgent organizations and members as Pulumi resources. */
// Public modules use `export type { … }` statements, never inline `type` modifiers or `export type *`: projects
// without their own typescript are compiled by the Pulumi CLI with the TypeScript 3.8 @pulumi/pulumi vendors.
export { Organization } from "./resources/organization/organization";
export type { OrganizationArgs, OrganizationOutputs } from "./resources/organization/organization";
export { Member } from "./resources/members/member";
export type { MemberArgs, MemberOutputs } from "./resources/members/member";
export { OrganizationMembers } from "./resources/members/organization-members";
export type { OrganizationMembersArgs } from "./resources/members/organization-members";
export type { RosterOutputs as OrganizationMembersOutputs, RosterMember as OrganizationMember } from "./resources/members/roster-plan";
export { Group } from "./resources/groups/group";
export type { GroupArgs, GroupOutputs } from "./resources/groups/group";
export { GroupMembers } from "./resources/groups/group-members";
export type { GroupMembersArgs, GroupMembersOutputs, GroupHolder } from "./resources/groups/group-members";
export { GroupMember } from "./resources/groups/group-member";
export type { GroupMemberArgs, GroupMemberOutputs } from "./resources/groups/group-member";
export { listPermissions } from "./api/permissions";
export type { PermissionInfo } from "./api/permissions";
export { MaiAgentClient } from "./api/client";
export type { GroupsClient } from "./api/groups-client";
export type { GroupRecord, GroupMemberRecord, GroupPermissionRef, GroupBody } from "./api/group-types";
export {
  MaiAgentError,
  MaiAgentApiError,
  MaiAgentConfigError,
  MaiAgentNetworkError,
  MaiAgentRedirectError,
  MaiAgentResponseError,
  MaiAgentValidationError,
} from "./api/errors";
export { DEFAULT_BASE_URL } from "./api/settings";
export type { Settings, SettingsInput } from "./api/settings";
export type {
  OrganizationRecord,
  MemberRecord,
  MemberCreated,
  CurrentUser,
  Permission,
  Detail,
  Page,
  PageQuery,
  OrganizationBody,
  MemberBody,
  RegistrationBody,
  PasswordChangeBody,
  CurrentUserBody,
} from "./api/types";
