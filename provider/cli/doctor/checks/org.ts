/** org.*: the probed organization's shape and the methods its detail route allows. */
import { outcome, type Check } from "../check";
import { allowed, field, has } from "../shapes";

export const shape: Check = {
  id: "org.shape",
  title: "Organization shape",
  needs: ["auth.identity"],
  async run(probe) {
    const org = await probe.see(probe.session.organization());
    if (!org && probe.session.orgId) {
      return outcome("fail", `organization ${probe.session.orgId} (--org) is not visible to this key`, {
        expected: "the organization given with --org, readable with this key",
        action: "Check the id (npx pulumi-maiagent export --all lists what this key can see) or use a key of a member of that organization.",
      });
    }
    if (!org) return outcome("skip", "no organization visible to this key", { action: "Create one in MaiAgent, or pass --org <id>." });
    const body = org.body;
    const notes: string[] = [];
    if (Object.keys(body).some((key) => key.includes("_"))) notes.push("snake_case keys (the provider reads both spellings)");
    const created = field(body, "createdAt");
    if (typeof created === "number" || (typeof created === "string" && /^\d+$/.test(created))) notes.push("createdAt as epoch milliseconds (the provider converts)");
    else if (typeof created !== "string" || Number.isNaN(Date.parse(created))) notes.push(`createdAt is ${JSON.stringify(created)} (shown as given)`);
    const logos = ["compactLogo", "fullLogo"].filter((key) => !has(body, key));
    const name = `organization ${String(body.id)}`;
    if (logos.length) {
      return outcome("warn", `${name}: ${logos.join(" and ")} absent from reads`, {
        expected: "compactLogo and fullLogo in every read",
        action: "A declared logo would show as drift on every refresh: leave logos undeclared on this deployment.",
      });
    }
    if (notes.length) return outcome("info", `${name}: ${notes.join("; ")}`, { expected: "camelCase keys, ISO createdAt" });
    return outcome("ok", `${name}: camelCase keys, ISO createdAt, both logo fields`);
  },
};

export const methods: Check = {
  id: "org.methods",
  title: "Organization methods",
  needs: ["org.shape"],
  async run(probe) {
    const org = await probe.see(probe.session.organization());
    const allow = allowed(org!.detail.headers);
    if (!allow) return outcome("skip", "no Allow header on the organization: cannot tell whether DELETE exists without sending one");
    const seen = `Allow: ${allow.join(", ")}`;
    if (allow.includes("DELETE")) {
      return outcome("warn", `${seen}: DELETE exists`, {
        expected: "no DELETE (the documents have none)",
        action: "Destroying an Organization really deletes it with its members: set retainOnDelete: true on each you keep.",
      });
    }
    return outcome("ok", `${seen}: no DELETE, so destroy leaves organizations in place (the provider says so)`);
  },
};
