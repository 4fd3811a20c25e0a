/** A small stand-in for the Pulumi CLI's engine, for tests: `up`, `preview`, `refresh` and `destroy` of one
 * stack of a real project, its program run by @pulumi/pulumi's own `cmd/run` (as the language host runs it),
 * every resource handled by the real dynamic-provider host, state in a JSON file. Not the CLI: no plugins,
 * no secrets provider (secret config is passed in plain text), no policy packs, one stack, no display. */
import { mapLimit } from "../helpers/engine";
import { ProviderHost } from "../helpers/host";
import { Deployment, type Step } from "./deployment";
import { limited } from "./limit";
import { runProgram, type RunResult } from "./language-host";
import { readProject, type Project } from "./project";
import { EngineServers, type LogEntry, type Registered } from "./servers";
import { mergeState, readState, writeState, type StackState } from "./state-file";

export interface EngineOptions {
  /** The folder with Pulumi.yaml. */
  root: string;
  stateFile: string;
  stack?: string;
  /** Stack config, e.g. { "maiagent:apiKey": "…" }; `secretKeys` names the ones set with --secret. */
  config?: Record<string, string>;
  secretKeys?: string[];
  /** Resource operations in flight at once (the CLI's default is 4 × CPUs). */
  parallel?: number;
  /** Extra environment for the program and the provider host. */
  env?: NodeJS.ProcessEnv;
}
export interface Result {
  ok: boolean;
  steps: Step[];
  /** The program's run (absent for refresh and destroy, which run no program). */
  program?: RunResult;
  log: LogEntry[];
  errors: string[];
  /** The provider host's peak resident memory, kB (VmHWM), when /proc shows it. */
  hostPeakKb?: number;
}

export class TestEngine {
  readonly project: Project;
  private readonly stack: string;
  constructor(private readonly options: EngineOptions) {
    this.project = readProject(options.root);
    this.stack = options.stack ?? "dev";
  }

  /** The same stack with other config values, as `pulumi config set` between two runs. */
  withConfig(config: Record<string, string>): TestEngine {
    return new TestEngine({ ...this.options, config: { ...this.options.config, ...config } });
  }

  state(): StackState {
    return readState(this.options.stateFile);
  }

  up(): Promise<Result> {
    return this.deploy(false);
  }

  /** check and diff only: nothing is written to the API or the state file. */
  preview(): Promise<Result> {
    return this.deploy(true);
  }

  /** Reads every resource; the read's inputs replace the stored inputs, a read that finds nothing drops it. */
  refresh(): Promise<Result> {
    return this.withHost(async (host) => {
      const old = this.state();
      const read = await mapLimit(old.resources, this.parallel, async (r) => {
        if (!r.custom) return r;
        const live = await host.read(r.id, r.urn, r.outputs, r.inputs);
        return live.id ? { ...r, id: live.id, outputs: live.properties, inputs: live.inputs ?? r.inputs } : undefined;
      });
      writeState(this.options.stateFile, { ...old, resources: read.filter((r) => r !== undefined) });
      return { steps: [] };
    });
  }

  /** Deletes everything, dependants first; retainOnDelete resources are only forgotten. */
  destroy(): Promise<Result> {
    return this.withHost(async (host) => {
      const old = this.state();
      const steps: Step[] = [];
      const remaining = [...old.resources];
      try {
        while (remaining.length) {
          const r = remaining[remaining.length - 1];
          steps.push({ op: "delete", urn: r.urn, retained: r.retainOnDelete });
          if (r.custom && !r.retainOnDelete) await host.delete(r.id, r.urn, r.outputs).catch((e: Error) => Promise.reject(new Error(`${r.urn}: ${e.message}`)));
          remaining.pop();
        }
      } finally {
        writeState(this.options.stateFile, { resources: remaining, outputs: remaining.length ? old.outputs : {} });
      }
      return { steps };
    });
  }

  private get parallel(): number {
    return this.options.parallel ?? 8;
  }

  private deploy(dryRun: boolean): Promise<Result> {
    return this.withHost(async (host) => {
      const old = this.state();
      const deployment = new Deployment(host, old, { stack: this.stack, project: this.project.name, dryRun });
      let cancel = () => undefined as void;
      const step = limited(this.parallel, (work: () => Promise<Registered>) => work());
      const servers = await EngineServers.start({
        register: (reg) => step(() => deployment.register(reg, () => cancel())),
        read: (reg) => step(() => deployment.read(reg, () => cancel())),
        outputs: (urn, outputs) => {
          if (urn.endsWith(`::pulumi:pulumi:Stack::${this.project.name}-${this.stack}`)) deployment.next.outputs = outputs;
        },
      });
      try {
        const config = this.options.config ?? {};
        const running = runProgram(
          this.project,
          { stack: this.stack, monitor: servers.address, dryRun, parallel: this.parallel, config, secretKeys: this.options.secretKeys ?? [] },
          this.options.env,
        );
        cancel = running.cancel;
        const program = await running.done;
        await deployment.settled();
        const ran = program.code === 0 && deployment.failures.length === 0;
        if (ran) await deployment.deleteUndeclared();
        if (!dryRun) writeState(this.options.stateFile, ran ? deployment.next : mergeState(old, deployment.next));
        const ok = ran && deployment.failures.length === 0;
        const errors = [...deployment.failures, ...servers.log.filter((l) => l.severity === "error").map((l) => l.message)];
        return { ok, steps: deployment.steps, program, log: servers.log, errors };
      } finally {
        await servers.stop();
      }
    });
  }

  /** One provider host per operation, configured with the stack config, as the engine starts its plugins. */
  private async withHost(operation: (host: ProviderHost) => Promise<Partial<Result>>): Promise<Result> {
    const host = await ProviderHost.start(this.options.env ?? {}, this.project.programDirectory);
    try {
      await host.configure(this.options.config ?? {});
      const result = await operation(host).catch((error: Error) => ({ ok: false, errors: [error.message] }));
      return { ok: true, steps: [], log: [], errors: [], ...result, hostPeakKb: host.peakMemoryKb() };
    } finally {
      await host.stop();
    }
  }
}
