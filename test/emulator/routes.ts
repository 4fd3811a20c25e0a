/** The 13 documented endpoints (and the undocumented organization DELETE), path relative to /api/ or /api/v1/. */
import { isGroupPath, routeGroups, routePermissions } from "./groups-routes";
import type { EmulatorOptions } from "./server";
import { notFound, reply, type EmulatorState, type Reply } from "./state";
import { memberView, orgDetail, orgListItem } from "./views";

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** Base for absolute `next`/`previous` links, e.g. http://127.0.0.1:4000/api/v1/ */
  root: string;
}

const notAllowed = (method: string) => reply(405, { detail: `Method "${method}" not allowed.` });

export function route(state: EmulatorState, options: EmulatorOptions, ownerId: string, call: Call): Reply {
  const { method, path, body } = call;
  const ts = options.timestamps;
  if (path === "auth/registration/") return method === "POST" ? reply(201, { detail: "Verification e-mail sent." }) : notAllowed(method);
  if (path === "auth/password/change/") {
    if (method !== "POST") return notAllowed(method);
    if (!body.newPassword1 || body.newPassword1 !== body.newPassword2) return reply(400, { newPassword2: ["The two password fields didn’t match."] });
    return reply(200, { detail: "New password has been saved." });
  }
  if (path === "users/current/") {
    const user = state.users.get(ownerId)!;
    if (method === "PUT") Object.assign(user, { name: body.name ?? user.name, email: body.email ?? user.email });
    else if (method !== "GET") return notAllowed(method);
    return reply(200, { ...user, authSource: null, apiKeys: [], permissions: ["organization.manage"] });
  }
  if (path === "permissions/") return routePermissions(state.groups, options, call);
  if (isGroupPath(path)) return routeGroups(state, options, call);
  if (path === "organizations/") {
    if (method === "GET") return paginate(call, options, [...state.orgs.values()].map((o) => orgListItem(o, ts)));
    if (method !== "POST") return notAllowed(method);
    const [refusal, orgBody] = logoRule(options, body);
    if (refusal) return refusal;
    const created = state.createOrg(orgBody, ownerId);
    return created.status === 201 ? reply(201, orgDetail(state, created.body as never, ts)) : created;
  }
  const match = /^organizations\/([^/]+)\/(?:members\/(?:([^/]+)\/)?)?$/.exec(path);
  if (!match) return notFound();
  const [, orgId, memberId] = match;
  // DRF checks the method before the lookup: without a destroy action, DELETE is 405 even for a missing org.
  if (!path.includes("/members/") && method === "DELETE" && !options.allowOrganizationDelete) return notAllowed(method);
  const org = state.orgs.get(orgId);
  if (!org) return notFound();
  if (!path.includes("/members/")) {
    if (method === "GET") return reply(200, orgDetail(state, org, ts));
    if (method === "PUT" || method === "PATCH") {
      const [refusal, orgBody] = logoRule(options, body);
      if (refusal) return refusal;
      const updated = state.updateOrg(org, orgBody, method === "PATCH");
      return updated.status === 200 ? reply(200, orgDetail(state, org, ts)) : updated;
    }
    if (method !== "DELETE") return notAllowed(method);
    state.membersOf(org.id).forEach((m) => state.members.delete(m.id));
    state.orgs.delete(org.id);
    return reply(204);
  }
  if (memberId === undefined) {
    if (method === "GET") {
      options.beforeMemberPage?.(org.id, Number(call.query.get("page") ?? 1));
      const members = state.membersOf(org.id).map((m) => memberView(state, m, ts, options.memberIsOwner));
      return paginate(call, options, members.filter(matches(options.memberQuery, (call.query.get("query") ?? "").toLowerCase())));
    }
    if (method !== "POST") return notAllowed(method);
    const added = state.addMember(org, options.memberCreateHonoursIsOwner ? body : { ...body, isOwner: undefined });
    if ("status" in added) return added;
    const created = { email: added.email, organization: org.id, isOwner: added.isOwner };
    return reply(201, options.memberCreateReturnsId ? { id: added.id, ...created } : created);
  }
  const member = state.members.get(memberId);
  if (!member || member.organizationId !== org.id) return notFound();
  if (method === "GET") return reply(200, memberView(state, member, ts, options.memberIsOwner));
  if (method !== "DELETE") return notAllowed(method);
  state.members.delete(member.id);
  return reply(204);
}

const LOGOS = ["compactLogo", "fullLogo"];
/** Under `acceptNullLogos: false` a null logo is refused as DRF does, and "" (allow_blank) clears it. */
function logoRule(options: EmulatorOptions, body: Record<string, unknown>): [Reply | undefined, Record<string, unknown>] {
  if (options.acceptNullLogos) return [undefined, body];
  const nulls = LOGOS.filter((key) => body[key] === null);
  if (nulls.length) return [reply(400, Object.fromEntries(nulls.map((key) => [key, ["This field may not be null."]]))), body];
  return [undefined, Object.fromEntries(Object.entries(body).map(([key, value]) => [key, LOGOS.includes(key) && value === "" ? null : value]))];
}

export function paginate(call: Call, options: EmulatorOptions, items: unknown[]): Reply {
  if (call.query.get("pagination") === "false") return reply(200, items);
  const page = Number(call.query.get("page") ?? 1);
  const asked = call.query.get(options.pageSizeParam);
  let size = Number(asked ?? options.defaultPageSize);
  if (!Number.isInteger(page) || page < 1) return reply(404, { detail: "Invalid page." });
  if (!Number.isInteger(size) || size < 1) size = options.defaultPageSize;
  // DRF checks max_page_size against the size asked for only; its default PAGE_SIZE is never refused.
  if (asked !== null && size > options.maxPageSize) {
    if (options.rejectOversizePageSize) return reply(400, { pageSize: [`Ensure this value is less than or equal to ${options.maxPageSize}.`] });
    size = options.maxPageSize;
  }
  const pages = Math.max(1, Math.ceil(items.length / size));
  if (page > pages) return reply(404, { detail: "Invalid page." });
  const link = (p: number) => {
    const url = new URL(call.path, call.root);
    call.query.forEach((v, k) => url.searchParams.set(k, v));
    url.searchParams.set("page", String(p));
    return url.href;
  };
  const results = items.slice((page - 1) * size, page * size);
  const count = Math.max(0, items.length - options.countShortBy);
  return reply(200, { count, next: page < pages ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null, results });
}

function matches(mode: EmulatorOptions["memberQuery"], query: string): (m: { email: string; name: string }) => boolean {
  if (mode === "ignored" || query === "") return () => true;
  if (mode === "exact-email") return (m) => m.email.toLowerCase() === query;
  return (m) => m.email.toLowerCase().includes(query) || m.name.toLowerCase().includes(query);
}
