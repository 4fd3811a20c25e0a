/** The emulated organization groups (roles): a named set of permission ids, and the members who hold it.
 * What the API does not document is an option (see GroupOptions in groups-routes.ts). */
import { randomUUID } from "node:crypto";
import type { EmulatorState, Member } from "./state";
import { reply, type Reply } from "./state";

export interface Permission {
  id: string;
  name: string;
  description: string;
}
export interface Group {
  id: string;
  organizationId: string;
  name: string;
  permissionIds: string[];
  createdAt: Date;
  builtIn: boolean;
}
export interface GroupMembership {
  id: string;
  groupId: string;
  memberId: string;
  /** The person as they were when added: shown if the member left the organization and memberships do not cascade. */
  member: { id: string; email: string; isOwner: boolean };
  createdAt: Date;
}

const NAMES = ["organization.manage", "organization.view", "member.manage", "member.view", "chatbot.manage", "chatbot.view", "chatbot.chat",
  "knowledge.manage", "knowledge.view", "conversation.view", "conversation.export", "inbox.manage", "inbox.view", "report.view",
  "billing.manage", "billing.view", "apikey.manage", "webhook.manage", "tool.manage", "tool.view", "model.manage", "audit.view",
  "group.manage", "integration.manage"];
/** The permission list `GET permissions/` serves; tests may add to it (a copy per emulator). */
export function permissionCatalog(): Permission[] {
  return NAMES.map((name, i) => ({
    id: i === 0 ? "6f1c1c62-1d0e-4c4e-9a59-6b3f3c1d2e10" : `6f1c1c62-1d0e-4c4e-9a59-${String(i).padStart(12, "0")}`,
    name,
    description: `${name.replace(".", ": ")}`,
  }));
}

export class GroupStore {
  readonly permissions = permissionCatalog();
  readonly groups = new Map<string, Group>();
  readonly memberships = new Map<string, GroupMembership>();

  constructor(private readonly state: EmulatorState) {}

  /** Every organization has its built-in OWNER group (made on first look), holding its owners. */
  groupsOf(organizationId: string): Group[] {
    const all = [...this.groups.values()].filter((g) => g.organizationId === organizationId);
    if (all.some((g) => g.builtIn)) return all;
    const owner: Group = { id: randomUUID(), organizationId, name: "OWNER", permissionIds: this.permissions.map((p) => p.id), createdAt: this.state.now(), builtIn: true };
    this.groups.set(owner.id, owner);
    return [owner, ...all];
  }

  /** Memberships of a group; with `cascade`, those of people no longer in the organization are gone. */
  membersOf(group: Group, cascade: boolean): GroupMembership[] {
    if (group.builtIn) this.syncOwners(group);
    for (const m of this.memberships.values()) {
      if (m.groupId === group.id && cascade && !this.state.members.has(m.memberId)) this.memberships.delete(m.id);
    }
    return [...this.memberships.values()].filter((m) => m.groupId === group.id);
  }

  /** Validates `{name, permissions}` (all of it, or what is given when `partial`). */
  validate(organizationId: string, body: Record<string, unknown>, partial: boolean, unique: boolean, requirePermissions: boolean, self?: Group): Reply | undefined {
    const errors: Record<string, string[]> = {};
    const name = body.name;
    if (name === undefined) {
      if (!partial) errors.name = ["This field is required."];
    } else if (typeof name !== "string") errors.name = ["Not a valid string."];
    else if (name.trim() === "") errors.name = ["This field may not be blank."];
    else if (name.length > 255) errors.name = ["Ensure this field has no more than 255 characters."];
    else if (unique && this.groupsOf(organizationId).some((g) => g !== self && g.name === name.trim())) errors.name = ["group with this name already exists."];
    const permissions = body.permissions;
    if (permissions === undefined) {
      if (!partial) errors.permissions = ["This field is required."];
    } else if (!Array.isArray(permissions)) errors.permissions = ['Expected a list of items but got type "str".'];
    else if (permissions.length === 0 && requirePermissions) errors.permissions = ["This list may not be empty."];
    else {
      const unknown = permissions.filter((id) => !this.permissions.some((p) => p.id === id));
      if (unknown.length) errors.permissions = unknown.map((id) => `Invalid pk "${String(id)}" - object does not exist.`);
    }
    return Object.keys(errors).length ? reply(400, errors) : undefined;
  }

  createGroup(organizationId: string, body: Record<string, unknown>): Group {
    const group: Group = {
      id: randomUUID(),
      organizationId,
      name: (body.name as string).trim(),
      permissionIds: [...new Set(body.permissions as string[])],
      createdAt: this.state.now(),
      builtIn: false,
    };
    this.groups.set(group.id, group);
    return group;
  }

  updateGroup(group: Group, body: Record<string, unknown>): void {
    if (typeof body.name === "string") group.name = body.name.trim();
    if (Array.isArray(body.permissions)) group.permissionIds = [...new Set(body.permissions as string[])];
  }

  deleteGroup(group: Group): void {
    for (const m of this.memberships.values()) if (m.groupId === group.id) this.memberships.delete(m.id);
    this.groups.delete(group.id);
  }

  /** Adds an organization member to a group; returns the existing membership when they already hold it. */
  add(group: Group, member: Member): { membership: GroupMembership; existed: boolean } {
    const existing = [...this.memberships.values()].find((m) => m.groupId === group.id && m.memberId === member.id);
    if (existing) return { membership: existing, existed: true };
    const membership = { id: randomUUID(), groupId: group.id, memberId: member.id, member: { id: member.id, email: member.email, isOwner: member.isOwner }, createdAt: this.state.now() };
    this.memberships.set(membership.id, membership);
    return { membership, existed: false };
  }

  private syncOwners(group: Group): void {
    for (const member of this.state.membersOf(group.organizationId)) if (member.isOwner) this.add(group, member);
  }
}
