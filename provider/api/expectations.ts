/** What the provider assumes about the live API, in one table: `doctor` compares a deployment's OpenAPI schema
 * with it, and the test emulator generates its `schema/` from it, so the two cannot drift apart. */

export type Severity = "info" | "warn" | "fail";
export type HttpVerb = "get" | "post" | "put" | "patch" | "delete";

export interface PathExpectation {
  /** Relative to the API root, parameters written `{}`: `organizations/{}/members/`. */
  path: string;
  methods: HttpVerb[];
  /** How bad it is when the schema lacks the path or one of its methods. */
  missing: Severity;
  /** What the provider does with it: said when it is missing. */
  usedFor: string;
}

export const EXPECTED_PATHS: PathExpectation[] = [
  { path: "users/current/", methods: ["get"], missing: "fail", usedFor: "the key's own user, whom the provider never removes" },
  { path: "organizations/", methods: ["get", "post"], missing: "fail", usedFor: "Organization create and adoption scans" },
  { path: "organizations/{}/", methods: ["get", "put", "patch"], missing: "fail", usedFor: "Organization read and update" },
  { path: "organizations/{}/members/", methods: ["get", "post"], missing: "fail", usedFor: "Member and OrganizationMembers" },
  { path: "organizations/{}/members/{}/", methods: ["get", "delete"], missing: "fail", usedFor: "Member read and removal" },
  { path: "permissions/", methods: ["get"], missing: "info", usedFor: "permission names of groups" },
  { path: "organizations/{}/groups/", methods: ["get", "post"], missing: "warn", usedFor: "Group (roles)" },
  { path: "organizations/{}/groups/{}/", methods: ["get", "put", "patch", "delete"], missing: "warn", usedFor: "Group (roles)" },
  { path: "organizations/{}/groups/{}/group-members/", methods: ["get", "post"], missing: "warn", usedFor: "GroupMembers" },
  { path: "organizations/{}/groups/{}/group-members/{}/", methods: ["get", "delete"], missing: "warn", usedFor: "GroupMembers" },
  { path: "organizations/{}/groups/{}/group-members/bulk-create/", methods: ["post"], missing: "info", usedFor: "GroupMembers adds many at once (else one POST per member)" },
];

/** Facts about request and response bodies, looked up in `components.schemas`. */
export interface FieldExpectation {
  id: string;
  /** Component names that may hold the field (drf-spectacular names differ between versions and settings). */
  components: string[];
  /** camelCase; the snake_case spelling is accepted too. */
  field: string;
  expect: { readOnly?: boolean; maxLength?: number; itemsOf?: "string" };
  differs: Severity;
  meaning: string;
}

export const EXPECTED_FIELDS: FieldExpectation[] = [
  {
    id: "memberCreate.isOwner",
    components: ["MemberCreate", "MemberCreateRequest", "OrganizationMemberCreate", "OrganizationMemberCreateRequest"],
    field: "isOwner",
    expect: { readOnly: true },
    differs: "info",
    meaning: "the documents mark isOwner read-only on add-member; writable here, so a declared Member.isOwner is applied",
  },
  {
    id: "organization.name",
    components: ["Organization", "OrganizationRequest", "OrganizationCreate", "OrganizationCreateRequest"],
    field: "name",
    expect: { maxLength: 255 },
    differs: "warn",
    meaning: "the provider checks names at 255 characters at preview; another limit makes preview and up disagree",
  },
  {
    id: "groupMembersBulk.members",
    components: ["GroupMemberBulkCreate", "GroupMemberBulkCreateRequest", "BulkCreateGroupMember", "BulkCreateGroupMemberRequest"],
    field: "members",
    expect: { itemsOf: "string" },
    differs: "warn",
    meaning: "GroupMembers sends {members: [memberId…]} to bulk-create",
  },
];

/** The provider sends `Authorization: Api-Key <key>`: an apiKey scheme in the Authorization header. */
export const EXPECTED_SECURITY = { type: "apiKey", in: "header", name: "Authorization", differs: "warn" as Severity };

/** `organizations/{organization_pk}/members/{id}/` → `organizations/{}/members/{}/`, relative to the API root. */
export function normalizeSchemaPath(path: string): string {
  return path.replace(/^.*?\/api\/(v\d+\/)?/, "").replace(/^\//, "").replace(/\{[^}]*\}/g, "{}");
}

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
