/** The Member resource: implementation (run in the provider host), serialized shim, public class. */
import * as pulumi from "@pulumi/pulumi";
import { client, configure, settings } from "../context";
import { MaiAgentError } from "../../api/errors";
import { addOnce, findByEmail } from "./member-create";
import { getOne, MemberSnapshots } from "./member-snapshots";
import { checkFields, isStatus, isUnknown, lower, plain, trackedFailure, uuidParts } from "../resource-kit";
import { Email, Uuid } from "../../api/schemas";
import { outputsOf, type MemberOutputs } from "./member-outputs";

export type { MemberOutputs } from "./member-outputs";
import { lazyProvider } from "../shim";
import { requireGetSupport } from "../get-support";
import { z } from "zod";

const Flag = z.boolean("must be true or false").optional();
const FIELDS = { organizationId: Uuid, email: Email, isOwner: Flag, adoptExisting: Flag };
const snapshots = new MemberSnapshots();

const parseId = (id: string) => uuidParts("Member", id) as [string, string];

/** The API may ignore isOwner on create (read-only in its OpenAPI): ownership comes from the OWNER group. */
function ownerMismatch(outs: { [K in keyof MemberOutputs]?: unknown }, declared: unknown, adopted = false): MaiAgentError {
  return new MaiAgentError(
    `Member ${outs.email} was ${adopted ? "adopted in" : "added to"} organization ${outs.organizationId} (member id ${outs.memberId}), but the API reports ` +
      `isOwner=${outs.isOwner} where ${declared} was declared; MaiAgent may ignore isOwner when adding a member. ` +
      "The member stays in the stack. Make it an owner in MaiAgent (the organization's OWNER group) and run `pulumi refresh`, " +
      `or declare isOwner: ${outs.isOwner} (or leave isOwner out) to accept the live value.`,
  );
}

/** Member's implementation, run in the provider host (loaded by name through `pulumi-maiagent/runtime`). */
export const memberProvider: pulumi.dynamic.ResourceProvider = {
  configure: async (req) => configure(req),

  async check(_olds, news) {
    settings();
    return checkFields(FIELDS, news);
  },

  async diff(_id, olds, news) {
    const replaces: string[] = [];
    if (isUnknown(news.organizationId) || lower(news.organizationId) !== lower(olds.organizationId)) replaces.push("organizationId");
    if (isUnknown(news.email) || lower(news.email) !== lower(olds.email)) replaces.push("email");
    const ownerDeclared = news.isOwner !== undefined && olds.isOwner !== null && olds.isOwner !== undefined;
    if (ownerDeclared && (isUnknown(news.isOwner) || news.isOwner !== olds.isOwner)) replaces.push("isOwner");
    // No update endpoint exists; the same email cannot be added twice, so the old member goes first.
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: replaces.length > 0 };
  },

  async create(inputs) {
    const { organizationId, email, isOwner, adoptExisting } = inputs as { organizationId: string; email: string; isOwner?: boolean; adoptExisting?: boolean };
    const api = client();
    snapshots.invalidate(organizationId);
    const adopted = adoptExisting ? await findByEmail(api, organizationId, email) : undefined;
    const member = adopted ?? (await addOnce(api, organizationId, email, isOwner));
    const id = `${organizationId}/${member.id}`;
    const outs = outputsOf(organizationId, member);
    if (isOwner !== undefined && outs.isOwner !== null && outs.isOwner !== isOwner) {
      throw trackedFailure(ownerMismatch(outs, isOwner, adopted !== undefined), id, outs, inputs);
    }
    return { id, outs };
  },

  async read(id, props) {
    const [organizationId, memberId] = parseId(id);
    // Member.get has no prior state and reads one member: one GET, never a scan.
    const api = client();
    const member = props.email === undefined ? await getOne(api, organizationId, memberId) : await snapshots.find(api, organizationId, memberId);
    if (!member) {
      if (props.email === undefined) throw new MaiAgentError(`Member.get: no member "${id}" is visible to this API key.`);
      return { id: "" }; // removed out of band: refresh drops it from state
    }
    const outs = outputsOf(organizationId, member);
    return { id, props: outs, inputs: { organizationId, email: outs.email } };
  },

  /** Every change replaces; the engine still calls update after a failed create (init errors). It sends
   * nothing: it confirms the outputs, or fails again while a declared isOwner still differs from the live one. */
  async update(id, olds, news) {
    parseId(id);
    const { __provider: _, ...outs } = olds;
    if (news.isOwner !== undefined && olds.isOwner !== null && olds.isOwner !== undefined && news.isOwner !== olds.isOwner) {
      throw ownerMismatch(outs, news.isOwner);
    }
    return { outs: plain(outs) };
  },

  async delete(id) {
    const [organizationId, memberId] = parseId(id);
    try {
      await client().removeMember(organizationId, memberId);
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    } finally {
      snapshots.invalidate(organizationId);
    }
  },
};

const memberShim = lazyProvider("memberProvider");

/** The inputs of a `Member`. Checked at preview, before any request is sent. */
export interface MemberArgs {
  /** The organization's UUID, usually `org.id`. Changing it replaces the member. */
  organizationId: pulumi.Input<string>;
  /** An address the API accepts (Django's rules), compared case-insensitively. Changing it replaces the member
   * (removed first, then added: the same email cannot be a member twice). */
  email: pulumi.Input<string>;
  /**
   * Omitted: not managed, the output shows the live value. Declared: sent on create and verified. MaiAgent's
   * OpenAPI marks it read-only on create (ownership comes from the OWNER group), so the API may add a non-owner:
   * then `up` fails saying so, the member stays tracked, and the next `up` replaces it again. Settle it by making
   * the member an owner in MaiAgent and running `pulumi refresh`, or by declaring the live value. Changing it
   * replaces the member.
   */
  isOwner?: pulumi.Input<boolean>;
  /** When the email is already a member, create takes it over (no POST) instead of failing. Only read on create. */
  adoptExisting?: pulumi.Input<boolean>;
}

/**
 * A member of a MaiAgent organization. Pulumi id: `<organizationId>/<memberId>`. There is no update endpoint:
 * every change replaces it (removed first, then added). Deleting removes the member (the user account stays).
 * A refresh sees it removed or its ownership changed, but not members added by hand: use
 * `OrganizationMembers` to own an organization's whole membership (never both for one organization).
 */
export class Member extends pulumi.dynamic.Resource {
  /** The organization's UUID. */
  declare readonly organizationId: pulumi.Output<string>;
  /** The email as the API stores it. */
  declare readonly email: pulumi.Output<string>;
  /** The member id the API assigned (found by email: the add endpoint does not return it). */
  declare readonly memberId: pulumi.Output<string>;
  /** The user's name; null when the API does not give one. */
  declare readonly name: pulumi.Output<string | null>;
  /** Whether the member is an owner, live; null when the API does not say. */
  declare readonly isOwner: pulumi.Output<boolean | null>;
  /** When the member was added, as the API gave it; null if not given. */
  declare readonly createdAt: pulumi.Output<string | null>;

  /**
   * Adds the email to the organization on the first `up` (or takes it over with `adoptExisting`); an
   * ambiguously failed POST is looked up, never repeated blindly.
   * @param name The Pulumi resource name: keep it stable.
   * @param args Organization, email, and optionally `isOwner` and `adoptExisting`.
   * @param opts Resource options; `retainOnDelete: true` keeps the person when the stack is destroyed.
   */
  constructor(name: string, args: MemberArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { organizationId: undefined, email: undefined, memberId: undefined, name: undefined, isOwner: undefined, createdAt: undefined };
    super(memberShim, name, { ...outputs, ...args }, opts, "maiagent", "Member");
  }

  /**
   * Reads an existing member by `<organizationId>/<memberId>` without managing it (one GET). Fails with
   * "no member … is visible to this API key" when it is not found. Needs `@pulumi/pulumi` ≥ 3.268.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Member {
    requireGetSupport("Member");
    return new Member(name, {} as MemberArgs, { ...opts, id });
  }
}
