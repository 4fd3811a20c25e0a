/** Refresh in list pages: reading N members of one organization costs about ceil(N / page size) requests,
 * not N. A snapshot serves `read` only, lives briefly, and any write to its organization drops it. */
import type { MaiAgentClient } from "./client";
import { isStatus } from "./resource-kit";
import type { MemberRecord } from "./schemas";

const TTL_MS = 10_000;
type Snapshot = Map<string, MemberRecord> | "organization-gone";

export class MemberSnapshots {
  private readonly entries = new Map<string, { takenAt: number; snapshot: Promise<Snapshot> }>();

  /** The live member, or undefined when it (or its organization) is gone. Absence is confirmed with a GET. */
  async find(api: MaiAgentClient, organizationId: string, memberId: string): Promise<MemberRecord | undefined> {
    const snapshot = await this.snapshot(api, organizationId);
    if (snapshot === "organization-gone") return undefined;
    const hit = snapshot.get(memberId);
    if (hit) return hit;
    try {
      return await api.getMember(organizationId, memberId);
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  invalidate(organizationId: string): void {
    this.entries.delete(organizationId);
  }

  private snapshot(api: MaiAgentClient, organizationId: string): Promise<Snapshot> {
    const entry = this.entries.get(organizationId);
    if (entry && Date.now() - entry.takenAt < TTL_MS) return entry.snapshot;
    const snapshot = this.take(api, organizationId);
    const fresh = { takenAt: Date.now(), snapshot };
    this.entries.set(organizationId, fresh);
    snapshot.catch(() => this.entries.get(organizationId) === fresh && this.entries.delete(organizationId));
    return snapshot;
  }

  private async take(api: MaiAgentClient, organizationId: string): Promise<Snapshot> {
    try {
      const members = await api.listAllMembers(organizationId);
      return new Map(members.map((member) => [member.id, member]));
    } catch (error) {
      if (isStatus(error, 404)) return "organization-gone";
      throw error;
    }
  }
}
