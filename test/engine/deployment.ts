/** One `up` or `preview` of a running program: each registration becomes a step against the real
 * dynamic-provider host (check, diff, then create, update or replace), and the new state is built as
 * steps finish, so dependencies always come before their dependants. */
import type { HostError, ProviderHost } from "../helpers/host";
import type { ReadRegistration, Registered, Registration } from "./servers";
import type { Props, StackState, StoredResource } from "./state-file";

export type Op = "create" | "same" | "update" | "replace" | "delete" | "read";
export interface Step {
  op: Op;
  urn: string;
  /** For update and replace: the stored outputs the provider diffed against, and the checked new inputs. */
  olds?: Props;
  news?: Props;
  replaces?: string[];
  /** A delete that only stops managing the object (retainOnDelete). */
  retained?: boolean;
}

const DYNAMIC = "pulumi-nodejs:dynamic/";

export class Deployment {
  readonly steps: Step[] = [];
  /** Steps that failed, as the engine reports them: "<urn>: <reason>". */
  readonly failures: string[] = [];
  private readonly running = new Set<Promise<unknown>>();
  readonly next: StackState = { resources: [], outputs: {} };
  private readonly prior: Map<string, StoredResource>;
  private readonly types = new Map<string, string>();

  constructor(
    private readonly host: ProviderHost,
    private readonly old: StackState,
    private readonly context: { stack: string; project: string; dryRun: boolean },
  ) {
    this.prior = new Map(old.resources.map((r) => [r.urn, r]));
  }

  /** The engine's URN: the parent's type chain (the Stack itself is left out), then the type and name. */
  private urn(type: string, name: string, parent: string): string {
    const parentType = this.types.get(parent);
    const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
    const urn = `urn:pulumi:${this.context.stack}::${this.context.project}::${qualified}::${name}`;
    this.types.set(urn, qualified);
    return urn;
  }

  /** One step; a failure is recorded and `onFailure` called (the engine cancels the program). */
  register(reg: Registration, onFailure: () => void): Promise<Registered> {
    const urn = this.urn(reg.type, reg.name, reg.parent);
    return this.track(urn, onFailure, () => this.step(reg, urn));
  }

  private track(urn: string, onFailure: () => void, work: () => Promise<Registered>): Promise<Registered> {
    const step = work().catch((error: Error) => {
      this.failures.push(`${urn}: ${error.message}`);
      onFailure();
      throw error;
    });
    this.running.add(step);
    void step.catch(() => undefined).finally(() => this.running.delete(step));
    return step;
  }

  /** A `get`: the provider reads the object by id, loading itself from the request's `__provider`. */
  read(reg: ReadRegistration, onFailure: () => void): Promise<Registered> {
    const urn = this.urn(reg.type, reg.name, reg.parent);
    return this.track(urn, onFailure, async () => {
      const { id, properties, inputs } = await this.host.read(reg.id, urn, {}, reg.inputs);
      if (!id) throw new Error(`read: no object with id ${reg.id}`);
      const stored: StoredResource = { urn, type: reg.type, name: reg.name, custom: true, id, parent: reg.parent,
        inputs: inputs ?? reg.inputs, outputs: properties, dependencies: [], retainOnDelete: true, deleteBeforeReplace: false, external: true };
      this.steps.push({ op: "read", urn });
      return this.keep(stored, { urn, id, outputs: properties });
    });
  }

  /** Resolves when no step is in flight: a cancelled program may leave some running. */
  async settled(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  private async step(reg: Registration, urn: string): Promise<Registered> {
    const stored: StoredResource = { urn, type: reg.type, name: reg.name, custom: reg.custom, id: "", parent: reg.parent,
      inputs: reg.inputs, outputs: {}, dependencies: reg.dependencies, retainOnDelete: reg.retainOnDelete,
      deleteBeforeReplace: reg.deleteBeforeReplace };
    if (!reg.custom) return this.keep(stored, { urn, id: "", outputs: {} });
    if (!reg.type.startsWith(DYNAMIC)) throw new Error(`${reg.type}: the test engine runs dynamic-provider resources only`);
    const prior = this.prior.get(urn);
    const { inputs, failures } = await this.host.check(urn, prior?.inputs ?? {}, reg.inputs);
    if (failures.length) throw new Error(`check failed: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    stored.inputs = inputs;
    if (!prior) return this.create(stored);
    const diff = await this.host.diff(prior.id, urn, prior.outputs, inputs);
    if (diff.changes !== "DIFF_SOME") {
      this.steps.push({ op: "same", urn });
      return this.keep({ ...stored, id: prior.id, outputs: prior.outputs }, { urn, id: prior.id, outputs: prior.outputs });
    }
    const change = { urn, olds: prior.outputs, news: inputs };
    if (diff.replaces.length > 0) {
      this.steps.push({ op: "replace", ...change, replaces: diff.replaces });
      return this.replace(prior, stored, diff.deleteBeforeReplace || reg.deleteBeforeReplace);
    }
    this.steps.push({ op: "update", ...change });
    // A preview cannot know an update's outputs: the dynamic host has no preview, so the engine shows the inputs.
    const outputs = this.context.dryRun ? inputs : await this.host.update(prior.id, urn, prior.outputs, inputs);
    return this.keep({ ...stored, id: prior.id, outputs }, { urn, id: prior.id, outputs });
  }

  /** After the program: what it no longer declares is deleted, dependants first (retainOnDelete: forgotten).
   * A failed delete stops there; it and the ones not reached stay in the state. */
  async deleteUndeclared(): Promise<void> {
    const declared = new Set(this.next.resources.map((r) => r.urn));
    const gone = [...this.old.resources].reverse().filter((r) => !declared.has(r.urn));
    for (const [index, r] of gone.entries()) {
      this.steps.push({ op: "delete", urn: r.urn, retained: r.retainOnDelete });
      try {
        if (r.custom && !r.retainOnDelete && !this.context.dryRun) await this.host.delete(r.id, r.urn, r.outputs);
      } catch (error) {
        this.failures.push(`${r.urn}: ${(error as Error).message}`);
        this.next.resources.unshift(...gone.slice(index).reverse());
        return;
      }
    }
  }

  private async create(stored: StoredResource): Promise<Registered> {
    if (!this.steps.some((s) => s.urn === stored.urn)) this.steps.push({ op: "create", urn: stored.urn, news: stored.inputs });
    if (this.context.dryRun) return this.keep(stored, { urn: stored.urn, id: "", outputs: stored.inputs });
    const { id, properties } = await this.host.create(stored.urn, stored.inputs).catch((error: HostError) => {
      // The object exists but did not finish: the engine keeps it by id, with what the provider reported.
      if (error.initFailedId) this.next.resources.push({ ...stored, id: error.initFailedId, outputs: error.initFailedProperties ?? {} });
      throw error;
    });
    return this.keep({ ...stored, id, outputs: properties }, { urn: stored.urn, id, outputs: properties });
  }

  private async replace(prior: StoredResource, stored: StoredResource, deleteFirst: boolean): Promise<Registered> {
    // retainOnDelete (from the stored state) also skips the delete half of a replacement.
    const remove = () => (prior.retainOnDelete || this.context.dryRun ? undefined : this.host.delete(prior.id, prior.urn, prior.outputs));
    if (deleteFirst) await remove();
    const created = await this.create(stored);
    if (!deleteFirst) await remove();
    return created;
  }

  private keep(stored: StoredResource, registered: Registered): Registered {
    this.next.resources.push(stored);
    return registered;
  }
}
