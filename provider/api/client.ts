/** A typed client for the 13 documented MaiAgent endpoints (plus the undocumented organization DELETE). */
import type { z } from "zod";
import { MaiAgentApiError, MaiAgentValidationError } from "./errors";
import { Http, type Method, type SendOptions } from "./http";
import { RequestScheduler } from "./scheduler";
import * as S from "./schemas";
import { resolveSettings, type Settings, type SettingsInput } from "./settings";

/** Page sizes tried for full scans, largest first; DRF clamps to its maximum, stricter servers answer 400. */
const SCAN_PAGE_SIZES = [1000, 100, undefined] as const;
const MAX_PAGES = 10_000;

export class MaiAgentClient {
  readonly http: Http;
  private scanPageSize: number | undefined = SCAN_PAGE_SIZES[0];

  /** Settings not given are read from MAIAGENT_* environment variables. Pass a scheduler to share limits. */
  constructor(settings: SettingsInput | Settings = {}, scheduler?: RequestScheduler) {
    const resolved = resolveSettings(settings);
    this.http = new Http(resolved, scheduler ?? new RequestScheduler(resolved));
  }

  // ---- organizations ----
  async listOrganizations(query: S.PageQuery = {}): Promise<S.Page<S.OrganizationRecord>> {
    return this.send("GET", "organizations/", S.PageOf(S.OrganizationRecord), { searchParams: valid(S.PageQuery, query, "page query") });
  }
  async listAllOrganizations(): Promise<S.OrganizationRecord[]> {
    return this.scan((page, pageSize) => this.listOrganizations({ page, pageSize }));
  }
  async createOrganization(body: S.OrganizationBody): Promise<S.OrganizationRecord> {
    return this.send("POST", "organizations/", S.OrganizationRecord, { json: compact(valid(S.OrganizationBody, body, "organization")) });
  }
  async getOrganization(id: string): Promise<S.OrganizationRecord> {
    return this.send("GET", `organizations/${seg(id)}/`, S.OrganizationRecord);
  }
  async updateOrganization(id: string, body: S.OrganizationBody): Promise<S.OrganizationRecord> {
    return this.send("PUT", `organizations/${seg(id)}/`, S.OrganizationRecord, { json: valid(S.OrganizationBody, body, "organization") });
  }
  async patchOrganization(id: string, body: Partial<S.OrganizationBody>): Promise<S.OrganizationRecord> {
    const json = valid(S.OrganizationBody.partial(), body, "organization");
    return this.send("PATCH", `organizations/${seg(id)}/`, S.OrganizationRecord, { json });
  }
  /** Not documented by MaiAgent; expect HTTP 405 from servers that do not allow it. */
  async deleteOrganization(id: string): Promise<void> {
    return this.send("DELETE", `organizations/${seg(id)}/`, null);
  }

  // ---- members ----
  async listMembers(organizationId: string, query: S.PageQuery = {}): Promise<S.Page<S.MemberRecord>> {
    const searchParams = valid(S.PageQuery, query, "page query");
    return this.send("GET", `organizations/${seg(organizationId)}/members/`, S.PageOf(S.MemberRecord), { searchParams });
  }
  /** Every member (optionally matching `query`), all pages, with the largest page size the server accepts. */
  async listAllMembers(organizationId: string, query?: string): Promise<S.MemberRecord[]> {
    return this.scan((page, pageSize) => this.listMembers(organizationId, { page, pageSize, query }));
  }
  async addMember(organizationId: string, body: S.MemberBody): Promise<S.MemberCreated> {
    const json: Record<string, unknown> = compact(valid(S.MemberBody, { organization: organizationId, ...body }, "member"));
    // The references show this body both as `is_owner` (000, 002) and `isOwner` (001); the API's camel-case
    // parser accepts either, and a server reading only one of them still finds it.
    if (json.isOwner !== undefined) json.is_owner = json.isOwner;
    return this.send("POST", `organizations/${seg(organizationId)}/members/`, S.MemberCreated, { json });
  }
  async getMember(organizationId: string, memberId: string): Promise<S.MemberRecord> {
    return this.send("GET", `organizations/${seg(organizationId)}/members/${seg(memberId)}/`, S.MemberRecord);
  }
  async removeMember(organizationId: string, memberId: string): Promise<void> {
    return this.send("DELETE", `organizations/${seg(organizationId)}/members/${seg(memberId)}/`, null);
  }

  // ---- account ----
  async getCurrentUser(): Promise<S.CurrentUser> {
    return this.send("GET", "users/current/", S.CurrentUser);
  }
  async updateCurrentUser(body: S.CurrentUserBody): Promise<S.CurrentUser> {
    return this.send("PUT", "users/current/", S.CurrentUser, { json: valid(S.CurrentUserBody, body, "user") });
  }
  async listPermissions(): Promise<S.Permission[]> {
    return this.send("GET", "permissions/", S.PageOf(S.Permission)).then((page) => page.results);
  }
  async register(body: S.RegistrationBody): Promise<S.Detail> {
    return this.send("POST", "auth/registration/", S.Detail, { json: valid(S.RegistrationBody, body, "registration") });
  }
  async changePassword(body: S.PasswordChangeBody): Promise<S.Detail> {
    return this.send("POST", "auth/password/change/", S.Detail, { json: valid(S.PasswordChangeBody, body, "password change") });
  }

  private send<T>(method: Method, path: string, schema: z.ZodType<T> | null, options?: SendOptions): Promise<T> {
    return this.http.send(method, path, schema, options);
  }

  /** Follows page numbers (not `next` URLs, whose host may differ) until the last page; bounded. */
  private async scan<T>(fetchPage: (page: number, pageSize?: number) => Promise<S.Page<T>>): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      let result: S.Page<T>;
      try {
        result = page === 1 ? await this.firstPage(fetchPage) : await fetchPage(page, this.scanPageSize);
      } catch (error) {
        if (page > 1 && error instanceof MaiAgentApiError && error.status === 404) break; // DRF: "Invalid page."
        throw error;
      }
      items.push(...result.results);
      if (result.results.length === 0 || result.next === null || items.length >= result.count) break;
    }
    return items;
  }

  private async firstPage<T>(fetchPage: (page: number, pageSize?: number) => Promise<S.Page<T>>): Promise<S.Page<T>> {
    for (;;) {
      try {
        return await fetchPage(1, this.scanPageSize);
      } catch (error) {
        const smaller = SCAN_PAGE_SIZES[SCAN_PAGE_SIZES.indexOf(this.scanPageSize as never) + 1];
        const rejectedSize = error instanceof MaiAgentApiError && (error.status === 400 || error.status === 404);
        if (!rejectedSize || this.scanPageSize === undefined) throw error;
        this.scanPageSize = smaller;
      }
    }
  }
}

function valid<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new MaiAgentValidationError(what, S.fieldErrors(parsed.error));
  return parsed.data;
}

/** Optional fields are left out rather than sent as null; clearing a field is an explicit PUT. */
function compact<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/** One path segment; "." and ".." would survive encodeURIComponent and move the request up the path. */
function seg(value: string): string {
  if (value === "" || value === "." || value === "..") throw new MaiAgentValidationError("path", { id: [`${JSON.stringify(value)} is not an id`] });
  return encodeURIComponent(value);
}
