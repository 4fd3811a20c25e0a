/** The Organization resource: implementation (run in the provider host), serialized shim, public class. */
import * as pulumi from "@pulumi/pulumi";
import { client, configure, settings } from "./context";
import { MaiAgentApiError, MaiAgentError } from "../api/errors";
import { outcomeUnknown } from "../api/http";
import { backoff, checkFields, isStatus, isUnknown, plain, withLock } from "./resource-kit";
import { HttpUrl, OrganizationName, Uuid, type OrganizationBody, type OrganizationRecord } from "../api/schemas";
import { adoptOrganization, logo, putBody } from "./organization-adopt";
import { lazyProvider } from "./shim";

const FIELDS = { name: OrganizationName, compactLogo: HttpUrl.optional(), fullLogo: HttpUrl.optional(), adoptId: Uuid.optional() };
/** `adoptId` only matters on create: changing it later changes nothing. */
const DIFFED = ["name", "compactLogo", "fullLogo"];
const MAX_CREATE_ATTEMPTS = 6;

export interface OrganizationOutputs extends Record<string, unknown> {
  name: string;
  compactLogo: string | null;
  fullLogo: string | null;
  createdAt: string | null;
  ownerId: string | null;
  ownerName: string | null;
}

function outputsOf(org: OrganizationRecord): OrganizationOutputs {
  const owner = org.owner;
  const ownerRecord = owner !== null && typeof owner === "object" ? owner : undefined;
  return plain({
    name: org.name,
    compactLogo: org.compactLogo || null,
    fullLogo: org.fullLogo || null,
    createdAt: org.createdAt ?? null,
    ownerId: (typeof owner === "string" ? owner : ownerRecord?.id) ?? null,
    ownerName: ownerRecord?.name ?? null,
  });
}

/** Creates exactly one organization even when a POST fails ambiguously (timeout, reset, 5xx after the write). */
async function createOnce(body: OrganizationBody): Promise<OrganizationRecord> {
  const api = client();
  const sameName = async () => (await api.listAllOrganizations()).filter((org) => org.name === body.name);
  const existedBefore = new Set((await sameName()).map((org) => org.id));
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.createOrganization(body);
    } catch (error) {
      if (!outcomeUnknown(error)) throw error;
      const created = (await sameName()).find((org) => !existedBefore.has(org.id));
      if (created) return api.getOrganization(created.id);
      if (attempt >= MAX_CREATE_ATTEMPTS) throw error;
      await backoff(attempt);
    }
  }
}

export const organizationProvider: pulumi.dynamic.ResourceProvider = {
  configure: async (req) => configure(req),

  async check(_olds, news) {
    settings(); // a missing API key fails the preview here, naming both ways to set it
    return checkFields(FIELDS, news);
  },

  async diff(_id, olds, news) {
    const changed = DIFFED.filter((key) => {
      if (isUnknown(news[key])) return true;
      return key === "name" ? olds.name !== news.name : logo(olds[key]) !== logo(news[key]);
    });
    return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: false };
  },

  async create(inputs) {
    const body = { name: inputs.name, compactLogo: inputs.compactLogo, fullLogo: inputs.fullLogo };
    if (typeof inputs.adoptId === "string") {
      const adopted = await adoptOrganization(client(), inputs.adoptId, body);
      return { id: adopted.id, outs: outputsOf(adopted) };
    }
    const org = await withLock(`organization:${body.name}`, () => createOnce(body));
    return { id: org.id, outs: outputsOf(org) };
  },

  async read(id, props) {
    try {
      const outs = outputsOf(await client().getOrganization(id));
      const inputs = plain({ name: outs.name, compactLogo: outs.compactLogo ?? undefined, fullLogo: outs.fullLogo ?? undefined });
      return { id, props: outs, inputs };
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
      if (props.name === undefined) throw new MaiAgentError(`Organization.get: no organization with id "${id}" is visible to this API key.`);
      return { id: "" }; // deleted out of band: refresh drops it from state
    }
  },

  async update(id, olds, news) {
    const body = putBody({ name: news.name, compactLogo: news.compactLogo, fullLogo: news.fullLogo }, olds);
    return { outs: outputsOf(await client().updateOrganization(id, body)) };
  },

  async delete(id) {
    try {
      await client().deleteOrganization(id);
    } catch (error) {
      if (isStatus(error, 404)) return;
      if (!isStatus(error, 405)) throw error;
      const { method, path, status, body } = error as MaiAgentApiError;
      throw new MaiAgentApiError(method, path, status, body,
        `The organization ${id} still exists: the MaiAgent API does not allow deleting organizations. ` +
          "To stop managing it, set the resource option `retainOnDelete: true` and run `pulumi up` again, " +
          "or remove it from the stack with `pulumi state delete <urn>`.");
    }
  },
};

const organizationShim = lazyProvider("organizationProvider");

export interface OrganizationArgs {
  /** 1–255 characters, not blank. Changing it renames the organization in place. */
  name: pulumi.Input<string>;
  /** Absolute http(s) URL. Omitted means no logo. */
  compactLogo?: pulumi.Input<string>;
  /** Absolute http(s) URL. Omitted means no logo. */
  fullLogo?: pulumi.Input<string>;
  /** UUID of an existing organization to take over on create (GET, then PUT only if name or logos differ).
   * Only read on create: changing it later changes nothing. */
  adoptId?: pulumi.Input<string>;
}

/** A MaiAgent organization. Pulumi id: the organization UUID. The API has no delete: see README. */
export class Organization extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly compactLogo: pulumi.Output<string | null>;
  declare readonly fullLogo: pulumi.Output<string | null>;
  declare readonly createdAt: pulumi.Output<string | null>;
  declare readonly ownerId: pulumi.Output<string | null>;
  declare readonly ownerName: pulumi.Output<string | null>;

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { name: undefined, compactLogo: undefined, fullLogo: undefined, createdAt: undefined, ownerId: undefined, ownerName: undefined };
    super(organizationShim, name, { ...outputs, ...args }, opts, "maiagent", "Organization");
  }

  /** Looks up an existing organization by UUID (read-only; Pulumi cannot import dynamic resources). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Organization {
    return new Organization(name, {} as OrganizationArgs, { ...opts, id });
  }
}
