/** The Organization resource: implementation (run in the provider host), serialized shim, public class. */
import * as pulumi from "@pulumi/pulumi";
import { client, configure, settings } from "../context";
import { MaiAgentApiError, MaiAgentError } from "../../api/errors";
import type { MaiAgentClient } from "../../api/client";
import { checkFields, isStatus, isUnknown, plain, uuidParts, withLock } from "../resource-kit";
import { HttpUrl, OrganizationName, Uuid } from "../../api/schemas";
import { adoptOrganization, checkAdoptId, putBody } from "./organization-adopt";
import { logo, outputsOf } from "./organization-outputs";
import { createOnce, putOrganization } from "./organization-writes";
import { lazyProvider } from "../shim";
import { requireGetSupport } from "../get-support";

export type { OrganizationOutputs } from "./organization-outputs";
const FIELDS = { name: OrganizationName, compactLogo: HttpUrl.optional(), fullLogo: HttpUrl.optional(), adoptId: Uuid.optional() };
/** `adoptId` only acts on create; later it must still name the managed organization (see `checkAdoptId`). */
const DIFFED = ["name", "compactLogo", "fullLogo"];
const parseId = (id: string) => uuidParts("Organization", id)[0];

/** DRF answers 405 before it looks the organization up, so only a GET tells whether it is already gone. */
async function isGone(api: MaiAgentClient, id: string): Promise<boolean> {
  return api.getOrganization(id).then(
    () => false,
    (error) => {
      if (isStatus(error, 404)) return true;
      throw error;
    },
  );
}

/** Organization's implementation, run in the provider host (loaded by name through `pulumi-maiagent/runtime`). */
export const organizationProvider: pulumi.dynamic.ResourceProvider = {
  configure: async (req) => configure(req),

  async check(_olds, news) {
    settings(); // a missing API key fails the preview here, naming both ways to set it
    return checkFields(FIELDS, news);
  },

  async diff(id, olds, news) {
    checkAdoptId(id, news.adoptId);
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
    const org = await withLock(`organization:${body.name}`, () => createOnce(client(), body, inputs));
    return { id: org.id, outs: outputsOf(org) };
  },

  async read(id, props) {
    parseId(id);
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
    parseId(id);
    const body = putBody({ name: news.name, compactLogo: news.compactLogo, fullLogo: news.fullLogo }, olds);
    return { outs: outputsOf(await putOrganization(client(), id, body)) };
  },

  async delete(id) {
    parseId(id);
    const api = client();
    try {
      await api.deleteOrganization(id);
    } catch (error) {
      if (isStatus(error, 404)) return;
      if (!isStatus(error, 405)) throw error;
      if (await isGone(api, id)) return;
      const { method, path, status, body } = error as MaiAgentApiError;
      throw new MaiAgentApiError(method, path, status, body,
        `The organization ${id} still exists: the MaiAgent API does not allow deleting organizations. ` +
          "To stop managing it, set the resource option `retainOnDelete: true` and run `pulumi up` again, " +
          "or remove it from the stack with `pulumi state delete <urn>`.");
    }
  },
};

const organizationShim = lazyProvider("organizationProvider");

/** The inputs of an `Organization`. Checked at preview, before any request is sent. */
export interface OrganizationArgs {
  /** 1–255 characters, not blank, no leading or trailing whitespace (the API trims it, so it would never
   * settle). Changing it renames the organization in place (PUT). */
  name: pulumi.Input<string>;
  /** Absolute http(s) URL. Omitted means no logo: removing it clears the logo in place. */
  compactLogo?: pulumi.Input<string>;
  /** Absolute http(s) URL. Omitted means no logo: removing it clears the logo in place. */
  fullLogo?: pulumi.Input<string>;
  /** UUID of an existing organization to take over on create (GET, then PUT only if name or logos differ).
   * Later, an adoptId naming another organization than the one managed fails the preview; removing it is fine. */
  adoptId?: pulumi.Input<string>;
}

/**
 * A MaiAgent organization. Pulumi id: the organization UUID. Nothing replaces it: name and logos are updated in
 * place. The MaiAgent API cannot delete organizations (DELETE answers 405), so declare it with
 * `{ retainOnDelete: true }`: otherwise `pulumi destroy` fails, saying so, while the organization exists.
 */
export class Organization extends pulumi.dynamic.Resource {
  /** The display name, live (drift shows on refresh). */
  declare readonly name: pulumi.Output<string>;
  /** The compact logo URL; null when none. */
  declare readonly compactLogo: pulumi.Output<string | null>;
  /** The full logo URL; null when none. */
  declare readonly fullLogo: pulumi.Output<string | null>;
  /** When it was created, as the API gave it; null if not given. */
  declare readonly createdAt: pulumi.Output<string | null>;
  /** The owner's id; null when the API does not say. */
  declare readonly ownerId: pulumi.Output<string | null>;
  /** The owner's name; null when the API does not say. */
  declare readonly ownerName: pulumi.Output<string | null>;

  /**
   * Creates the organization on the first `up` (the list taken first makes an ambiguously failed POST found,
   * never repeated), or takes over `adoptId`.
   * @param name The Pulumi resource name: keep it stable (a new name means a new organization).
   * @param args Name, logos and optionally `adoptId`.
   * @param opts Resource options; `retainOnDelete: true` is recommended (see the class).
   */
  constructor(name: string, args: OrganizationArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = { name: undefined, compactLogo: undefined, fullLogo: undefined, createdAt: undefined, ownerId: undefined, ownerName: undefined };
    super(organizationShim, name, { ...outputs, ...args }, opts, "maiagent", "Organization");
  }

  /**
   * Reads an existing organization by UUID without managing it (Pulumi cannot import dynamic-provider
   * resources). Fails with "no organization with id … is visible to this API key" when it is not found.
   * Needs `@pulumi/pulumi` ≥ 3.268: older hosts cannot serve the lookup.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Organization {
    requireGetSupport("Organization");
    return new Organization(name, {} as OrganizationArgs, { ...opts, id });
  }
}
