/** The organization-groups endpoints (DESIGN §9, from the public OpenAPI dumps, not the seeds), composed
 * into MaiAgentClient as `client.groups`. Lists are scanned like members: every page, the largest size accepted. */
import { GroupBody, GroupMemberRecord, GroupRecord } from "./group-schemas";
import type { Http } from "./http";
import { valid, seg } from "./request-parts";
import { PageSizes, scanAll } from "./scan";
import { PageOf, PageQuery, Permission, type Page } from "./schemas";

export class GroupsClient {
  constructor(
    private readonly http: Http,
    private readonly pageSizes: PageSizes = new PageSizes(),
  ) {}

  async listGroups(organizationId: string, query: PageQuery = {}): Promise<Page<GroupRecord>> {
    return this.http.send("GET", groupsPath(organizationId), PageOf(GroupRecord), { searchParams: valid(PageQuery, query, "page query") });
  }
  async listAllGroups(organizationId: string): Promise<GroupRecord[]> {
    return scanAll((page, pageSize) => this.listGroups(organizationId, { page, pageSize }), this.pageSizes, "groups");
  }
  async createGroup(organizationId: string, body: GroupBody): Promise<GroupRecord> {
    return this.http.send("POST", groupsPath(organizationId), GroupRecord, { json: valid(GroupBody, body, "group") });
  }
  async getGroup(organizationId: string, groupId: string): Promise<GroupRecord> {
    return this.http.send("GET", groupsPath(organizationId, groupId), GroupRecord);
  }
  /** PUT with the whole body: the group then has exactly these permissions. */
  async updateGroup(organizationId: string, groupId: string, body: GroupBody): Promise<GroupRecord> {
    return this.http.send("PUT", groupsPath(organizationId, groupId), GroupRecord, { json: valid(GroupBody, body, "group") });
  }
  async deleteGroup(organizationId: string, groupId: string): Promise<void> {
    return this.http.send("DELETE", groupsPath(organizationId, groupId), null);
  }

  // ---- group members: `member` is the organization member's id, never an email ----
  async listGroupMembers(organizationId: string, groupId: string, query: PageQuery = {}): Promise<Page<GroupMemberRecord>> {
    const searchParams = valid(PageQuery, query, "page query");
    return this.http.send("GET", `${groupsPath(organizationId, groupId)}group-members/`, PageOf(GroupMemberRecord), { searchParams });
  }
  async listAllGroupMembers(organizationId: string, groupId: string): Promise<GroupMemberRecord[]> {
    return scanAll((page, pageSize) => this.listGroupMembers(organizationId, groupId, { page, pageSize }), this.pageSizes, "group-members");
  }
  async addGroupMember(organizationId: string, groupId: string, memberId: string): Promise<GroupMemberRecord> {
    return this.http.send("POST", `${groupsPath(organizationId, groupId)}group-members/`, GroupMemberRecord, { json: { member: memberId } });
  }
  async getGroupMember(organizationId: string, groupId: string, groupMemberId: string): Promise<GroupMemberRecord> {
    return this.http.send("GET", `${groupsPath(organizationId, groupId)}group-members/${seg(groupMemberId)}/`, GroupMemberRecord);
  }
  /** Documented on one page only; its answer (201 with a body, or 200 without) is not relied on. */
  async bulkAddGroupMembers(organizationId: string, groupId: string, memberIds: string[]): Promise<void> {
    await this.http.send("POST", `${groupsPath(organizationId, groupId)}group-members/bulk-create/`, null, { json: { members: memberIds } });
  }
  async removeGroupMember(organizationId: string, groupId: string, groupMemberId: string): Promise<void> {
    return this.http.send("DELETE", `${groupsPath(organizationId, groupId)}group-members/${seg(groupMemberId)}/`, null);
  }

  /** Every permission: the seeds show a plain array, one OpenAPI dump a page; both are read to the end. */
  async listAllPermissions(): Promise<Permission[]> {
    const fetchPage = (page: number, pageSize: number | undefined) =>
      this.http.send("GET", "permissions/", PageOf(Permission), { searchParams: valid(PageQuery, { page, pageSize }, "page query") });
    return scanAll(fetchPage, this.pageSizes, "permissions");
  }
}

function groupsPath(organizationId: string, groupId?: string): string {
  const base = `organizations/${seg(organizationId)}/groups/`;
  return groupId === undefined ? base : `${base}${seg(groupId)}/`;
}
