/** The engine's two gRPC services a Node.js program talks to, on 127.0.0.1: ResourceMonitor (register, read,
 * outputs) and Engine (log, root resource). Built from the stubs @pulumi/pulumi ships in proto/. */
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Props } from "./state-file";

/* eslint-disable @typescript-eslint/no-require-imports */
const resrpc = require("@pulumi/pulumi/proto/resource_grpc_pb");
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const enginerpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
const engineproto = require("@pulumi/pulumi/proto/engine_pb");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb");

/** What the program asked for with `new Resource(name, args, opts)`. */
export interface Registration {
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  inputs: Props;
  dependencies: string[];
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
}
export interface Registered {
  urn: string;
  /** "" while unknown (a preview's creates and replacements). */
  id: string;
  outputs: Props;
}
export interface LogEntry {
  severity: "debug" | "info" | "warning" | "error";
  message: string;
  urn: string;
}
/** What the program asked for with `Resource.get(name, id)`: read an object the stack does not manage. */
export interface ReadRegistration {
  type: string;
  name: string;
  parent: string;
  id: string;
  inputs: Props;
}
export interface MonitorHandlers {
  register(registration: Registration): Promise<Registered>;
  read(registration: ReadRegistration): Promise<Registered>;
  outputs(urn: string, outputs: Props): void;
}

export class EngineServers {
  readonly log: LogEntry[] = [];
  private rootUrn = "";
  private constructor(private readonly server: grpc.Server, readonly address: string) {}

  static async start(handlers: MonitorHandlers): Promise<EngineServers> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) => (err ? reject(err) : resolve(bound))),
    );
    const servers = new EngineServers(server, `127.0.0.1:${port}`);
    server.addService(resrpc.ResourceMonitorService, servers.monitor(handlers));
    server.addService(enginerpc.EngineService, servers.engine());
    return servers;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }

  private monitor(handlers: MonitorHandlers) {
    return {
      // Every optional feature off: the SDK then sends plain values (no secret or output wrappers, no references).
      supportsFeature: unary(() => new resproto.SupportsFeatureResponse().setHassupport(false)),
      registerResource: unary(async (req: any) => {
        const registered = await handlers.register({
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent(),
          custom: req.getCustom(),
          inputs: req.getObject()?.toJavaScript() ?? {},
          dependencies: req.getDependenciesList(),
          retainOnDelete: req.getRetainondelete() ?? false,
          deleteBeforeReplace: req.getDeletebeforereplace(),
        });
        const resp = new resproto.RegisterResourceResponse();
        resp.setUrn(registered.urn);
        resp.setId(registered.id);
        resp.setObject(Struct.fromJavaScript(JSON.parse(JSON.stringify(registered.outputs))));
        return resp;
      }),
      readResource: unary(async (req: any) => {
        const read = await handlers.read({
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent(),
          id: req.getId(),
          inputs: req.getProperties()?.toJavaScript() ?? {},
        });
        const resp = new resproto.ReadResourceResponse();
        resp.setUrn(read.urn);
        resp.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(read.outputs))));
        return resp;
      }),
      registerResourceOutputs: unary((req: any) => {
        handlers.outputs(req.getUrn(), req.getOutputs()?.toJavaScript() ?? {});
        return new emptyproto.Empty();
      }),
      signalAndWaitForShutdown: unary(() => new emptyproto.Empty()),
    };
  }

  private engine() {
    const severities = ["debug", "info", "warning", "error"] as const;
    return {
      log: unary((req: any) => {
        this.log.push({ severity: severities[req.getSeverity()], message: req.getMessage(), urn: req.getUrn() });
        return new emptyproto.Empty();
      }),
      getRootResource: unary(() => new engineproto.GetRootResourceResponse().setUrn(this.rootUrn)),
      setRootResource: unary((req: any) => {
        this.rootUrn = req.getUrn();
        return new engineproto.SetRootResourceResponse();
      }),
    };
  }
}

/** A gRPC unary handler from a function; a thrown error reaches the program as the call's failure. */
function unary(handle: (req: any) => unknown) {
  return (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
    Promise.resolve()
      .then(() => handle(call.request))
      .then(
        (resp) => callback(null, resp),
        (err: Error) => callback({ code: grpc.status.UNKNOWN, details: err.message } as grpc.ServiceError, null),
      );
  };
}
