/** A typed client for the 13 documented MaiAgent endpoints (plus the undocumented organization DELETE). */
import type { z } from "zod";
import { MaiAgentValidationError } from "./errors";
import { Http, type HttpEvents, type Method, type SendOptions } from "./http";
import { PageSizes, scanAll } from "./scan";
import { RequestScheduler } from "./scheduler";
import * as S from "./schemas";
import { resolveSettings, type Settings, type SettingsInput } from "./settings";

export class MaiAgentClient {
  readonly http: Http;
  private readonly pageSizes = new PageSizes();

  /** Settings not given are read from MAIAGENT_* environment variables. Pass a scheduler to share limits,
   * `onRetry` to hear about each retry before its wait, `log` to receive the MAIAGENT_LOG=debug lines. */
  constructor(settings: SettingsInput | Settings = {}, scheduler?: RequestScheduler, events?: HttpEvents) {
    const resolved = resolveSettings(settings);
    this.http = new Http(resolved, scheduler ?? new RequestScheduler(resolved), events);
  }

  // ---- organizations ----
  async listOrganizations(query: S.PageQuery = {}): Promise<S.Page<S.OrganizationRecord>> {
    return this.send("GET", "organizations/", S.PageOf(S.OrganizationRecord), { searchParams: valid(S.PageQuery, query, "page query") });
  }
  async listAllOrganizations(): Promise<S.OrganizationRecord[]> {
    return scanAll((page, pageSize) => this.listOrganizations({ page, pageSize }), this.pageSizes, "organizations", "GET organizations/");
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
    const fetchPage = (page: number, pageSize: number | undefined) => this.listMembers(organizationId, { page, pageSize, query });
    return scanAll(fetchPage, this.pageSizes, "members", `GET organizations/${organizationId}/members/`);
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
