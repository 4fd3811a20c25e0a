/** pulumi-maiagent: MaiAgent organizations and members as Pulumi resources. */
export { Organization, type OrganizationArgs, type OrganizationOutputs } from "./resources/organization/organization";
export { Member, type MemberArgs, type MemberOutputs } from "./resources/members/member";
export { OrganizationMembers, type OrganizationMembersArgs } from "./resources/members/organization-members";
export type { RosterOutputs as OrganizationMembersOutputs } from "./resources/members/roster-plan";
export { Group, type GroupArgs, type GroupOutputs } from "./resources/groups/group";
export { GroupMembers, type GroupMembersArgs, type GroupMembersOutputs } from "./resources/groups/group-members";
export { GroupMember, type GroupMemberArgs, type GroupMemberOutputs } from "./resources/groups/group-member";
export { listPermissions, type PermissionInfo } from "./api/permissions";
export { MaiAgentClient } from "./api/client";
export {
  MaiAgentError,
  MaiAgentApiError,
  MaiAgentConfigError,
  MaiAgentNetworkError,
  MaiAgentRedirectError,
  MaiAgentResponseError,
  MaiAgentValidationError,
} from "./api/errors";
export { DEFAULT_BASE_URL, type Settings, type SettingsInput } from "./api/settings";
export type * from "./api/schemas";
