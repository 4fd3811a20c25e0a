/** The Group resource (a role): a named set of permissions in one organization. */
import * as pulumi from "@pulumi/pulumi";
import { client, configure, settings } from "../context";
import { MaiAgentError } from "../../api/errors";
import type { GroupRecord } from "../../api/group-schemas";
import { isStatus, plain, uuidParts, withLock } from "../resource-kit";
import { lazyProvider } from "../shim";
import { checkGroup, diffGroup, isOwnerGroupName } from "./group-inputs";
import { adoptById, createGroup, ownerRefused } from "./group-writes";
import type { GroupWanted } from "./group-writes";
import { declaredForm, permissionCatalog, resolvePermissions, sortText, withNames } from "./permission-catalog";

/** What a Group stores and returns after create, update and refresh. */
export interface GroupOutputs {
  /** The organization's UUID. */
  organizationId: string;
  /** The group's UUID. */
  groupId: string;
  /** Its display name, live. */
  name: string;
  /** The permissions as the program names them (names or ids), sorted; one granted by hand shows by its name. */
  permissions: string[];
  /** The permission ids, sorted: what the API stores. */
  permissionIds: string[];
  /** When it was created, exactly as the API gave it. */
  createdAt: string | null;
}

const parseId = (id: string) => uuidParts("Group", id) as [string, string];

function outputsOf(organizationId: string, group: GroupRecord, declared: readonly string[]): GroupOutputs {
  return plain({
    organizationId,
    groupId: group.id,
    name: group.name,
    permissions: declaredForm(group.permissions, declared),
    permissionIds: sortText(group.permissions.map((p) => p.id)),
    createdAt: group.createdAt ?? null,
  });
}

/** Names resolved to ids before any write; an unknown name fails here, naming it. */
async function wanted(inputs: Record<string, unknown>): Promise<GroupWanted & { declared: string[] }> {
  const declared = inputs.permissions as string[];
  const catalog = await permissionCatalog(client());
  const permissionIds = resolvePermissions(catalog, declared, `Group "${inputs.name}"`);
  return { organizationId: inputs.organizationId as string, name: inputs.name as string, permissionIds, declared };
}

/** Write answers give permission ids only: names come from the cached permission list. */
async function named(group: GroupRecord): Promise<GroupRecord> {
  return { ...group, permissions: withNames(group.permissions, await permissionCatalog(client())) };
}

/** Group's implementation, run in the provider host (loaded by name through `pulumi-maiagent/runtime`). */
export const groupProvider: pulumi.dynamic.ResourceProvider = {
  configure: async (req) => configure(req),

  async check(_olds, news) {
    settings();
    return checkGroup(news);
  },

  async diff(_id, olds, news) {
    return diffGroup(client, olds, news);
  },

  async create(inputs) {
    const want = await wanted(inputs);
    const api = client();
    const group =
      typeof inputs.adoptId === "string"
        ? await adoptById(api, inputs.adoptId, want)
        : await withLock(`group:${want.organizationId}:${want.name}`, () => createGroup(api, want, inputs.adoptExisting === true));
    return { id: `${want.organizationId}/${group.id}`, outs: outputsOf(want.organizationId, await named(group), want.declared) };
  },

  async read(id, props) {
    const [organizationId, groupId] = parseId(id);
    let group: GroupRecord;
    try {
      group = await client().groups.getGroup(organizationId, groupId);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      if (props.name === undefined) throw new MaiAgentError(`Group.get: no group "${id}" is visible to this API key.`);
      return { id: "" }; // deleted out of band: refresh drops it from state
    }
    const declared = Array.isArray(props.permissions) ? (props.permissions as string[]) : [];
    // Reads are documented with permission objects; a server giving ids only is named from the list.
    if (group.permissions.some((p) => p.name === null)) group = await named(group);
    const outs = outputsOf(organizationId, group, declared);
    return { id, props: outs, inputs: { organizationId, name: outs.name, permissions: outs.permissions } };
  },

  async update(id, olds, news) {
    const [organizationId, groupId] = parseId(id);
    if (isOwnerGroupName(olds.name)) throw ownerRefused(organizationId, groupId);
    const want = await wanted({ ...news, organizationId });
    const group = await client().groups.updateGroup(organizationId, groupId, { name: want.name, permissions: want.permissionIds });
    return { outs: outputsOf(organizationId, await named(group), want.declared) };
  },

  async delete(id, props) {
    const [organizationId, groupId] = parseId(id);
    if (isOwnerGroupName(props.name)) throw ownerRefused(organizationId, groupId);
    try {
      await client().groups.deleteGroup(organizationId, groupId);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
  },
};

const groupShim = lazyProvider("groupProvider");

/** The inputs of a `Group`. Checked at preview, before any request is sent. */
export interface GroupArgs {
  /** The organization's UUID, usually `org.id`. Changing it replaces the group. */
  organizationId: pulumi.Input<string>;
  /** 1–255 characters, no surrounding whitespace; never `OWNER`. Changing it renames the group in place. */
  name: pulumi.Input<string>;
  /** Permission names or ids as `npx pulumi-maiagent permissions` lists them (a UUID is an id, anything else a
   * name, matched exactly). Compared as a set of ids: a name and the id of the same permission are no change. */
  permissions: pulumi.Input<pulumi.Input<string>[]>;
  /** When a group of this name exists, create takes it over (a PUT only if its permissions differ). Only read on create. */
  adoptExisting?: pulumi.Input<boolean>;
  /** UUID of an existing group to take over on create, when several share the name. Only read on create. */
  adoptId?: pulumi.Input<string>;
}

/**
 * A group (a role, 角色) of an organization: a name and a set of permissions. Permission names are resolved to
 * ids before any write; the organization's built-in OWNER group is never managed. Pulumi id:
 * `<organizationId>/<groupId>`.
 */
export class Group extends pulumi.dynamic.Resource {
  /** The organization's UUID. */
  declare readonly organizationId: pulumi.Output<string>;
  /** The group's UUID: what `GroupMembers.groupId` and `GroupMember.groupId` take. */
  declare readonly groupId: pulumi.Output<string>;
  /** Its display name, live. */
  declare readonly name: pulumi.Output<string>;
  /** The permissions as declared (names or ids), sorted; one granted by hand shows by its name. */
  declare readonly permissions: pulumi.Output<string[]>;
  /** The permission ids, sorted. */
  declare readonly permissionIds: pulumi.Output<string[]>;
  /** When it was created, exactly as the API gave it. */
  declare readonly createdAt: pulumi.Output<string | null>;

  /**
   * Creates the group (or takes one over with `adoptExisting` / `adoptId`).
   * @param name The Pulumi resource name: keep it stable.
   * @param args The organization, the group's name and its permissions.
   * @param opts Resource options. Deleting the resource deletes the group.
   */
  constructor(name: string, args: GroupArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { organizationId: undefined, groupId: undefined, name: undefined, permissions: undefined, permissionIds: undefined, createdAt: undefined };
    super(groupShim, name, { ...outputs, ...args }, opts, "maiagent", "Group");
  }

  /**
   * Reads an existing group without managing it.
   * @param name The Pulumi resource name of the lookup.
   * @param id `<organizationId>/<groupId>`.
   * @param opts Resource options.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Group {
    return new Group(name, {} as GroupArgs, { ...opts, id });
  }
}
