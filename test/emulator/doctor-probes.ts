/** What `doctor` probes, each switchable: the API root view, Allow headers, DRF OPTIONS metadata, the generated
 * OpenAPI `schema/`, the Date header's offset, rate-limit headers, slashless redirects, `next` link origins, the
 * honoured page-size parameter, isOwner and logos in reads, and which API roots are served. */
import { allowFor, metadata, raw } from "./doctor-metadata";
import { openApi } from "./doctor-schema";
import type { Reply } from "./state";
import { reply } from "./state";
import type { Call } from "./routes";
import type { EmulatorOptions } from "./server";

export interface DoctorProbeOptions {
  /** DRF's DefaultRouter answers GET on the API root with links. */
  apiRootView: boolean;
  /** The roots this deployment serves; the other answers 404 (not logged as an API request). */
  servedPrefixes: ("/api/v1/" | "/api/")[];
  /** DRF sends `Allow` on every answer of a view. */
  allowHeaders: boolean;
  /** OPTIONS answers DRF metadata with `actions` (false: name and description only, as without permission). */
  optionsActions: boolean;
  /** `schema/` (drf-spectacular), generated from the provider's expectations; `schemaOverride` edits it. */
  schemaServed: boolean;
  schemaOverride?: (doc: Record<string, any>) => void;
  /** Added to the Date header (a server clock that is off). */
  clockOffsetMs: number;
  /** X-RateLimit-Limit / X-RateLimit-Remaining on every answer. */
  rateLimitHeaders: boolean;
  /** A GET without the trailing slash: Django's APPEND_SLASH 301 on the same origin, to http://, to another host, or 404. */
  slashlessRedirect: "same" | "http" | "other-host" | "none";
  /** The origin `next`/`previous` links carry: the public one, plain http (a proxy without X-Forwarded-Proto), another host. */
  nextLinks: "same" | "http" | "other-host";
  /** The origin clients use (the TLS front's), for links and redirects; default the emulator's own. */
  publicOrigin?: string;
  /** With `rejectOversizePageSize`: the 400 names no field ("Invalid request."), so a client cannot tell why. */
  unnamedPageSize400: boolean;
  /** The page-size query parameter honoured (the other is ignored). */
  pageSizeParam: "pageSize" | "page_size";
  /** false: organization reads leave out compactLogo and fullLogo. */
  orgLogosInReads: boolean;
  /** false: every groups/ path answers 404 (a deployment without roles). */
  groupsPresent: boolean;
  /** Same option and values as the roles branch: bulk-create present, or absent (404/405). */
  groupBulkCreate: "201" | "200-empty" | "absent-404" | "absent-405";
  /** `permissions/` as a DRF page instead of an array (as the roles branch's option). */
  permissionsPaged: boolean;
}

export const DOCTOR_PROBE_DEFAULTS: DoctorProbeOptions = {
  apiRootView: true,
  servedPrefixes: ["/api/v1/", "/api/"],
  allowHeaders: true,
  optionsActions: true,
  schemaServed: true,
  clockOffsetMs: 0,
  rateLimitHeaders: false,
  slashlessRedirect: "same",
  nextLinks: "same",
  unnamedPageSize400: false,
  pageSizeParam: "pageSize",
  orgLogosInReads: true,
  groupsPresent: true,
  groupBulkCreate: "201",
  permissionsPaged: false,
};

const GROUPS = /^organizations\/[^/]+\/groups\//;

/** The origin links carry. */
export function linkOrigin(options: EmulatorOptions, own: string): string {
  const url = new URL(options.publicOrigin ?? own);
  if (options.nextLinks === "http") url.protocol = "http:";
  if (options.nextLinks === "other-host") url.hostname = "internal.emulator.test";
  return url.origin;
}

/** Django's CommonMiddleware runs before authentication: a slashless GET is redirected whoever asks. */
export function slashRedirect(options: EmulatorOptions, own: string, method: string, pathname: string): { status: number; location: string } | undefined {
  if (method !== "GET" || pathname.endsWith("/") || options.slashlessRedirect === "none") return undefined;
  const url = new URL(pathname + "/", options.publicOrigin ?? own);
  if (options.slashlessRedirect === "http") url.protocol = "http:";
  if (options.slashlessRedirect === "other-host") url.hostname = "elsewhere.emulator.test";
  return { status: 301, location: url.href };
}

/** Answers doctor's probes that the documented routes do not cover; undefined hands the call to them. */
export function probeRoute(options: EmulatorOptions, call: Call): Reply | undefined {
  const { method, path } = call;
  if (path === "" && method === "GET" && options.apiRootView) {
    return reply(200, { organizations: `${call.root}organizations/`, permissions: `${call.root}permissions/`, users: `${call.root}users/current/` });
  }
  if (path === "schema/" && method === "GET") return options.schemaServed ? raw(200, openApi(options)) : reply(404, { detail: "Not found." });
  if (GROUPS.test(path) && !options.groupsPresent) return reply(404, { detail: "Not found." });
  if (method === "OPTIONS") return metadata(options, path);
  if (options.rejectOversizePageSize && options.unnamedPageSize400 && Number(call.query.get(options.pageSizeParam)) > options.maxPageSize) {
    return reply(400, { detail: "Invalid request." });
  }
  return undefined;
}

/** Logos as this deployment renders them, applied to the documented routes' answers. */
export function reshape(options: EmulatorOptions, path: string, result: Reply): Reply {
  if (result.status !== 200 || !result.body || typeof result.body !== "object") return result;
  if (!options.orgLogosInReads && /^organizations\/[^/]+\/$/.test(path)) {
    const { compactLogo: _c, fullLogo: _f, ...rest } = result.body as Record<string, unknown>;
    return { ...result, body: rest };
  }
  return result;
}

/** Headers every answer gets: Allow, Date (with the clock offset), rate-limit headers. */
export function probeHeaders(options: EmulatorOptions, path: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { date: new Date(Date.now() + options.clockOffsetMs).toUTCString() };
  const allow = path === undefined ? undefined : allowFor(options, path);
  if (allow) headers.allow = allow;
  if (options.rateLimitHeaders) {
    const limit = options.rateLimitPerSecond || 10;
    Object.assign(headers, { "x-ratelimit-limit": String(limit), "x-ratelimit-remaining": String(limit - 1) });
  }
  return headers;
}
