/** permissions.shape, groups.present, groups.bulk: what Group and GroupMembers rely on. */
import { EXPECTED_PATHS } from "../../../api/expectations";
import { outcome, said, type Check } from "../check";
import { asPage, record } from "../shapes";
import { schemaPaths } from "./schema-lookup";

export const permissions: Check = {
  id: "permissions.shape",
  title: "Permissions list",
  needs: ["auth.identity"],
  async run(probe) {
    const answer = await probe.get("permissions/");
    if (answer.status !== 200) return outcome("warn", `permissions/ answered ${said(answer)}`, { expected: "200 with the permissions", action: "Group permissions by name cannot be resolved." });
    if (Array.isArray(answer.body)) return outcome("ok", `an array of ${answer.body.length} permission${answer.body.length === 1 ? "" : "s"}`);
    const page = asPage(answer.body);
    if (page) return outcome("info", `a page of permissions (count ${page.count})`, { expected: "an array (the seeds)", action: "The provider reads every page." });
    return outcome("warn", "permissions/ answered neither an array nor a page", { expected: "an array of {id, name, description}" });
  },
};

export const present: Check = {
  id: "groups.present",
  title: "Groups (roles)",
  needs: ["auth.identity"],
  async run(probe) {
    const orgId = await probe.see(probe.session.organizationId());
    if (!orgId) return outcome("skip", "no organization to ask");
    // Asked together; a 404 means "no groups" only for an organization the key can read.
    const [org, answer] = await Promise.all([probe.see(probe.session.organization()), probe.get(`organizations/${orgId}/groups/`)]);
    if (!org) return outcome("skip", `organization ${orgId} is not readable: cannot tell`);
    if (answer.status === 404) {
      return outcome("warn", "groups/ answered 404: this deployment has no groups", { expected: "organizations/{id}/groups/", action: "Group and GroupMembers cannot work here; Organization and members do." });
    }
    const page = asPage(answer.body);
    if (answer.status !== 200 || !page) return outcome("warn", `groups/ answered ${said(answer)}`, { expected: "200 with a page of groups" });
    const odd = page.results.filter((g) => typeof g.id !== "string" || typeof g.name !== "string").length;
    const notes = [!page.paged && "an array, not a page", odd && `${odd} without id or name`].filter(Boolean);
    const seen = `${page.count} group${page.count === 1 ? "" : "s"}`;
    if (notes.length) return outcome("info", `${seen}: ${notes.join("; ")}`, { expected: "a page of {id, name, permissions, createdAt}" });
    return outcome("ok", seen);
  },
};

const BULK = EXPECTED_PATHS.find((p) => p.path.endsWith("bulk-create/"))!;

export const bulk: Check = {
  id: "groups.bulk",
  title: "Group bulk-create",
  needs: ["groups.present"],
  async run(probe) {
    const orgId = (await probe.see(probe.session.organizationId()))!;
    const list = await probe.get(`organizations/${orgId}/groups/`);
    if (list.status !== 200) return outcome("skip", `no group list (${said(list)}): bulk-create is moot`);
    const groups = asPage(list.body);
    const doc = await probe.see(probe.session.schema());
    const inSchema = doc ? schemaPaths(doc).get(BULK.path)?.has("post") === true : undefined;
    const absent = (why: string) => outcome("info", `bulk-create absent (${why})`, { expected: "POST …/group-members/bulk-create/", action: "GroupMembers adds people with one POST each." });
    const group = groups?.results[0];
    if (!group || typeof group.id !== "string") {
      if (inSchema === undefined) return outcome("skip", "no group to ask and no schema: cannot tell");
      return inSchema ? outcome("ok", "bulk-create is in the schema (no group to ask)") : absent("not in the schema; no group to ask");
    }
    const answer = await probe.options(`organizations/${orgId}/groups/${group.id}/group-members/bulk-create/`);
    if (answer.status === 404 || answer.status === 405) return absent(`OPTIONS answered ${answer.status}`);
    if (answer.status !== 200) return outcome("skip", `OPTIONS bulk-create answered ${said(answer)}`);
    if (inSchema === false) return absent("OPTIONS answers, but the schema does not list it");
    const post = record(record(record(answer.body)?.actions)?.POST);
    return outcome("ok", `bulk-create answers OPTIONS${post ? ` (POST takes ${Object.keys(post).join(", ")})` : ""}`);
  },
};
