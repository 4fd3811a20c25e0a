/** The Member resource: implementation (run in the provider host), serialized shim, public class. */
import * as pulumi from "@pulumi/pulumi";
import { client, configure, settings } from "../context";
import { MaiAgentError } from "../../api/errors";
import { addOnce, findByEmail } from "./member-create";
import { getOne, MemberSnapshots } from "./member-snapshots";
import { checkFields, isStatus, isUnknown, lower, plain, trackedFailure, uuidParts } from "../resource-kit";
import { Email, Uuid, type MemberRecord } from "../../api/schemas";
import { lazyProvider } from "../shim";
import { z } from "zod";

const Flag = z.boolean("must be true or false").optional();
const FIELDS = { organizationId: Uuid, email: Email, isOwner: Flag, adoptExisting: Flag };
const snapshots = new MemberSnapshots();

export interface MemberOutputs extends Record<string, unknown> {
  organizationId: string;
  email: string;
  memberId: string;
  name: string | null;
  isOwner: boolean | null;
  createdAt: string | null;
}

const outputsOf = (organizationId: string, m: MemberRecord): MemberOutputs =>
  plain({ organizationId, email: m.email, memberId: m.id, name: m.name ?? null, isOwner: m.isOwner ?? null, createdAt: m.createdAt ?? null });

const parseId = (id: string) => uuidParts("Member", id) as [string, string];

/** The API may ignore isOwner on create (read-only in its OpenAPI): ownership comes from the OWNER group. */
function ownerMismatch(outs: Record<string, unknown>, declared: unknown, adopted = false): MaiAgentError {
  return new MaiAgentError(
    `Member ${outs.email} was ${adopted ? "adopted in" : "added to"} organization ${outs.organizationId} (member id ${outs.memberId}), but the API reports ` +
      `isOwner=${outs.isOwner} where ${declared} was declared; MaiAgent may ignore isOwner when adding a member. ` +
      "The member stays in the stack. Make it an owner in MaiAgent (the organization's OWNER group) and run `pulumi refresh`, " +
      `or declare isOwner: ${outs.isOwner} (or leave isOwner out) to accept the live value.`,
  );
}

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

export interface MemberArgs {
  /** The organization's UUID, usually `org.id`. Changing it replaces the member. */
  organizationId: pulumi.Input<string>;
  /** Compared case-insensitively. Changing it replaces the member (removed first, then added). */
  email: pulumi.Input<string>;
  /** Omitted: not managed, the output shows the live value. Declared: sent on create and verified. */
  isOwner?: pulumi.Input<boolean>;
  /** When the email is already a member, create takes it over (no POST) instead of failing. Only read on create. */
  adoptExisting?: pulumi.Input<boolean>;
}

/** A member of a MaiAgent organization. Pulumi id: `<organizationId>/<memberId>`. */
export class Member extends pulumi.dynamic.Resource {
  declare readonly organizationId: pulumi.Output<string>;
  declare readonly email: pulumi.Output<string>;
  declare readonly memberId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string | null>;
  declare readonly isOwner: pulumi.Output<boolean | null>;
  declare readonly createdAt: pulumi.Output<string | null>;

  constructor(name: string, args: MemberArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { organizationId: undefined, email: undefined, memberId: undefined, name: undefined, isOwner: undefined, createdAt: undefined };
    super(memberShim, name, { ...outputs, ...args }, opts, "maiagent", "Member");
  }

  /** Looks up an existing member by `<organizationId>/<memberId>` (read-only). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Member {
    return new Member(name, {} as MemberArgs, { ...opts, id });
  }
}
