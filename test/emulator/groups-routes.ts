/** Organization groups (DESIGN §9): groups/, groups/{id}/, groups/{id}/group-members/ (and bulk-create/), and
 * `permissions/` at the root. Paths relative to /api/ or /api/v1/. */
import type { Group, GroupMembership, GroupStore, Permission } from "./groups-state";
import type { Call } from "./routes";
import { paginate } from "./routes";
import type { EmulatorOptions } from "./server";
import { notFound, reply, type EmulatorState, type Reply } from "./state";
import { stamp } from "./views";

/** The switches for what the API does not document about groups. */
export interface GroupOptions {
  /** `bulk-create/`: 201 with the memberships, 200 without a body, or absent (404, or 405 as a detail route). */
  groupBulkCreate: "201" | "200-empty" | "absent-404" | "absent-405";
  /** Adding someone already in the group: 400 (a unique constraint), or 201 with the existing membership. */
  duplicateGroupMember: "400" | "idempotent";
  /** Whether the API refuses a second group of the same name in one organization. */
  uniqueGroupNames: boolean;
  /** Whether removing someone from the organization removes their group memberships. */
  groupMembershipCascade: boolean;
  /** Whether a group needs at least one permission. */
  groupPermissionsRequired: boolean;
  /** `permissions/` as a plain array (the seeds) or as a DRF page (one OpenAPI dump). */
  permissionsPaged: boolean;
}
export const GROUP_DEFAULTS: GroupOptions = {
  groupBulkCreate: "201",
  duplicateGroupMember: "400",
  uniqueGroupNames: false,
  groupMembershipCascade: true,
  groupPermissionsRequired: false,
  permissionsPaged: false,
};

const notAllowed = (method: string) => reply(405, { detail: `Method "${method}" not allowed.` });
const PATH = /^organizations\/([^/]+)\/groups\/(?:([^/]+)\/(?:group-members\/(?:([^/]+)\/)?)?)?$/;

export const isGroupPath = (path: string) => PATH.test(path);

export function routePermissions(store: GroupStore, options: EmulatorOptions, call: Call): Reply {
  if (call.method !== "GET") return notAllowed(call.method);
  const all = store.permissions.map((p) => ({ ...p })); // in the catalog's order: the API promises none
  return options.permissionsPaged ? paginate(call, options, all) : reply(200, all);
}

export function routeGroups(state: EmulatorState, options: EmulatorOptions, call: Call): Reply {
  const [, orgId, groupId, tail] = PATH.exec(call.path)!;
  const { method, body } = call;
  const store = state.groups;
  if (!state.orgs.has(orgId)) return notFound();
  const ts = options.timestamps;
  const groups = store.groupsOf(orgId); // the built-in OWNER group exists before any other
  if (groupId === undefined) {
    if (method === "GET") return paginate(call, options, groups.map((g) => groupView(store.permissions, g, ts)));
    if (method !== "POST") return notAllowed(method);
    const invalid = store.validate(orgId, body, false, options.uniqueGroupNames, options.groupPermissionsRequired);
    return invalid ?? reply(201, groupWritten(store.createGroup(orgId, body), ts));
  }
  const group = groups.find((g) => g.id === groupId);
  if (!call.path.includes("/group-members/")) {
    if (!group) return notFound();
    if (method === "GET") return reply(200, groupView(store.permissions, group, ts));
    if (method === "PUT" || method === "PATCH") {
      const invalid = store.validate(orgId, body, method === "PATCH", options.uniqueGroupNames, options.groupPermissionsRequired, group);
      if (invalid) return invalid;
      store.updateGroup(group, body);
      return reply(200, groupWritten(group, ts));
    }
    if (method !== "DELETE") return notAllowed(method);
    store.deleteGroup(group);
    return reply(204);
  }
  if (tail === "bulk-create") return bulkCreate(state, options, group, call);
  if (!group) return notFound();
  const memberships = store.membersOf(group, options.groupMembershipCascade);
  if (tail === undefined) {
    if (method === "GET") return paginate(call, options, memberships.map((m) => membershipView(state, m, ts)));
    if (method !== "POST") return notAllowed(method);
    const added = addOne(state, options, group, body.member);
    return "status" in added ? added : reply(201, { id: added.id, member: added.memberId, createdAt: stamp(added.createdAt, ts) });
  }
  const membership = memberships.find((m) => m.id === tail);
  if (!membership) return notFound();
  if (method === "GET") return reply(200, membershipView(state, membership, ts));
  if (method !== "DELETE") return notAllowed(method);
  store.memberships.delete(membership.id);
  return reply(204);
}

function addOne(state: EmulatorState, options: EmulatorOptions, group: Group, memberId: unknown): Reply | GroupMembership {
  if (memberId === undefined) return reply(400, { member: ["This field is required."] });
  const member = typeof memberId === "string" ? state.members.get(memberId) : undefined;
  if (!member || member.organizationId !== group.organizationId) return reply(400, { member: [`Invalid pk "${String(memberId)}" - object does not exist.`] });
  const { membership, existed } = state.groups.add(group, member);
  if (existed && options.duplicateGroupMember === "400") return reply(400, { nonFieldErrors: ["The fields group, member must make a unique set."] });
  return membership;
}

/** All or nothing, as one serializer with many=True: any refused member refuses the whole request. */
function bulkCreate(state: EmulatorState, options: EmulatorOptions, group: Group | undefined, call: Call): Reply {
  if (options.groupBulkCreate === "absent-404") return notFound();
  if (options.groupBulkCreate === "absent-405" || call.method !== "POST") return notAllowed(call.method);
  if (!group) return notFound();
  const ids = call.body.members;
  if (!Array.isArray(ids)) return reply(400, { members: ["This field is required."] });
  const errors = ids.map((id) => {
    const member = typeof id === "string" ? state.members.get(id) : undefined;
    if (!member || member.organizationId !== group.organizationId) return `Invalid pk "${String(id)}" - object does not exist.`;
    const held = [...state.groups.memberships.values()].some((m) => m.groupId === group.id && m.memberId === id);
    return held && options.duplicateGroupMember === "400" ? `Member ${String(id)} is already in this group.` : undefined;
  });
  if (errors.some(Boolean)) return reply(400, { members: errors.filter(Boolean) });
  const added = ids.map((id) => state.groups.add(group, state.members.get(id as string)!).membership);
  if (options.groupBulkCreate === "200-empty") return reply(200);
  return reply(201, added.map((m) => ({ id: m.id, member: m.memberId, createdAt: stamp(m.createdAt, options.timestamps) })));
}

/** Reads: permissions as objects. */
function groupView(catalog: Permission[], group: Group, ts: EmulatorOptions["timestamps"]) {
  const permissions = group.permissionIds.map((id) => catalog.find((p) => p.id === id)).filter((p): p is Permission => p !== undefined);
  return { id: group.id, name: group.name, permissions: permissions.map((p) => ({ ...p })), createdAt: stamp(group.createdAt, ts) };
}

/** Create and update answers: permissions as ids. */
function groupWritten(group: Group, ts: EmulatorOptions["timestamps"]) {
  return { id: group.id, name: group.name, permissions: [...group.permissionIds], createdAt: stamp(group.createdAt, ts) };
}

function membershipView(state: EmulatorState, m: GroupMembership, ts: EmulatorOptions["timestamps"]) {
  const live = state.members.get(m.memberId);
  const person = live ? { id: live.id, name: state.users.get(live.userId)?.name ?? "", email: live.email, isOwner: live.isOwner } : { ...m.member, name: "" };
  return { id: m.id, member: person, createdAt: stamp(m.createdAt, ts) };
}
