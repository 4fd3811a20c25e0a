/** The serialized provider: Pulumi stores it in state (`__provider`) and runs it in the provider host. It holds
 * nothing but a module name, so got, zod and credentials never enter state and upgrades cause no diffs. */
import type * as pulumi from "@pulumi/pulumi";

/** Never rename: every stack's state names this module (package.json "exports"). */
const RUNTIME_MODULE = "pulumi-maiagent/runtime";

type Provider = Required<pulumi.dynamic.ResourceProvider>;

export type ProviderExport =
  | "organizationProvider"
  | "memberProvider"
  | "organizationMembersProvider"
  | "groupProvider"
  | "groupMembersProvider"
  | "groupMemberProvider";

export function lazyProvider(exportName: ProviderExport): pulumi.dynamic.ResourceProvider {
  const load = (): Provider => require(RUNTIME_MODULE)[exportName];
  return {
    configure: (req) => load().configure(req),
    check: (olds, news) => load().check(olds, news),
    diff: (id, olds, news) => load().diff(id, olds, news),
    create: (inputs) => load().create(inputs),
    read: (id, props) => load().read(id, props),
    update: (id, olds, news) => load().update(id, olds, news),
    delete: (id, props) => load().delete(id, props),
  };
}
