/** A typed client for the 13 documented MaiAgent endpoints (plus the undocumented organization DELETE). */
import type { z } from "zod";
import { GroupsClient } from "./groups-client";
import { Http } from "./http";
import type { Method, SendOptions } from "./http";
import type { HttpEvents } from "./request-log";
import { compact, seg, valid } from "./request-parts";
import { PageSizes, scanAll } from "./scan";
import { RequestScheduler } from "./scheduler";
import * as S from "./schemas";
import { resolveSettings } from "./settings";
import type { Settings, SettingsInput } from "./settings";
import type * as T from "./types";

/**
 * The typed MaiAgent API client the resources use; also for scripts (`pulumi-maiagent/client`).
 * Every call validates its input before sending (MaiAgentValidationError, nothing sent), retries what is safe to
 * retry within `retryBudgetMs`, and fails with a MaiAgentApiError (method, path, status, the API's message) or a
 * MaiAgentNetworkError. Responses are validated and returned in camelCase whatever case the server uses.
 */
export class MaiAgentClient {
  /** @internal The HTTP layer (got); not part of the public API. */
  readonly http: Http;
  /** Organization groups (roles), their members, and every page of the permission list. */
  readonly groups: GroupsClient;
  private readonly pageSizes = new PageSizes();

  /**
   * @param settings API key, base URL and limits; those not given are read from the MAIAGENT_* environment
   *   variables (MAIAGENT_API_KEY, MAIAGENT_BASE_URL, …). Throws MaiAgentConfigError when no key is found or a
   *   value is malformed (a plain `http://` base URL to another machine is refused: it would send the key unencrypted).
   * @param scheduler Share one scheduler between clients so that they share `maxConcurrency` and pacing.
   * @param events `onRetry` hears about each retry before its wait; `log` receives the MAIAGENT_LOG=debug lines.
   */
  constructor(settings: SettingsInput | Settings = {}, scheduler?: RequestScheduler, events?: HttpEvents) {
    const resolved = resolveSettings(settings);
    this.http = new Http(resolved, scheduler ?? new RequestScheduler(resolved), events);
    this.groups = new GroupsClient(this.http, this.pageSizes);
  }

  // ---- organizations ----
  /** One page of the organizations this API key can see (`GET organizations/`). */
  async listOrganizations(query: T.PageQuery = {}): Promise<T.Page<T.OrganizationRecord>> {
    return this.send("GET", "organizations/", S.PageOf(S.OrganizationRecord), { searchParams: valid(S.PageQuery, query, "page query") });
  }
  /** Every organization this API key can see, all pages, with the largest page size the server accepts. */
  async listAllOrganizations(): Promise<T.OrganizationRecord[]> {
    return scanAll((page, pageSize) => this.listOrganizations({ page, pageSize }), this.pageSizes, "organizations", "GET organizations/");
  }
  /** Creates an organization (`POST organizations/`); the key's user becomes its owner. Not retried after an
   * ambiguous failure (timeout, reset, 5xx): list the organizations to see whether it was created. */
  async createOrganization(body: T.OrganizationBody): Promise<T.OrganizationRecord> {
    return this.send("POST", "organizations/", S.OrganizationRecord, { json: compact(valid(S.OrganizationBody, body, "organization")) });
  }
  /** One organization by UUID; HTTP 404 when it does not exist or this key cannot see it. */
  async getOrganization(id: string): Promise<T.OrganizationRecord> {
    return this.send("GET", `organizations/${seg(id)}/`, S.OrganizationRecord);
  }
  /** Replaces name and logos (`PUT`): a logo left out or null is cleared. */
  async updateOrganization(id: string, body: T.OrganizationBody): Promise<T.OrganizationRecord> {
    return this.send("PUT", `organizations/${seg(id)}/`, S.OrganizationRecord, { json: valid(S.OrganizationBody, body, "organization") });
  }
  /** Changes only the fields given (`PATCH`). Not retried after an ambiguous failure. */
  async patchOrganization(id: string, body: Partial<T.OrganizationBody>): Promise<T.OrganizationRecord> {
    const json = valid(S.OrganizationBody.partial(), body, "organization");
    return this.send("PATCH", `organizations/${seg(id)}/`, S.OrganizationRecord, { json });
  }
  /** Not documented by MaiAgent: the real API answers HTTP 405 (whether or not the organization exists). */
  async deleteOrganization(id: string): Promise<void> {
    return this.send("DELETE", `organizations/${seg(id)}/`, null);
  }

  // ---- members ----
  /** One page of an organization's members; `query` searches them (the server decides how it matches). */
  async listMembers(organizationId: string, query: T.PageQuery = {}): Promise<T.Page<T.MemberRecord>> {
    const searchParams = valid(S.PageQuery, query, "page query");
    return this.send("GET", `organizations/${seg(organizationId)}/members/`, S.PageOf(S.MemberRecord), { searchParams });
  }
  /** Every member (optionally matching `query`), all pages, with the largest page size the server accepts. */
  async listAllMembers(organizationId: string, query?: string): Promise<T.MemberRecord[]> {
    const fetchPage = (page: number, pageSize: number | undefined) => this.listMembers(organizationId, { page, pageSize, query });
    return scanAll(fetchPage, this.pageSizes, "members", `GET organizations/${organizationId}/members/`);
  }
  /** Adds a user to the organization by email. The response usually lacks the member id (look it up with
   * `listAllMembers(organizationId, email)`), the API may ignore `isOwner` (read-only in its OpenAPI), and an
   * email that is already a member is refused with HTTP 400. Not retried after an ambiguous failure. */
  async addMember(organizationId: string, body: T.MemberBody): Promise<T.MemberCreated> {
    const json: Record<string, unknown> = compact(valid(S.MemberBody, { organization: organizationId, ...body }, "member"));
    // The references show this body both as `is_owner` (000, 002) and `isOwner` (001); the API's camel-case
    // parser accepts either, and a server reading only one of them still finds it.
    if (json.isOwner !== undefined) json.is_owner = json.isOwner;
    return this.send("POST", `organizations/${seg(organizationId)}/members/`, S.MemberCreated, { json });
  }
  /** One member by member id; HTTP 404 when it is not (or no longer) a member. */
  async getMember(organizationId: string, memberId: string): Promise<T.MemberRecord> {
    return this.send("GET", `organizations/${seg(organizationId)}/members/${seg(memberId)}/`, S.MemberRecord);
  }
  /** Removes a member from the organization (the user account stays); HTTP 404 when already gone. */
  async removeMember(organizationId: string, memberId: string): Promise<void> {
    return this.send("DELETE", `organizations/${seg(organizationId)}/members/${seg(memberId)}/`, null);
  }

  // ---- account ----
  /** The user this API key belongs to. */
  async getCurrentUser(): Promise<T.CurrentUser> {
    return this.send("GET", "users/current/", S.CurrentUser);
  }
  /** Updates the key owner's profile (`PUT users/current/`). */
  async updateCurrentUser(body: T.CurrentUserBody): Promise<T.CurrentUser> {
    return this.send("PUT", "users/current/", S.CurrentUser, { json: valid(S.CurrentUserBody, body, "user") });
  }
  /** The permissions the API knows (`GET permissions/`), every page: a plain array or a page, as deployments differ. */
  async listPermissions(): Promise<T.Permission[]> {
    return this.groups.listAllPermissions();
  }
  /** Registers a new account (`POST auth/registration/`); the API sends a confirmation email. Not retried
   * after an ambiguous failure. */
  async register(body: T.RegistrationBody): Promise<T.Detail> {
    return this.send("POST", "auth/registration/", S.Detail, { json: valid(S.RegistrationBody, body, "registration") });
  }
  /** Changes the key owner's password (`POST auth/password/change/`). */
  async changePassword(body: T.PasswordChangeBody): Promise<T.Detail> {
    return this.send("POST", "auth/password/change/", S.Detail, { json: valid(S.PasswordChangeBody, body, "password change") });
  }

  private send<T>(method: Method, path: string, schema: z.ZodType<T> | null, options?: SendOptions): Promise<T> {
    return this.http.send(method, path, schema, options);
  }
}
