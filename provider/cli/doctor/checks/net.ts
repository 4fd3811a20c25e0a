/** net.*: the route to the API and its TLS, with sockets only. */
import { outcome, type Check, type Outcome } from "../check";
import { firstHop, reach, tlsFacts, type TlsFacts } from "../connect";

const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

export const route: Check = {
  id: "net.route",
  title: "Proxy, DNS and connection",
  needs: ["env.settings"],
  async run(probe) {
    const { baseUrl } = probe.session.settings!;
    const hop = firstHop(baseUrl, probe.session.env);
    try {
      const address = await reach(hop);
      return outcome("ok", `${hop.via === "direct" ? "direct" : `through ${hop.via}`}: connected to ${hop.host} (${address}:${hop.port})`);
    } catch (error) {
      const through = hop.via === "direct" ? "" : ` through ${hop.via}`;
      return outcome("fail", `cannot reach ${baseUrl}${through}: ${code(error)} connecting to ${hop.host}:${hop.port}`, {
        expected: "a TCP connection within 3 s",
        action: hop.via === "direct" ? "Check MAIAGENT_BASE_URL, DNS and firewalls (or set HTTPS_PROXY)." : "Check the proxy, or exempt the API host with NO_PROXY.",
      });
    }
  },
};

export const tls: Check = {
  id: "net.tls",
  title: "TLS certificate",
  needs: ["net.route"],
  async run(probe) {
    const { baseUrl } = probe.session.settings!;
    if (!baseUrl.startsWith("https:")) return outcome("skip", "plain http:// to this machine: no TLS");
    try {
      const facts = await tlsFacts(baseUrl, probe.session.env);
      probe.session.tls = facts;
      return tlsOutcome(facts, new URL(baseUrl).hostname);
    } catch (error) {
      return outcome("fail", `no TLS handshake with ${baseUrl}: ${code(error)}`, { action: "Check that the base URL speaks https on that port." });
    }
  },
};

/** The verdict on a handshake's facts: untrusted or misnamed fails, under 14 days left warns. */
export function tlsOutcome(facts: TlsFacts, hostname: string): Outcome {
  const seen = `${facts.protocol}, issued by ${facts.issuer ?? "?"}, ${facts.daysLeft ?? "?"} days left`;
  if (!facts.trusted) {
    return outcome("fail", `certificate not trusted (${facts.trustError}): ${seen}`, {
      expected: "a certificate from a CA this Node trusts",
      action: "A TLS-intercepting proxy? Point NODE_EXTRA_CA_CERTS at its CA certificate (PEM) and run again.",
    });
  }
  if (!facts.nameMatches) return outcome("fail", `the certificate does not name ${hostname}: ${seen}`, { action: "Check MAIAGENT_BASE_URL's host name." });
  if (facts.daysLeft !== null && facts.daysLeft < 14) return outcome("warn", `certificate expires soon: ${seen}`, { expected: "14 days or more", action: "Tell the API's operators; requests fail once it expires." });
  return outcome("ok", `${seen}, name matches`);
}
