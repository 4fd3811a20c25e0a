/** The Member resource: implementation (run in the provider host), serialized shim, public class. */
import * as pulumi from "@pulumi/pulumi";
import { client, configure, settings } from "./context";
import { MaiAgentError } from "../api/errors";
import { addOnce } from "./member-create";
import { getOne, MemberSnapshots } from "./member-snapshots";
import { checkFields, isStatus, isUnknown, lower, plain, trackedFailure } from "./resource-kit";
import { Email, Uuid, type MemberRecord } from "../api/schemas";
import { lazyProvider } from "./shim";
import { z } from "zod";

const FIELDS = { organizationId: Uuid, email: Email, isOwner: z.boolean("must be true or false").optional() };
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

function parseId(id: string): [string, string] {
  const parts = id.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    throw new MaiAgentError(`Member id "${id}" is not of the form <organizationId>/<memberId>.`);
  }
  return [parts[0], parts[1]];
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
    const { organizationId, email, isOwner } = inputs as { organizationId: string; email: string; isOwner?: boolean };
    const api = client();
    snapshots.invalidate(organizationId);
    const member = await addOnce(api, organizationId, email, isOwner);
    const id = `${organizationId}/${member.id}`;
    const outs = outputsOf(organizationId, member);
    if (isOwner !== undefined && outs.isOwner !== null && outs.isOwner !== isOwner) {
      const error = new MaiAgentError(`Member ${email} was added, but the API reports isOwner=${outs.isOwner} where ${isOwner} was declared.`);
      throw trackedFailure(error, id, outs);
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

  /** Never needed (every change replaces); keeps outputs whole if the engine asks anyway. */
  async update(_id, olds) {
    const { __provider: _, ...outs } = olds;
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
