/** HTTPS in front of the (plain http) emulator: TLS ends here, bytes go on to the emulator. The certificate is
 * a committed self-signed test fixture for localhost (valid until 2126; no openssl needed on the machine);
 * a process trusts it with NODE_EXTRA_CA_CERTS=<caFile>. Given `plainPort`, the same port also takes plain
 * http (told apart by the first byte, a TLS handshake starts with 0x16) and passes it to that port: an
 * https → http redirect on the same host and port then reaches a server the test watches. */
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import * as tls from "node:tls";

const FIXTURES = path.resolve(__dirname, "../fixtures");
const KEY_FILE = path.join(FIXTURES, "localhost-key.pem");
const CERT_FILE = path.join(FIXTURES, "localhost-cert.pem");
const TLS_HANDSHAKE = 0x16;

export class TlsFront {
  private readonly sockets = new Set<net.Socket>();
  readonly caFile = CERT_FILE;
  private constructor(private readonly server: net.Server) {}

  static async start(targetPort: number, plainPort?: number): Promise<TlsFront> {
    const secure = tls.createServer({ key: fs.readFileSync(KEY_FILE), cert: fs.readFileSync(CERT_FILE) });
    const server = net.createServer();
    const front = new TlsFront(server);
    const relay = (socket: net.Socket, port: number) => {
      const upstream = net.connect(port, "127.0.0.1");
      front.track(socket, upstream);
      socket.pipe(upstream).pipe(socket);
    };
    secure.on("secureConnection", (socket) => relay(socket, targetPort));
    server.on("connection", (socket) => {
      front.track(socket);
      socket.once("data", (first: Buffer) => {
        socket.pause();
        socket.unshift(first);
        if (first[0] === TLS_HANDSHAKE || plainPort === undefined) secure.emit("connection", socket);
        else relay(socket, plainPort);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return front;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** The same API root, over https on this front. */
  baseUrl(plain: string): string {
    return `https://localhost:${this.port}${new URL(plain).pathname}`;
  }

  stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private track(...sockets: net.Socket[]): void {
    for (const s of sockets) {
      this.sockets.add(s);
      s.once("close", () => this.sockets.delete(s));
      s.on("error", () => undefined);
    }
  }
}
