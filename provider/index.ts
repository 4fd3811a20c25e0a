/** pulumi-maiagent: MaiAgent organizations and members as Pulumi resources. */
export { Organization, type OrganizationArgs, type OrganizationOutputs } from "./resources/organization/organization";
export { Member, type MemberArgs, type MemberOutputs } from "./resources/members/member";
export { OrganizationMembers, type OrganizationMembersArgs } from "./resources/members/organization-members";
export type { RosterOutputs as OrganizationMembersOutputs, RosterMember as OrganizationMember } from "./resources/members/roster-plan";
export { MaiAgentClient } from "./api/client";
export {
  MaiAgentError,
  MaiAgentApiError,
  MaiAgentConfigError,
  MaiAgentNetworkError,
  MaiAgentResponseError,
  MaiAgentValidationError,
} from "./api/errors";
export { DEFAULT_BASE_URL, type Settings, type SettingsInput } from "./api/settings";
export type * from "./api/types";
