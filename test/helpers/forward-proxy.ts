/** A real HTTP forward proxy on 127.0.0.1 (the `proxy` package, as Squid would behave) that records every
 * tunnel (CONNECT) and every plain proxied request it forwarded. */
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";

declare const nativeRequire: NodeJS.Require;
type ProxyPackage = typeof import("proxy");

export class ForwardProxy {
  /** `host:port` of each CONNECT tunnel opened, then each absolute URL forwarded without a tunnel. */
  readonly forwarded: string[] = [];
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: http.Server) {
    // CONNECT tunnels leave the HTTP server's bookkeeping, so closeAllConnections() would not end them.
    server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
  }

  /** `requireAuth`: answer 407 to everything, as a proxy whose credentials were refused. */
  static async start(options: { requireAuth?: boolean } = {}): Promise<ForwardProxy> {
    // `proxy` is ESM-only: loaded with Node's own require (require(esm)), outside jest's module system.
    const { createProxy } = nativeRequire("proxy") as ProxyPackage;
    const server = createProxy(http.createServer());
    if (options.requireAuth) server.authenticate = () => false;
    const proxy = new ForwardProxy(server);
    server.prependListener("connect", (req: http.IncomingMessage) => proxy.forwarded.push(req.url ?? ""));
    server.prependListener("request", (req: http.IncomingMessage) => proxy.forwarded.push(req.url ?? ""));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A URL on 127.0.0.1 where nothing listens: a proxy that is down. */
export async function deadProxyUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
