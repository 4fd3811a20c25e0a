/** HTTPS in front of the (plain http) emulator: TLS ends here, bytes go on to the emulator. The certificate is
 * made for this run with openssl, for localhost; a process trusts it with NODE_EXTRA_CA_CERTS=<caFile>. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import * as tls from "node:tls";

export class TlsFront {
  private readonly sockets = new Set<net.Socket>();
  private constructor(private readonly server: tls.Server, readonly caFile: string, private readonly dir: string) {}

  static async start(targetPort: number): Promise<TlsFront> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "maiagent-tls-"));
    const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"], { stdio: "ignore" });
    const server = tls.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) });
    const front = new TlsFront(server, cert, dir);
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
    fs.rmSync(this.dir, { recursive: true, force: true });
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
