/** The GroupMembers resource: everyone who holds one group (role), authoritative like OrganizationMembers. */
import * as pulumi from "@pulumi/pulumi";
import { client, configure, settings } from "../context";
import { MaiAgentError } from "../../api/errors";
import { checkFields, isStatus, isUnknown, lower, trackedFailure, uuidParts } from "../resource-kit";
import { Uuid } from "../../api/schemas";
import { checkRoster, diffRoster } from "../members/roster-inputs";
import { declaredOptions, EMAIL_VIEW, key } from "../members/roster-plan";
import { hidingLists, withLines } from "../list-view";
import { lazyProvider } from "../shim";
import { groupRosterOutputs, readGroupRoster } from "./group-roster";
import type { GroupHolder, GroupRosterOutputs } from "./group-outputs";
import { applyGroupRoster, GroupWriteFailure, removeFromGroup, what } from "./group-roster-apply";
import { describeFailures } from "../members/roster-apply";
import { removalLimit } from "../members/removal-guard";

export type { GroupRosterOutputs as GroupMembersOutputs, GroupHolder } from "./group-outputs";
const parseId = (id: string) => uuidParts("GroupMembers", id) as [string, string];

/** `creating`: a create without `removeUnlisted: true` stops, naming the people the group holds unlisted. */
async function apply(inputs: Record<string, unknown>, creating = false) {
  const [organizationId, groupId, emails] = [inputs.organizationId as string, inputs.groupId as string, inputs.emails as string[]];
  const limit = (holders: number) => removalLimit(inputs.maxRemovals, settings().maxRemovals, holders);
  const declared = declaredOptions(inputs);
  try {
    return { ...groupRosterOutputs(organizationId, groupId, await applyGroupRoster(client(), organizationId, groupId, emails, limit, creating && inputs.removeUnlisted !== true)), ...declared };
  } catch (error) {
    if (!(error instanceof GroupWriteFailure)) throw error;
    throw trackedFailure(error, `${organizationId}/${groupId}`, { ...groupRosterOutputs(organizationId, groupId, error.live), ...declared }, inputs);
  }
}

/** GroupMembers's implementation, run in the provider host (loaded by name through `pulumi-maiagent/runtime`). */
export const groupMembersProvider: pulumi.dynamic.ResourceProvider = {
  configure: async (req) => configure(req),

  /** The emails rules of OrganizationMembers and its removal guard (over the old and new `emails`, so `preview`
   * fails before any request; moving to another group counts the old group's people), plus the group's id. */
  async check(olds, news) {
    const roster = checkRoster(news, olds, settings().maxRemovals, "GroupMembers", ["organizationId", "groupId"]);
    const group = checkFields({ groupId: Uuid }, news);
    return { inputs: { ...roster.inputs, ...group.inputs }, failures: [...(roster.failures ?? []), ...(group.failures ?? [])] };
  },

  /** A group id not known yet (preview, while its Group updates) is a change, not a replacement: the diff made
   * at `up`, with the id known, replaces only when it really differs. */
  async diff(_id, olds, news) {
    const result = diffRoster(olds, news);
    if (isUnknown(news.groupId)) return { ...result, changes: true };
    if (lower(news.groupId) === lower(olds.groupId)) return result;
    return { ...result, changes: true, replaces: [...(result.replaces ?? []), "groupId"] };
  },

  async create(inputs) {
    const outs = await apply(inputs, true);
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
    const declared = declaredOptions(props);
    const outs = { ...groupRosterOutputs(organizationId, groupId, live), ...declared };
    return { id, props: outs, inputs: withLines({ organizationId, groupId, emails: outs.emails, ...declared }, EMAIL_VIEW) };
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
    const managed = new Set(((props as Partial<GroupRosterOutputs>).emails ?? []).map(key));
    const doomed = live.filter((h) => managed.has(key(h.email)));
    const failures = await removeFromGroup(api, organizationId, groupId, doomed);
    if (failures.length > 0) throw new MaiAgentError(describeFailures(organizationId, failures, doomed.length, what(organizationId, groupId)));
  },
};

const groupMembersShim = lazyProvider("groupMembersProvider");

/** The inputs of a `GroupMembers`. Checked at preview, before any request is sent. */
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

/**
 * Everyone who holds one group (role), authoritative: after `up` the group holds exactly `emails`; someone added
 * by hand shows as drift on refresh and is removed (from the group, never from the organization) by the next
 * `up`. Pulumi id: `<organizationId>/<groupId>`. Never combine with `GroupMember` resources for the same group.
 */
export class GroupMembers extends pulumi.dynamic.Resource {
  /** The organization's UUID. */
  declare readonly organizationId: pulumi.Output<string>;
  /** The group's UUID. */
  declare readonly groupId: pulumi.Output<string>;
  /** Everyone in the group, sorted case-insensitively. */
  declare readonly emails: pulumi.Output<string[]>;
  /** `emails`, one per line: previews show one line per added or removed email (`emails` and `members` are in
   * `hideDiffs`, as they compare by index). */
  declare readonly emailLines: pulumi.Output<string>;
  /** The same people as `emails`, same order, with their member and group-membership ids. */
  declare readonly members: pulumi.Output<GroupHolder[]>;

  /**
   * Adds the listed organization members the group lacks and removes the people it holds that are not listed.
   * @param name The Pulumi resource name: keep it stable.
   * @param args The organization, the group and the emails.
   * @param opts Resource options; make it depend on the organization's `OrganizationMembers`, and
   *   `retainOnDelete: true` keeps the people in the group when the stack is destroyed.
   */
  constructor(name: string, args: GroupMembersArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { organizationId: undefined, groupId: undefined, emails: undefined, emailLines: undefined, members: undefined };
    super(groupMembersShim, name, { ...outputs, ...args }, hidingLists(opts, EMAIL_VIEW), "maiagent", "GroupMembers");
  }

  /**
   * Reads the holders of an existing group without managing them.
   * @param name The Pulumi resource name of the lookup.
   * @param id `<organizationId>/<groupId>`.
   * @param opts Resource options.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): GroupMembers {
    return new GroupMembers(name, {} as GroupMembersArgs, { ...opts, id });
  }
}
