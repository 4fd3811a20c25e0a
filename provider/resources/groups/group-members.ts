/** The GroupMembers resource: everyone who holds one group (role), authoritative like OrganizationMembers. */
import * as pulumi from "@pulumi/pulumi";
import { client, configure, settings } from "../context";
import { MaiAgentError } from "../../api/errors";
import { checkFields, isStatus, isUnknown, lower, trackedFailure, uuidParts } from "../resource-kit";
import { Uuid } from "../../api/schemas";
import { checkRoster, diffRoster } from "../members/roster-inputs";
import { key } from "../members/roster-plan";
import { lazyProvider } from "../shim";
import { groupRosterOutputs, readGroupRoster, type GroupHolder, type GroupRosterOutputs } from "./group-roster";
import { applyGroupRoster, GroupWriteFailure, removeFromGroup, what } from "./group-roster-apply";
import { describeFailures } from "../members/roster-apply";
import { removalLimit } from "../members/removal-guard";

export type { GroupRosterOutputs as GroupMembersOutputs } from "./group-roster";
const parseId = (id: string) => uuidParts("GroupMembers", id) as [string, string];

async function apply(inputs: Record<string, unknown>) {
  const [organizationId, groupId, emails] = [inputs.organizationId as string, inputs.groupId as string, inputs.emails as string[]];
  const limit = (holders: number) => removalLimit(inputs.maxRemovals, settings().maxRemovals, holders);
  try {
    return groupRosterOutputs(organizationId, groupId, await applyGroupRoster(client(), organizationId, groupId, emails, limit));
  } catch (error) {
    if (!(error instanceof GroupWriteFailure)) throw error;
    throw trackedFailure(error, `${organizationId}/${groupId}`, groupRosterOutputs(organizationId, groupId, error.live), inputs);
  }
}

export const groupMembersProvider: pulumi.dynamic.ResourceProvider = {
  configure: async (req) => configure(req),

  /** The emails rules of OrganizationMembers and its removal guard (over the old and new `emails` of the same
   * group, so `preview` fails before any request), plus the group's id. */
  async check(olds, news) {
    const { removeUnlisted: _create, ...rosterFields } = news; // a create takes the group over: nothing to opt into
    const sameGroup = !isUnknown(news.groupId) && lower(olds.groupId) === lower(news.groupId);
    const roster = checkRoster(rosterFields, sameGroup ? olds : {}, settings().maxRemovals, "GroupMembers");
    const group = checkFields({ groupId: Uuid }, news);
    return { inputs: { ...roster.inputs, ...group.inputs }, failures: [...(roster.failures ?? []), ...(group.failures ?? [])] };
  },

  async diff(_id, olds, news) {
    const result = diffRoster(olds, news);
    const moved = isUnknown(news.groupId) || lower(news.groupId) !== lower(olds.groupId);
    if (!moved) return result;
    return { ...result, changes: true, replaces: [...(result.replaces ?? []), "groupId"] };
  },

  async create(inputs) {
    const outs = await apply(inputs);
    return { id: `${outs.organizationId}/${outs.groupId}`, outs };
  },

  async read(id, props) {
    const [organizationId, groupId] = parseId(id);
    let live: GroupHolder[];
    try {
      live = await readGroupRoster(client(), organizationId, groupId);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      if (props.emails === undefined) throw new MaiAgentError(`GroupMembers.get: no group "${id}" is visible to this API key.`);
      return { id: "" }; // the group is gone: refresh drops its members from state
    }
    const outs = groupRosterOutputs(organizationId, groupId, live);
    return { id, props: outs, inputs: { organizationId, groupId, emails: outs.emails } };
  },

  async update(id, _olds, news) {
    parseId(id);
    return { outs: await apply(news) };
  },

  /** Removes from the group the people in this resource's state, never from the organization, and never
   * someone added by hand since the last refresh. With `retainOnDelete` the engine never calls this. */
  async delete(id, props) {
    const [organizationId, groupId] = parseId(id);
    const api = client();
    let live: GroupHolder[];
    try {
      live = await readGroupRoster(api, organizationId, groupId);
    } catch (error) {
      if (isStatus(error, 404)) return;
      throw error;
    }
    const managed = new Set(((props as GroupRosterOutputs).emails ?? []).map(key));
    const doomed = live.filter((h) => managed.has(key(h.email)));
    const failures = await removeFromGroup(api, organizationId, groupId, doomed);
    if (failures.length > 0) throw new MaiAgentError(describeFailures(organizationId, failures, doomed.length, what(organizationId, groupId)));
  },
};

const groupMembersShim = lazyProvider("groupMembersProvider");

export interface GroupMembersArgs {
  /** The organization's UUID, usually `org.id`. Changing it replaces the resource. */
  organizationId: pulumi.Input<string>;
  /** The group's UUID, usually `group.groupId`. Changing it replaces the resource. */
  groupId: pulumi.Input<string>;
  /** Everyone who holds the group, compared case-insensitively. Each must already be a member of the
   * organization (make this resource depend on its OrganizationMembers). */
  emails: pulumi.Input<pulumi.Input<string>[]>;
  /** The removal guard: most people one create or update may remove from the group (default
   * `maiagent:maxRemovals`, else 10 % of the group's holders, at least 5). */
  maxRemovals?: pulumi.Input<number>;
}

/** Everyone in one group (role). Pulumi id: `<organizationId>/<groupId>`. Authoritative: someone added by hand
 * is removed by the next `up`. Never combine with `GroupMember` resources for the same group. */
export class GroupMembers extends pulumi.dynamic.Resource {
  declare readonly organizationId: pulumi.Output<string>;
  declare readonly groupId: pulumi.Output<string>;
  /** Live holders, sorted case-insensitively. */
  declare readonly emails: pulumi.Output<string[]>;
  /** In the same order as `emails`. */
  declare readonly members: pulumi.Output<GroupRosterOutputs["members"]>;

  constructor(name: string, args: GroupMembersArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { organizationId: undefined, groupId: undefined, emails: undefined, members: undefined };
    super(groupMembersShim, name, { ...outputs, ...args }, opts, "maiagent", "GroupMembers");
  }

  /** Reads the holders of an existing group by `<organizationId>/<groupId>` (read-only). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GroupMembers {
    return new GroupMembers(name, {} as GroupMembersArgs, { ...opts, id });
  }
}
