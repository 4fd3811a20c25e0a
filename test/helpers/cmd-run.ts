/** Runs a Pulumi program as the CLI's nodejs language host does: `node @pulumi/pulumi/cmd/run` in the program
 * directory with PULUMI_NODEJS_TYPESCRIPT=true (ts-node, type-checking with the project's tsconfig.json),
 * connected to a tiny resource monitor over gRPC that records each registration and echoes its inputs as
 * outputs. A stand-in for a full test engine; everything it needs is in this file. */
import * as grpc from "@grpc/grpc-js";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/* eslint-disable @typescript-eslint/no-require-imports */
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

export interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** The `retainOnDelete` resource option as the engine receives it. */
  retainOnDelete: boolean;
  /** Alias URNs, as the SDK sends them to a monitor without structured aliases. */
  aliasUrns: string[];
}

export interface ProgramRun {
  code: number | null;
  /** Everything the program and the SDK printed. */
  log: string;
  registered: Registration[];
  /** The stack's outputs (what the program exports). */
  outputs: Record<string, unknown>;
}

export async function runProgram(dir: string, config: Record<string, string> = {}, timeoutMs = 240_000): Promise<ProgramRun> {
  const registered: Registration[] = [];
  let outputs: Record<string, unknown> = {};
  const server = new grpc.Server();
  type Call = grpc.ServerUnaryCall<any, any>;
  type Callback = grpc.sendUnaryData<any>;
  server.addService(resrpc.ResourceMonitorService, {
    supportsFeature: (_call: Call, done: Callback) => done(null, new resproto.SupportsFeatureResponse().setHassupport(false)),
    registerResource: (call: Call, done: Callback) => {
      const req = call.request;
      const inputs = req.getObject()?.toJavaScript() ?? {};
      registered.push({ type: req.getType(), name: req.getName(), inputs, retainOnDelete: req.getRetainondelete() === true, aliasUrns: req.getAliasurnsList() });
      const urn = `urn:pulumi:dev::consumer::${req.getType()}::${req.getName()}`;
      const resp = new resproto.RegisterResourceResponse().setUrn(urn).setObject(Struct.fromJavaScript(inputs));
      if (req.getCustom()) resp.setId(`${req.getName()}-id`);
      done(null, resp);
    },
    registerResourceOutputs: (call: Call, done: Callback) => {
      outputs = call.request.getOutputs()?.toJavaScript() ?? {};
      done(null, new Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  try {
    const run = path.join(dir, "node_modules/@pulumi/pulumi/cmd/run");
    const args = [run, "--monitor", `127.0.0.1:${port}`, "--project", "consumer", "--stack", "dev", "--pwd", dir, "."];
    const env = { ...process.env, PULUMI_NODEJS_TYPESCRIPT: "true", PULUMI_CONFIG: JSON.stringify(config) };
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    clearTimeout(timer);
    return { code, log, registered, outputs };
  } finally {
    server.forceShutdown();
  }
}
