/** The implementation entry the serialized shims load by name ("pulumi-maiagent/runtime"). Never rename. */
export { organizationProvider } from "./resources/organization/organization";
export { memberProvider } from "./resources/members/member";
export { organizationMembersProvider } from "./resources/members/organization-members";
export { groupProvider } from "./resources/groups/group";
export { groupMembersProvider } from "./resources/groups/group-members";
export { groupMemberProvider } from "./resources/groups/group-member";
