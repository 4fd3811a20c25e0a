/** The engine's side of `pulumi up / preview / refresh / destroy` for one resource at a time, over the host. */
import { HostError, providerTexts, type Props, type ProviderHost } from "./host";

export interface ResourceState {
  type: string;
  urn: string;
  id: string;
  inputs: Props;
  outputs: Props;
}
export type Operation = "create" | "same" | "update" | "replace";

export class CheckFailed extends Error {
  constructor(readonly failures: { property: string; reason: string }[]) {
    super(failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
  }
}

export class Engine {
  /** `providers`: the `__provider` text of each type; by default the one the packed package produces. */
  constructor(readonly host: ProviderHost, private readonly providers: Record<string, string> = providerTexts()) {}

  urn(type: string, name: string): string {
    return `urn:pulumi:dev::maiagent-test::${type}::${name}`;
  }

  /** check, then diff against the prior state (old outputs) if any. What `pulumi preview` shows. */
  async plan(type: string, name: string, inputs: Props, prior?: ResourceState) {
    const urn = this.urn(type, name);
    const { inputs: checked, failures } = await this.host.check(urn, prior?.inputs ?? {}, { ...inputs, __provider: this.providers[type] });
    if (failures.length) throw new CheckFailed(failures);
    const diff = prior ? await this.host.diff(prior.id, urn, prior.outputs, checked) : undefined;
    return { urn, checked, diff };
  }

  /** What `pulumi up` does for one resource: create, nothing, update in place, or replace. */
  async up(type: string, name: string, inputs: Props, prior?: ResourceState): Promise<{ state: ResourceState; op: Operation }> {
    const { urn, checked, diff } = await this.plan(type, name, inputs, prior);
    const create = async () => {
      const { id, properties } = await this.host.create(urn, checked);
      return { type, urn, id, inputs: checked, outputs: properties };
    };
    if (!prior) return { state: await create(), op: "create" };
    if (diff!.changes !== "DIFF_SOME") return { state: prior, op: "same" };
    if (diff!.replaces.length > 0) {
      if (diff!.deleteBeforeReplace) await this.destroy(prior);
      const state = await create();
      if (!diff!.deleteBeforeReplace) await this.destroy(prior);
      return { state, op: "replace" };
    }
    const outputs = await this.host.update(prior.id, urn, prior.outputs, checked);
    return { state: { ...prior, inputs: checked, outputs }, op: "update" };
  }

  /** What `pulumi refresh` does: the live state, or undefined when the object is gone. */
  async refresh(state: ResourceState): Promise<ResourceState | undefined> {
    const { id, properties, inputs } = await this.host.read(state.id, state.urn, state.outputs, state.inputs);
    if (!id) return undefined;
    return { ...state, id, outputs: properties, inputs: inputs ?? state.inputs };
  }

  /** What `Organization.get` / `Member.get` does: a read with only the id and the provider. */
  async get(type: string, name: string, id: string): Promise<ResourceState> {
    const urn = this.urn(type, name);
    const props = { __provider: this.providers[type] };
    const read = await this.host.read(id, urn, {}, props);
    return { type, urn, id: read.id, inputs: read.inputs ?? props, outputs: read.properties };
  }

  destroy(state: ResourceState): Promise<void> {
    return this.host.delete(state.id, state.urn, state.outputs);
  }
}

export { HostError };

/** Runs `task` over `items` with at most `limit` at once, as the engine runs resource operations in parallel. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
