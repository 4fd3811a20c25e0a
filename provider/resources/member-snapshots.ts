/** Refresh in list pages: reading N members of one organization costs about ceil(N / page size) requests,
 * not N. A snapshot serves `read` only, lives briefly, and any write to its organization drops it.
 * One refresh reads each resource once, so a second read of the same member means a new refresh has begun
 * (a host kept alive between commands, or a program's `.get`): that read takes a fresh snapshot, so a change
 * made by hand in between is never hidden. */
import type { MaiAgentClient } from "../api/client";
import { isStatus } from "./resource-kit";
import type { MemberRecord } from "../api/schemas";

const TTL_MS = 5_000;
type Snapshot = Map<string, MemberRecord> | "organization-gone";
interface Entry {
  takenAt: number;
  snapshot: Promise<Snapshot>;
  served: Set<string>;
}

export class MemberSnapshots {
  private readonly entries = new Map<string, Entry>();

  /** The live member, or undefined when it (or its organization) is gone. Absence is confirmed with a GET. */
  async find(api: MaiAgentClient, organizationId: string, memberId: string): Promise<MemberRecord | undefined> {
    const snapshot = await this.snapshot(api, organizationId, memberId);
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

  private snapshot(api: MaiAgentClient, organizationId: string, memberId: string): Promise<Snapshot> {
    const entry = this.entries.get(organizationId);
    if (entry && Date.now() - entry.takenAt < TTL_MS && !entry.served.has(memberId)) {
      entry.served.add(memberId);
      return entry.snapshot;
    }
    const snapshot = this.take(api, organizationId);
    const fresh: Entry = { takenAt: Date.now(), snapshot, served: new Set([memberId]) };
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
