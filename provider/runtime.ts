/** The implementation entry the serialized shims load by name ("pulumi-maiagent/runtime"). Never rename. */
export { organizationProvider } from "./resources/organization";
export { memberProvider } from "./resources/member";
export { organizationMembersProvider } from "./resources/organization-members";
