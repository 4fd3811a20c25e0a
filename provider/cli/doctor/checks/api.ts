/** api.root, auth.identity, http.redirects: is this the API root, does the key work, where do redirects go. */
import { outcome, said, type Check } from "../check";
import { field, record } from "../shapes";


/** `/api/` ↔ `/api/v1/`: both exist in the documents; a deployment may serve only one. */
function sibling(baseUrl: string): string | undefined {
  const url = new URL(baseUrl);
  if (/\/api\/v1\/$/.test(url.pathname)) url.pathname = url.pathname.replace(/v1\/$/, "");
  else if (/\/api\/$/.test(url.pathname)) url.pathname += "v1/";
  else return undefined;
  return url.href;
}
const answers = (status: number | undefined) => status !== undefined && status !== 404;

export const root: Check = {
  id: "api.root",
  title: "API root",
  needs: ["net.route"],
  after: ["net.tls"],
  async run(probe) {
    const { baseUrl } = probe.session.settings!;
    // users/current/ is asked at once: auth.identity reads it, and so does the fallback below.
    const [own] = await Promise.all([probe.get(""), probe.session.fetch("GET", "users/current/")]);
    if (own.status === undefined) return outcome("fail", `GET ${own.path}: ${said(own)}`, { action: "Check MAIAGENT_BASE_URL and the network." });
    // A 401 here is fine: auth.identity decides about the key.
    if (answers(own.status)) return outcome(own.status >= 500 ? "warn" : "ok", `GET ${own.path} answered ${said(own)}`);
    const other = sibling(baseUrl);
    const theirs = other ? await probe.get(other) : undefined;
    if (other && answers(theirs?.status)) return rootIsSibling(other);
    // Neither root is browsable: the documented users/current/ decides.
    const [ownUser, theirUser] = await Promise.all([probe.get("users/current/"), other ? probe.get(new URL("users/current/", other).href) : undefined]);
    if (answers(ownUser.status)) return outcome("ok", `the root is not browsable, but users/current/ answers under ${baseUrl}`);
    if (other && answers(theirUser?.status)) return rootIsSibling(other);
    const where = other ? `neither ${baseUrl} nor ${other} answers (users/current/: 404 under both)` : `${baseUrl} answers 404, users/current/ too`;
    return outcome("fail", where, { expected: "the API root, ending in /api/v1/ or /api/", action: "Set MAIAGENT_BASE_URL to the API root of your deployment." });
  },
};

function rootIsSibling(other: string) {
  return outcome("fail", `only ${other} answers`, { expected: "the base URL is the API root", action: `Set MAIAGENT_BASE_URL=${other}` });
}

export const identity: Check = {
  id: "auth.identity",
  title: "The key's own user",
  needs: ["api.root"],
  async run(probe) {
    const answer = await probe.get("users/current/");
    const user = record(answer.body);
    if (answer.status === 200 && user) {
      const [id, name, email] = ["id", "name", "email"].map((key) => field(user, key));
      probe.session.identity = { id: str(id), name: str(name), email: str(email) };
      return outcome("ok", `${name ?? "?"} <${email ?? "?"}>: the provider never removes this person from an organization`);
    }
    if (answer.status === 401 || answer.status === 403) {
      return outcome("fail", `users/current/ answered ${said(answer)}`, { action: "Set MAIAGENT_API_KEY to a valid MaiAgent API key (the key is not shown)." });
    }
    return outcome("fail", `users/current/ answered ${said(answer)}`, { expected: "200 with the key's user" });
  },
};
const str = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : null);

export const redirects: Check = {
  id: "http.redirects",
  title: "Redirects",
  needs: ["api.root"],
  async run(probe) {
    const { baseUrl } = probe.session.settings!;
    const answer = await probe.get("organizations");
    const location = answer.headers.location;
    if (!answer.status || answer.status < 300 || answer.status >= 400 || !location) {
      return outcome("ok", `a path without its trailing slash: ${said(answer)}, no redirect (the provider always sends the slash)`);
    }
    const target = new URL(String(location), answer.url);
    const base = new URL(baseUrl);
    const where = `${answer.status} to ${target.origin}${target.pathname}`;
    if (base.protocol === "https:" && target.protocol !== "https:") {
      return outcome("warn", `redirects leave https: ${where}`, {
        expected: "redirects stay on https",
        action: "The server thinks it is on plain http (behind a proxy without X-Forwarded-Proto). doctor never follows it; tell the operators.",
      });
    }
    if (target.host !== base.host) {
      return outcome("warn", `redirects to another ${target.hostname === base.hostname ? "port" : "host"}: ${where}`, { expected: `redirects stay on ${base.host}`, action: "Set MAIAGENT_BASE_URL to the host the API redirects to, if it is the real API." });
    }
    return outcome("ok", `a path without its trailing slash redirects on the same origin (${where}); the provider always sends the slash`);
  },
};
