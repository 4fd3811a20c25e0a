/** The GroupMember resource: one person in one group (additive), for stacks that grant a role to a few
 * people in a group managed elsewhere. There is no update endpoint: every change replaces. */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { MaiAgentClient } from "../../api/client";
import { client, configure, settings } from "../context";
import { MaiAgentError } from "../../api/errors";
import type { GroupMemberRecord } from "../../api/group-schemas";
import { outcomeUnknown } from "../../api/http";
import { Email, Uuid } from "../../api/schemas";
import { backoff, checkFields, isStatus, isUnknown, lower, plain, uuidParts } from "../resource-kit";
import { findByEmail } from "../members/member-create";
import { lazyProvider } from "../shim";
import { refuseOwnerGroup } from "./group-roster-apply";

const FIELDS = { organizationId: Uuid, groupId: Uuid, email: Email, adoptExisting: z.boolean("must be true or false").optional() };
const IDENTITY = ["organizationId", "groupId", "email"];
const MAX_ADD_ATTEMPTS = 4;
const parseId = (id: string) => uuidParts("GroupMember", id) as [string, string, string];

/** What a GroupMember stores and returns after create and refresh. */
export interface GroupMemberOutputs {
  /** The organization's UUID. */
  organizationId: string;
  /** The group's UUID. */
  groupId: string;
  /** The person's email, as the API gives it. */
  email: string;
  /** Their organization member id. */
  memberId: string;
  /** The group-membership id. */
  groupMemberId: string;
  /** When they joined the group, exactly as the API gave it. */
  createdAt: string | null;
}

const outputsOf = (organizationId: string, groupId: string, email: string, record: GroupMemberRecord): GroupMemberOutputs =>
  plain({ organizationId, groupId, email: record.member.email ?? email, memberId: record.member.id, groupMemberId: record.id, createdAt: record.createdAt ?? null });

const holding = async (api: MaiAgentClient, organizationId: string, groupId: string, memberId: string) =>
  (await api.groups.listAllGroupMembers(organizationId, groupId)).find((r) => r.member.id === memberId);

/** Adds once: after an ambiguous failure (or a 400 that may be our own earlier add), the list decides. */
async function addOnce(api: MaiAgentClient, organizationId: string, groupId: string, memberId: string): Promise<GroupMemberRecord> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.groups.addGroupMember(organizationId, groupId, memberId);
    } catch (error) {
      if (!outcomeUnknown(error) && !(attempt > 1 && isStatus(error, 400))) throw error;
      const found = await holding(api, organizationId, groupId, memberId);
      if (found) return found;
      if (attempt >= MAX_ADD_ATTEMPTS || !outcomeUnknown(error)) throw error;
      await backoff(attempt);
    }
  }
}

/** GroupMember's implementation, run in the provider host (loaded by name through `pulumi-maiagent/runtime`). */
export const groupMemberProvider: pulumi.dynamic.ResourceProvider = {
  configure: async (req) => configure(req),

  async check(_olds, news) {
    settings();
    return checkFields(FIELDS, news);
  },

  /** A value not known yet (preview, while its Group updates) is a change; the diff made at `up`, with it
   * known, replaces only what really differs. */
  async diff(_id, olds, news) {
    if (IDENTITY.some((k) => isUnknown(news[k]))) return { changes: true, replaces: [], deleteBeforeReplace: false };
    const replaces = IDENTITY.filter((k) => lower(news[k]) !== lower(olds[k]));
    // The same person cannot hold a group twice: the old membership goes first.
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
  },

  async create(inputs) {
    const { organizationId, groupId, email } = inputs as { organizationId: string; groupId: string; email: string };
    const api = client();
    await refuseOwnerGroup(api, organizationId, groupId);
    const member = await findByEmail(api, organizationId, email);
    if (!member) {
      throw new MaiAgentError(`${email} is not a member of organization ${organizationId}; add them to the organization first (Member or OrganizationMembers), and make this GroupMember depend on it. Nothing was changed.`);
    }
    const existing = await holding(api, organizationId, groupId, member.id);
    if (existing && inputs.adoptExisting !== true) {
      throw new MaiAgentError(`${email} is already in group ${groupId} (group membership ${existing.id}); set \`adoptExisting: true\` to manage it. Nothing was changed.`);
    }
    const record = existing ?? (await addOnce(api, organizationId, groupId, member.id));
    const outs = outputsOf(organizationId, groupId, member.email, { ...record, member: { ...record.member, email: member.email } });
    return { id: `${organizationId}/${groupId}/${outs.groupMemberId}`, outs };
  },

  async read(id, props) {
    const [organizationId, groupId, groupMemberId] = parseId(id);
    try {
      const live = await client().groups.getGroupMember(organizationId, groupId, groupMemberId);
      const outs = outputsOf(organizationId, groupId, String(props.email ?? ""), live);
      return { id, props: outs, inputs: { organizationId, groupId, email: outs.email } };
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      if (props.email === undefined) throw new MaiAgentError(`GroupMember.get: no group membership "${id}" is visible to this API key.`);
      return { id: "" }; // removed by hand (or the person left the organization): refresh drops it
    }
  },

  /** Every change replaces; only `adoptExisting` (read on create only) can reach here. */
  async update(id, olds) {
    parseId(id);
    const { __provider: _, ...outs } = olds;
    return { outs: plain(outs) };
  },

  async delete(id) {
    const [organizationId, groupId, groupMemberId] = parseId(id);
    try {
      await client().groups.removeGroupMember(organizationId, groupId, groupMemberId);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
  },
};

const groupMemberShim = lazyProvider("groupMemberProvider");

/** The inputs of a `GroupMember`. Checked at preview, before any request is sent. */
export interface GroupMemberArgs {
  /** The organization's UUID. Changing it replaces the membership. */
  organizationId: pulumi.Input<string>;
  /** The group's UUID, usually `group.groupId`. Changing it replaces the membership. */
  groupId: pulumi.Input<string>;
  /** An organization member's email, compared case-insensitively. Changing it replaces the membership. */
  email: pulumi.Input<string>;
  /** When the person already holds the group, create takes the membership over instead of failing. Only read on create. */
  adoptExisting?: pulumi.Input<boolean>;
}

/** One person in one group (additive). Pulumi id: `<organizationId>/<groupId>/<groupMemberId>`. Never combine
 * with a `GroupMembers` for the same group: the authoritative one would remove this person. */
export class GroupMember extends pulumi.dynamic.Resource {
  /** The organization's UUID. */
  declare readonly organizationId: pulumi.Output<string>;
  /** The group's UUID. */
  declare readonly groupId: pulumi.Output<string>;
  /** The person's email, as the API gives it. */
  declare readonly email: pulumi.Output<string>;
  /** Their organization member id. */
  declare readonly memberId: pulumi.Output<string>;
  /** The group-membership id. */
  declare readonly groupMemberId: pulumi.Output<string>;
  /** When they joined the group, exactly as the API gave it. */
  declare readonly createdAt: pulumi.Output<string | null>;

  /**
   * Adds the person (already an organization member) to the group, or takes over their membership with
   * `adoptExisting`.
   * @param name The Pulumi resource name: keep it stable.
   * @param args The organization, the group and the email.
   * @param opts Resource options. Deleting the resource removes the person from the group, not from the organization.
   */
  constructor(name: string, args: GroupMemberArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { organizationId: undefined, groupId: undefined, email: undefined, memberId: undefined, groupMemberId: undefined, createdAt: undefined };
    super(groupMemberShim, name, { ...outputs, ...args }, opts, "maiagent", "GroupMember");
  }

  /**
   * Reads an existing group membership without managing it.
   * @param name The Pulumi resource name of the lookup.
   * @param id `<organizationId>/<groupId>/<groupMemberId>`.
   * @param opts Resource options.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GroupMember {
    return new GroupMember(name, {} as GroupMemberArgs, { ...opts, id });
  }
}
