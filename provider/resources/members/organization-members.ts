/** The OrganizationMembers resource: the complete member list of one organization (authoritative). */
import * as pulumi from "@pulumi/pulumi";
import { client, configure, settings } from "../context";
import { MaiAgentError } from "../../api/errors";
import { isStatus, trackedFailure, uuidParts } from "../resource-kit";
import { applyRoster, readRoster, removeAll, describeFailures, RosterWriteFailure } from "./roster-apply";
import type { Roster } from "./roster-apply";
import { checkRoster, diffRoster } from "./roster-inputs";
import { declaredOptions, EMAIL_VIEW, isProtected, key, rosterInputs, rosterOutputs } from "./roster-plan";
import type { RosterMember, RosterOutputs } from "./roster-plan";
import { removalLimit } from "./removal-guard";
import { hidingLists } from "../list-view";
import { lazyProvider } from "../shim";
import { requireGetSupport } from "../get-support";

const organizationIdOf = (id: string) => uuidParts("OrganizationMembers", id)[0];

/** create and update: apply, then report; a partial failure stays tracked with what is live. */
async function apply(inputs: Record<string, unknown>, guard: boolean) {
  const organizationId = inputs.organizationId as string;
  const emails = inputs.emails as string[];
  const outputs = (roster: Roster) => rosterOutputs(organizationId, roster.live, emails, roster.currentUserEmail, declaredOptions(inputs));
  const limit = (unprotected: number) => removalLimit(inputs.maxRemovals, settings().maxRemovals, unprotected);
  try {
    return outputs(await applyRoster(client(), organizationId, emails, guard, limit));
  } catch (error) {
    if (!(error instanceof RosterWriteFailure)) throw error;
    throw trackedFailure(error, organizationId, outputs(error.roster), inputs);
  }
}

/** OrganizationMembers' implementation, run in the provider host (loaded by name through `pulumi-maiagent/runtime`). */
export const organizationMembersProvider: pulumi.dynamic.ResourceProvider = {
  configure: async (req) => configure(req),

  async check(olds, news) {
    return checkRoster(news, olds, settings().maxRemovals);
  },

  async diff(_id, olds, news) {
    return diffRoster(olds, news);
  },

  async create(inputs) {
    const outs = await apply(inputs, inputs.removeUnlisted !== true);
    return { id: outs.organizationId, outs };
  },

  async read(id, props) {
    const organizationId = organizationIdOf(id);
    const lookup = props.emails === undefined; // OrganizationMembers.get
    let roster: Roster;
    try {
      roster = await readRoster(client(), organizationId);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      if (lookup) throw new MaiAgentError(`OrganizationMembers.get: no organization "${id}" is visible to this API key.`);
      return { id: "" }; // the organization is gone: refresh drops the roster from state
    }
    const listed = Array.isArray(props.emails) ? (props.emails as string[]) : undefined;
    const outs = rosterOutputs(organizationId, roster.live, listed, roster.currentUserEmail, declaredOptions(props));
    return { id, props: outs, inputs: rosterInputs(outs) };
  },

  async update(id, _olds, news) {
    organizationIdOf(id);
    return { outs: await apply(news, false) };
  },

  /** Removes the listed members, never protected ones; with `retainOnDelete` the engine never calls this. */
  async delete(id, props) {
    const organizationId = organizationIdOf(id);
    const api = client();
    let roster: Roster;
    try {
      roster = await readRoster(api, organizationId);
    } catch (error) {
      if (isStatus(error, 404)) return;
      throw error;
    }
    const listed = new Set(((props as RosterOutputs).emails ?? []).map(key));
    const doomed = roster.live.filter((m) => listed.has(key(m.email)) && !isProtected(m, roster.currentUserEmail));
    const failures = await removeAll(api, organizationId, doomed);
    if (failures.length > 0) throw new MaiAgentError(describeFailures(organizationId, failures, doomed.length));
  },
};

const organizationMembersShim = lazyProvider("organizationMembersProvider");

/** The inputs of an `OrganizationMembers`. Checked at preview, before any request is sent. */
export interface OrganizationMembersArgs {
  /** The organization's UUID, usually `org.id`. Changing it replaces the resource. */
  organizationId: pulumi.Input<string>;
  /** Every member of the organization, compared case-insensitively. Owners and the API key's own user are
   * never removed, listed or not. */
  emails: pulumi.Input<pulumi.Input<string>[]>;
  /** On create, members that exist but are neither listed nor protected are removed (true), or `up` fails naming
   * them and changes nothing (false, the default). Only read on create: afterwards the resource is always
   * authoritative. */
  removeUnlisted?: pulumi.Input<boolean>;
  /** The removal guard: most members one create or update may remove (default `maiagent:maxRemovals`, else 10 %
   * of the organization's unprotected members, at least 5). Raise it for one deliberate change, then take it out. */
  maxRemovals?: pulumi.Input<number>;
}

/**
 * The complete member list of one organization (authoritative): after `up` it has exactly `emails` plus its
 * protected members (owners and the API key's own user, never removed). A member added by hand shows as drift on
 * refresh and is removed by the next `up`. Pulumi id: the organization UUID. Never combine with `Member`
 * resources for the same organization: they would remove each other's people on every `up`.
 */
export class OrganizationMembers extends pulumi.dynamic.Resource {
  /** The organization's UUID. */
  declare readonly organizationId: pulumi.Output<string>;
  /** Live members except protected ones not listed, sorted case-insensitively. */
  declare readonly emails: pulumi.Output<string[]>;
  /** `emails`, one per line (each followed by a newline). Previews and refresh show a change of it as one
   * line per added or removed email; `emails` and `members` are in `hideDiffs`, as they compare by index. */
  declare readonly emailLines: pulumi.Output<string>;
  /** The same members as `emails`, same order, with member id, name and ownership. */
  declare readonly members: pulumi.Output<RosterMember[]>;
  /** Owners and the API key's own user: never removed. */
  declare readonly protectedEmails: pulumi.Output<string[]>;

  /**
   * Adds the listed emails that are not members and removes the members that are neither listed nor protected
   * (on create, only with `removeUnlisted: true`; see the guard in README).
   * @param name The Pulumi resource name: keep it stable.
   * @param args The organization and its emails.
   * @param opts Resource options; `retainOnDelete: true` keeps the people when the stack is destroyed
   *   (otherwise destroy removes the listed members, never protected ones).
   */
  constructor(name: string, args: OrganizationMembersArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { organizationId: undefined, emails: undefined, emailLines: undefined, members: undefined, protectedEmails: undefined };
    super(organizationMembersShim, name, { ...outputs, ...args }, hidingLists(opts, EMAIL_VIEW), "maiagent", "OrganizationMembers");
  }

  /** Reads the members of an existing organization by its UUID without managing them. Needs
   * `@pulumi/pulumi` ≥ 3.268. */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): OrganizationMembers {
    requireGetSupport("OrganizationMembers");
    return new OrganizationMembers(name, {} as OrganizationMembersArgs, { ...opts, id });
  }
}
