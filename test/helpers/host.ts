/** Drives the real dynamic-provider host from @pulumi/pulumi over gRPC, the way the Pulumi engine does:
 * spawned as `pulumi-resource-pulumi-nodejs <engine>` in the project directory, port read from stdout. */
import * as grpc from "@grpc/grpc-js";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/* eslint-disable @typescript-eslint/no-require-imports */
const provproto = require("@pulumi/pulumi/proto/provider_pb");
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");

/** The repository root, from test/helpers (ts-jest) or dist/test/helpers (compiled for the benchmark). */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");
export const PROJECT = path.join(ROOT, ".tmp", "project");
export const ORG_TYPE = "pulumi-nodejs:dynamic/maiagent:Organization";
export const MEMBER_TYPE = "pulumi-nodejs:dynamic/maiagent:Member";
export const ROSTER_TYPE = "pulumi-nodejs:dynamic/maiagent:OrganizationMembers";
export const GROUP_TYPE = "pulumi-nodejs:dynamic/maiagent:Group";
export const GROUP_MEMBERS_TYPE = "pulumi-nodejs:dynamic/maiagent:GroupMembers";
export const GROUP_MEMBER_TYPE = "pulumi-nodejs:dynamic/maiagent:GroupMember";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export type Props = Record<string, unknown>;

/** The `__provider` text a user's program stores for each type, made from the packed, installed package. */
export function providerTexts(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(PROJECT, "providers.json"), "utf8"));
}

/** The @pulumi/pulumi the project (and so the provider host) uses: the locked one, or MAIAGENT_TEST_SDK's. */
export function sdkVersion(cwd = PROJECT): string {
  const manifest = require.resolve("@pulumi/pulumi/package.json", { paths: [cwd] });
  return JSON.parse(fs.readFileSync(manifest, "utf8")).version;
}

/** Before 3.268 the host loads the provider only from a Read's stored outputs, which a `get` lookup has none of. */
export function hostServesGet(): boolean {
  const [major, minor] = sdkVersion().split(".").map(Number);
  return major > 3 || (major === 3 && minor >= 268);
}
export const GET_SKIP_REASON = " — SKIPPED: @pulumi/pulumi < 3.268's host cannot serve get lookups (README: Supported versions)";

export class HostError extends Error {
  constructor(message: string, readonly initFailedId?: string, readonly initFailedProperties?: Props) {
    super(message);
  }
}

export class ProviderHost {
  /** Everything the host wrote to stdout and stderr (its log). */
  log = "";
  private readonly closed: Promise<unknown>;
  private constructor(private readonly child: ChildProcess, private readonly rpc: any) {
    this.closed = new Promise((resolve) => child.once("close", resolve));
  }

  /** `cwd`: the Pulumi project directory, where the host resolves @pulumi/pulumi and the `__provider` modules. */
  static async start(env: NodeJS.ProcessEnv = {}, cwd = PROJECT): Promise<ProviderHost> {
    const script = path.join(ROOT, "node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs");
    const child = spawn(script, ["127.0.0.1:1"], {
      cwd,
      env: { ...process.env, PULUMI_NODEJS_PROJECT: "maiagent-test", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: the script starts node as a child, and both must stop
    });
    let log = "";
    child.stderr!.on("data", (d) => (log += d));
    const port = await new Promise<string>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`provider host exited (${code}): ${log}`)));
    });
    const rpc = new provrpc.ResourceProviderClient(`127.0.0.1:${port.trim()}`, grpc.credentials.createInsecure());
    const host = new ProviderHost(child, rpc);
    child.stdout!.on("data", (d) => (host.log += d));
    child.stderr!.on("data", (d) => (host.log += d));
    host.log = log;
    return host;
  }

  /** Peak resident memory (VmHWM, kB) of the host's node process, the child of its shell script; Linux only. */
  peakMemoryKb(): number | undefined {
    try {
      const pid = this.child.pid!;
      const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/);
      const status = fs.readFileSync(`/proc/${children[0]}/status`, "utf8");
      return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
    } catch {
      return undefined;
    }
  }

  async stop(): Promise<void> {
    this.rpc.close();
    try {
      process.kill(-this.child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await this.closed;
  }

  configure(config: Record<string, string>): Promise<void> {
    const req = new provproto.ConfigureRequest();
    req.setArgs(Struct.fromJavaScript(config as never));
    return this.call("configure", req).then(() => undefined);
  }

  async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: { property: string; reason: string }[] }> {
    const req = new provproto.CheckRequest();
    req.setUrn(urn);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    const resp = await this.call("check", req);
    const failures = resp.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));
    return { inputs: resp.getInputs().toJavaScript(), failures };
  }

  async diff(id: string, urn: string, olds: Props, news: Props): Promise<{ changes: string; replaces: string[]; deleteBeforeReplace: boolean }> {
    const req = new provproto.DiffRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    const resp = await this.call("diff", req);
    const changes = ["DIFF_UNKNOWN", "DIFF_NONE", "DIFF_SOME"][resp.getChanges()];
    return { changes, replaces: resp.getReplacesList(), deleteBeforeReplace: resp.getDeletebeforereplace() };
  }

  async create(urn: string, props: Props): Promise<{ id: string; properties: Props }> {
    const req = new provproto.CreateRequest();
    req.setUrn(urn);
    req.setProperties(struct(props));
    const resp = await this.call("create", req);
    return { id: resp.getId(), properties: resp.getProperties().toJavaScript() };
  }

  async read(id: string, urn: string, properties: Props, inputs?: Props): Promise<{ id: string; properties: Props; inputs?: Props }> {
    const req = new provproto.ReadRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(struct(properties));
    if (inputs) req.setInputs(struct(inputs));
    const resp = await this.call("read", req);
    return { id: resp.getId(), properties: resp.getProperties()?.toJavaScript() ?? {}, inputs: resp.getInputs()?.toJavaScript() };
  }

  async update(id: string, urn: string, olds: Props, news: Props): Promise<Props> {
    const req = new provproto.UpdateRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    return (await this.call("update", req)).getProperties().toJavaScript();
  }

  async delete(id: string, urn: string, properties: Props): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setId(id);
    req.setUrn(urn);
    req.setProperties(struct(properties));
    await this.call("delete", req);
  }

  private call(method: string, req: unknown): Promise<any> {
    return new Promise((resolve, reject) => {
      this.rpc[method](req, (err: grpc.ServiceError | null, resp: unknown) => (err ? reject(toHostError(err)) : resolve(resp)));
    });
  }
}

const struct = (value: Props) => Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));

/** An ErrorResourceInitFailed detail means the object exists and the engine keeps tracking it by id. */
function toHostError(err: grpc.ServiceError): HostError {
  const raw = err.metadata?.get("grpc-status-details-bin")[0];
  if (raw) {
    const status = statusproto.Status.deserializeBinary(new Uint8Array(raw as Buffer));
    for (const any of status.getDetailsList()) {
      const detail = any.unpack(provproto.ErrorResourceInitFailed.deserializeBinary, "pulumirpc.ErrorResourceInitFailed");
      if (detail) return new HostError(err.details, detail.getId(), detail.getProperties()?.toJavaScript());
    }
  }
  return new HostError(err.details || err.message);
}
