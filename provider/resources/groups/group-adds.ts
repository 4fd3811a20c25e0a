/** Adding people to a group: `bulk-create/` in chunks where the server has it, else one POST each. The endpoint
 * and its answer are not verified: a 404/405 means it is absent (remembered per API root for the process); a
 * 400 refuses the whole chunk, so its members are added one by one and the error names whom the API refused.
 * An add of someone already in the group is not a failure: the caller's scan afterwards decides who is in. */
import type { MaiAgentClient } from "../../api/client";
import { forEachLimit } from "../members/roster-apply";
import type { Failure } from "../members/roster-apply";
import { isStatus } from "../resource-kit";

export const BULK_CHUNK = 100;
const noBulk = new Set<string>();

export interface AddRequest {
  email: string;
  memberId: string;
}

/** Returns the adds that failed (ambiguous ones included: the caller looks before repeating them). */
export async function addToGroup(api: MaiAgentClient, organizationId: string, groupId: string, adds: AddRequest[]): Promise<Failure[]> {
  const failures: Failure[] = [];
  const single = (add: AddRequest) =>
    api.groups.addGroupMember(organizationId, groupId, add.memberId).then(
      () => undefined,
      (error: Error) => void failures.push({ action: "add", email: add.email, error }),
    );
  const root = api.http.settings.baseUrl;
  const chunks = adds.length > 1 ? chunk(adds, BULK_CHUNK) : [];
  const singles: AddRequest[] = adds.length === 1 ? [...adds] : [];
  const bulk = async (part: AddRequest[]) => {
    if (noBulk.has(root)) return void singles.push(...part);
    try {
      await api.groups.bulkAddGroupMembers(organizationId, groupId, part.map((a) => a.memberId));
    } catch (error) {
      if (isStatus(error, 404) || isStatus(error, 405)) noBulk.add(root);
      else if (!isStatus(error, 400)) return void failures.push(...part.map((a) => ({ action: "add" as const, email: a.email, error: error as Error })));
      singles.push(...part);
    }
  };
  // The first chunk alone: if the endpoint is absent, the others go straight to single adds.
  if (chunks.length > 0) await bulk(chunks[0]);
  await forEachLimit(chunks.slice(1), bulk);
  await forEachLimit(singles, single);
  return failures;
}

function chunk<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}
