/** The organization-groups endpoints (DESIGN §9, from the public OpenAPI dumps, not the seeds), composed
 * into MaiAgentClient as `client.groups`. Lists are scanned like members: every page, the largest size accepted. */
import { GroupBody, GroupMemberRecord, GroupRecord } from "./group-schemas";
import type * as T from "./group-types";
import type { Http } from "./http";
import { valid, seg } from "./request-parts";
import { PageSizes, scanAll } from "./scan";
import { PageOf, PageQuery, Permission } from "./schemas";
import type { Page, PageQuery as Query, Permission as PermissionRecord } from "./types";

/**
 * Groups (roles) of an organization, the people in them, and the permission list: `client.groups`. Same rules as
 * the rest of the client: input validated before sending, safe retries, MaiAgentApiError with the API's message.
 */
export class GroupsClient {
  /** @internal Made by MaiAgentClient, sharing its HTTP layer and learned page sizes. */
  constructor(
    private readonly http: Http,
    private readonly pageSizes: PageSizes = new PageSizes(),
  ) {}

  /** One page of an organization's groups (`GET organizations/{id}/groups/`), the built-in OWNER group included. */
  async listGroups(organizationId: string, query: Query = {}): Promise<Page<T.GroupRecord>> {
    return this.http.send("GET", groupsPath(organizationId), PageOf(GroupRecord), { searchParams: valid(PageQuery, query, "page query") });
  }
  /** Every group of an organization, all pages. The API has no name filter: match names yourself. */
  async listAllGroups(organizationId: string): Promise<T.GroupRecord[]> {
    const fetchPage = (page: number, pageSize: number | undefined) => this.listGroups(organizationId, { page, pageSize });
    return scanAll(fetchPage, this.pageSizes, "groups", `GET ${groupsPath(organizationId)}`);
  }
  /** Creates a group (`POST`); the answer gives permissions as ids. Not retried after an ambiguous failure:
   * list the groups to see whether it was created. */
  async createGroup(organizationId: string, body: T.GroupBody): Promise<T.GroupRecord> {
    return this.http.send("POST", groupsPath(organizationId), GroupRecord, { json: valid(GroupBody, body, "group") });
  }
  /** One group, permissions as `{id, name}`; HTTP 404 when it does not exist. */
  async getGroup(organizationId: string, groupId: string): Promise<T.GroupRecord> {
    return this.http.send("GET", groupsPath(organizationId, groupId), GroupRecord);
  }
  /** Replaces name and permissions (`PUT` with the whole body): the group then has exactly these permissions. */
  async updateGroup(organizationId: string, groupId: string, body: T.GroupBody): Promise<T.GroupRecord> {
    return this.http.send("PUT", groupsPath(organizationId, groupId), GroupRecord, { json: valid(GroupBody, body, "group") });
  }
  /** Deletes a group (and so everyone's membership of it); HTTP 404 when it is already gone. */
  async deleteGroup(organizationId: string, groupId: string): Promise<void> {
    return this.http.send("DELETE", groupsPath(organizationId, groupId), null);
  }

  /** One page of the people in a group (`GET …/groups/{groupId}/group-members/`), each person nested. */
  async listGroupMembers(organizationId: string, groupId: string, query: Query = {}): Promise<Page<T.GroupMemberRecord>> {
    const searchParams = valid(PageQuery, query, "page query");
    return this.http.send("GET", membersPath(organizationId, groupId), PageOf(GroupMemberRecord), { searchParams });
  }
  /** Everyone in a group, all pages. */
  async listAllGroupMembers(organizationId: string, groupId: string): Promise<T.GroupMemberRecord[]> {
    const fetchPage = (page: number, pageSize: number | undefined) => this.listGroupMembers(organizationId, groupId, { page, pageSize });
    return scanAll(fetchPage, this.pageSizes, "group-members", `GET ${membersPath(organizationId, groupId)}`);
  }
  /** Adds an organization member (by member id, never by email) to a group. What a second add of the same person
   * answers is not documented (400, or 201 again). Not retried after an ambiguous failure. */
  async addGroupMember(organizationId: string, groupId: string, memberId: string): Promise<T.GroupMemberRecord> {
    return this.http.send("POST", membersPath(organizationId, groupId), GroupMemberRecord, { json: { member: memberId } });
  }
  /** One group membership by its id; HTTP 404 when it is gone. */
  async getGroupMember(organizationId: string, groupId: string, groupMemberId: string): Promise<T.GroupMemberRecord> {
    return this.http.send("GET", `${membersPath(organizationId, groupId)}${seg(groupMemberId)}/`, GroupMemberRecord);
  }
  /** Adds several members at once (`bulk-create/`, `{members: [memberId…]}`). Documented on one page only: its
   * answer (201 with a body, or 200 without) is not relied on, and a server may not have it (404/405). */
  async bulkAddGroupMembers(organizationId: string, groupId: string, memberIds: string[]): Promise<void> {
    await this.http.send("POST", `${membersPath(organizationId, groupId)}bulk-create/`, null, { json: { members: memberIds } });
  }
  /** Removes a person from a group (not from the organization) by the group-membership id. */
  async removeGroupMember(organizationId: string, groupId: string, groupMemberId: string): Promise<void> {
    return this.http.send("DELETE", `${membersPath(organizationId, groupId)}${seg(groupMemberId)}/`, null);
  }

  /** Every permission (`GET permissions/` at the API root): the seeds show a plain array, one OpenAPI dump a
   * page; both are read to the end. */
  async listAllPermissions(): Promise<PermissionRecord[]> {
    const fetchPage = (page: number, pageSize: number | undefined) =>
      this.http.send("GET", "permissions/", PageOf(Permission), { searchParams: valid(PageQuery, { page, pageSize }, "page query") });
    return scanAll(fetchPage, this.pageSizes, "permissions", "GET permissions/");
  }
}

function groupsPath(organizationId: string, groupId?: string): string {
  const base = `organizations/${seg(organizationId)}/groups/`;
  return groupId === undefined ? base : `${base}${seg(groupId)}/`;
}

const membersPath = (organizationId: string, groupId: string) => `${groupsPath(organizationId, groupId)}group-members/`;
