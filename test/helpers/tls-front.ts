/** HTTPS in front of the (plain http) emulator: TLS ends here, bytes go on to the emulator. The certificate is
 * a committed self-signed test fixture for localhost (valid until 2126; no openssl needed on the machine);
 * a process trusts it with NODE_EXTRA_CA_CERTS=<caFile>. */
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import * as tls from "node:tls";

const FIXTURES = path.resolve(__dirname, "../fixtures");
const KEY_FILE = path.join(FIXTURES, "localhost-key.pem");
const CERT_FILE = path.join(FIXTURES, "localhost-cert.pem");

export class TlsFront {
  private readonly sockets = new Set<net.Socket>();
  readonly caFile = CERT_FILE;
  private constructor(private readonly server: tls.Server) {}

  static async start(targetPort: number): Promise<TlsFront> {
    const server = tls.createServer({ key: fs.readFileSync(KEY_FILE), cert: fs.readFileSync(CERT_FILE) });
    const front = new TlsFront(server);
    server.on("secureConnection", (socket) => {
      const upstream = net.connect(targetPort, "127.0.0.1");
      for (const s of [socket, upstream]) {
        front.sockets.add(s);
        s.once("close", () => front.sockets.delete(s));
        s.on("error", () => undefined);
      }
      socket.pipe(upstream).pipe(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return front;
  }

  /** The same API root, over https on this front. */
  baseUrl(plain: string): string {
    const url = new URL(plain);
    return `https://localhost:${(this.server.address() as net.AddressInfo).port}${url.pathname}`;
  }

  stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
