/** members.*: the probed organization's member list, detail methods, `query` filter and add-member metadata.
 * Counts only: no member's email is ever shown. */
import { EXPECTED_FIELDS } from "../../../api/expectations";
import { outcome, said, type Check } from "../check";
import { allowed, asPage, field, has, record, type Json } from "../shapes";
import { schemaField } from "./schema-lookup";

const NEEDS_MEMBER = ["members.shape"];

export const shape: Check = {
  id: "members.shape",
  title: "Member list shape",
  needs: ["auth.identity"],
  async run(probe) {
    const orgId = await probe.see(probe.session.organizationId());
    if (!orgId) return outcome("skip", "no organization to look at");
    const members = (await probe.see(probe.session.members()))!;
    if (members.page.status === 404) return outcome("skip", `organization ${orgId}'s members: 404, not visible to this key`);
    if (members.page.status !== 200) return outcome("fail", `the member list answered ${said(members.page)}`, { expected: "a page of members" });
    const rows = members.rows;
    if (!rows.length) return outcome("skip", "the organization has no members to look at");
    const seen = `${rows.length} member${rows.length === 1 ? "" : "s"} on the first page`;
    if (rows.some((row) => typeof row.id !== "string" || typeof row.email !== "string")) {
      return outcome("fail", `${seen}: some lack id or email`, { expected: "id and email on every member", action: "Member and OrganizationMembers cannot match people: report this (doctor --json)." });
    }
    const owners = rows.map((row) => field(row, "isOwner"));
    if (owners.some((value) => value === undefined || value === null)) {
      return outcome("warn", `${seen}: isOwner absent or null`, {
        expected: "isOwner true/false on every member",
        action: "Every member is then treated as protected: OrganizationMembers removes nobody it cannot tell is not an owner.",
      });
    }
    if (owners.some((value) => typeof value === "string")) return outcome("info", `${seen}: isOwner as strings ("true"/"false")`, { expected: "isOwner a boolean", action: "The provider reads the strings." });
    return outcome("ok", `${seen}: id, email and a boolean isOwner on each`);
  },
};

export const methods: Check = {
  id: "members.methods",
  title: "Member methods",
  needs: NEEDS_MEMBER,
  async run(probe) {
    const members = await probe.see(probe.session.members());
    const detail = await probe.get(`organizations/${members!.orgId}/members/${String(members!.rows[0].id)}/`);
    const allow = allowed(detail.headers);
    if (!allow) return outcome("skip", `no Allow header on a member (HTTP ${detail.status ?? "none"})`);
    const seen = `Allow: ${allow.join(", ")}`;
    if (allow.includes("PUT") || allow.includes("PATCH")) return outcome("info", `${seen}: members can be updated in place`, { expected: "GET, DELETE", action: "The provider never updates a member: an isOwner change replaces it." });
    return outcome("ok", seen);
  },
};

export const query: Check = {
  id: "members.query",
  title: "Member search",
  needs: NEEDS_MEMBER,
  async run(probe) {
    const members = await probe.see(probe.session.members());
    const all = asPage(members!.page.body)!;
    if (all.count <= 1) return outcome("skip", "one member: cannot tell whether query filters");
    const email = String(members!.rows[0].email);
    const found = asPage((await probe.get(`organizations/${members!.orgId}/members/`, { query: { query: email } })).body);
    if (!found) return outcome("skip", "the search did not answer with a page");
    if (found.count >= all.count) {
      return outcome("info", `query=<a member's email> answered all ${found.count} members: ignored`, {
        expected: "query filters by email",
        action: "A create whose answer lacks an id then scans every page of members to find the new one.",
      });
    }
    return outcome("ok", `query=<a member's email> answered ${found.count} of ${all.count}: it filters`);
  },
};

const IS_OWNER = EXPECTED_FIELDS.find((f) => f.id === "memberCreate.isOwner")!;

export const create: Check = {
  id: "members.create",
  title: "isOwner on add-member",
  needs: ["auth.identity"],
  async run(probe) {
    const orgId = await probe.see(probe.session.organizationId());
    if (!orgId) return outcome("skip", "no organization to ask");
    const answer = await probe.options(`organizations/${orgId}/members/`);
    const post = record(field(record(record(answer.body)?.actions), "POST") ?? record(record(answer.body)?.actions)?.post);
    const warn = (source: string) =>
      outcome("warn", `isOwner is read-only on add-member (${source})`, {
        expected: "isOwner settable on add",
        action: "A declared Member.isOwner: true fails verification after the add: make owners in MaiAgent and declare the live value.",
      });
    if (post) {
      if (!has(post, "isOwner")) return warn("OPTIONS: add-member takes no isOwner");
      const readOnly = field(record(field(post, "isOwner")) as Json, "readOnly");
      return readOnly === true ? warn("OPTIONS metadata") : outcome("ok", "isOwner is writable on add-member (OPTIONS metadata)");
    }
    const fromSchema = await probe.see(schemaField(probe.session, IS_OWNER));
    // DRF leaves `actions` out when the key may not POST there: worth saying, the provider's creates would fail.
    const noActions = `OPTIONS gave no actions (HTTP ${answer.status ?? answer.error}; DRF omits them when this key may not add members)`;
    if (fromSchema === undefined) return outcome("skip", `${noActions} and there is no schema: cannot tell`);
    return fromSchema.readOnly === true ? warn(`the schema; ${noActions}`) : outcome("ok", `isOwner is writable on add-member (the schema; ${noActions})`);
  },
};
