/** Refresh in list pages: reading N members of one organization costs about ceil(N / page size) requests,
 * not N, however slow the API. The first read of an organization is one GET (a `refresh --target` of one
 * member costs one request); the next reads share one scan of the member list, joined for as long as it runs.
 * The snapshot then serves reads until 5 s pass without one; any write to its organization drops it.
 * One refresh reads each resource once, so a second read of the same member means a new refresh has begun
 * (a host kept alive between commands, or a program's `.get`): that read starts afresh, so a change made by
 * hand in between is never hidden. */
import type { MaiAgentClient } from "../../api/client";
import { monotonic } from "../../api/rate-controller";
import { isStatus } from "../resource-kit";
import type { MemberRecord } from "../../api/schemas";

const IDLE_TTL_MS = 5_000;
type Snapshot = Map<string, MemberRecord> | "organization-gone";
interface Entry {
  served: Set<string>;
  /** Reads of this entry still waiting on a request. */
  pending: number;
  idleSince: number;
  scan?: Promise<Snapshot>;
}

export class MemberSnapshots {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = monotonic) {}

  /** The live member, or undefined when it (or its organization) is gone. Absence is confirmed with a GET. */
  async find(api: MaiAgentClient, organizationId: string, memberId: string): Promise<MemberRecord | undefined> {
    const entry = this.entryFor(organizationId, memberId);
    entry.pending++;
    try {
      if (entry.served.size === 1) return await getOne(api, organizationId, memberId);
      entry.scan ??= this.scan(api, organizationId, entry);
      const snapshot = await entry.scan;
      if (snapshot === "organization-gone") return undefined;
      return snapshot.get(memberId) ?? (await getOne(api, organizationId, memberId));
    } finally {
      entry.pending--;
      entry.idleSince = this.now();
    }
  }

  invalidate(organizationId: string): void {
    this.entries.delete(organizationId);
  }

  private entryFor(organizationId: string, memberId: string): Entry {
    const entry = this.entries.get(organizationId);
    const alive = entry && (entry.pending > 0 || this.now() - entry.idleSince < IDLE_TTL_MS);
    if (entry && alive && !entry.served.has(memberId)) {
      entry.served.add(memberId);
      return entry;
    }
    const fresh: Entry = { served: new Set([memberId]), pending: 0, idleSince: this.now() };
    this.entries.set(organizationId, fresh);
    return fresh;
  }

  private async scan(api: MaiAgentClient, organizationId: string, entry: Entry): Promise<Snapshot> {
    try {
      const members = await api.listAllMembers(organizationId);
      return new Map(members.map((member) => [member.id, member]));
    } catch (error) {
      if (isStatus(error, 404)) return "organization-gone";
      if (this.entries.get(organizationId) === entry) this.entries.delete(organizationId);
      throw error;
    }
  }
}

/** One member by GET: undefined when it or its organization is gone. */
export async function getOne(api: MaiAgentClient, organizationId: string, memberId: string): Promise<MemberRecord | undefined> {
  try {
    return await api.getMember(organizationId, memberId);
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}
