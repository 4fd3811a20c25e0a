/** pulumi-maiagent: MaiAgent organizations and members as Pulumi resources. */
export { Organization, type OrganizationArgs, type OrganizationOutputs } from "./organization";
export { Member, type MemberArgs, type MemberOutputs } from "./member";
export { MaiAgentClient } from "./client";
export {
  MaiAgentError,
  MaiAgentApiError,
  MaiAgentConfigError,
  MaiAgentNetworkError,
  MaiAgentResponseError,
  MaiAgentValidationError,
} from "./errors";
export { DEFAULT_BASE_URL, type Settings, type SettingsInput } from "./settings";
export type * from "./schemas";
