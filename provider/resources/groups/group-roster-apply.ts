/** The writes of GroupMembers, each idempotent: already in the group = present, 404 on remove = gone (a person
 * removed from the organization also leaves its groups). A scan after the writes decides who is in; an add
 * that failed ambiguously is repeated only if that scan shows it did not happen. */
import type { MaiAgentClient } from "../../api/client";
import { MaiAgentError } from "../../api/errors";
import { outcomeUnknown } from "../../api/http";
import type { MemberRecord } from "../../api/schemas";
import { backoff, isStatus } from "../resource-kit";
import { describeFailures, forEachLimit } from "../members/roster-apply";
import type { Failure } from "../members/roster-apply";
import { removalRefusal } from "../members/removal-guard";
import type { RemovalLimit } from "../members/removal-guard";
import { key } from "../members/roster-plan";
import { isOwnerGroupName } from "./group-inputs";
import { ownerRefused } from "./group-writes";
import { addToGroup } from "./group-adds";
import type { AddRequest } from "./group-adds";
import { planGroup, readGroupRoster, resolveMembers } from "./group-roster";
import type { GroupHolder } from "./group-roster";

const ADD_ROUNDS = 3;

/** Some writes failed: carries who is known to be in the group, so the resource stays tracked. */
export class GroupWriteFailure extends MaiAgentError {
  constructor(message: string, readonly live: GroupHolder[]) {
    super(message);
  }
}

export const what = (organizationId: string, groupId: string) => `GroupMembers of group ${groupId} (organization ${organizationId})`;

/** The built-in owner group is refused before any write: ownership is not managed here. */
export async function refuseOwnerGroup(api: MaiAgentClient, organizationId: string, groupId: string): Promise<void> {
  const group = await api.groups.getGroup(organizationId, groupId);
  if (isOwnerGroupName(group.name)) throw ownerRefused(organizationId, groupId);
}

/** Makes the group hold exactly `emails` (organization members, resolved by one scan). */
export async function applyGroupRoster(
  api: MaiAgentClient,
  organizationId: string,
  groupId: string,
  emails: string[],
  limit: (holders: number) => RemovalLimit,
  refuseUnlisted = false,
): Promise<GroupHolder[]> {
  const [members] = await Promise.all([api.listAllMembers(organizationId), refuseOwnerGroup(api, organizationId, groupId)]);
  const ids = resolveMembers(organizationId, emails, members);
  const before = await readGroupRoster(api, organizationId, groupId, members);
  const { add, remove } = planGroup(emails, ids, before);
  if (refuseUnlisted && remove.length > 0) throw new MaiAgentError(unlistedHolders(organizationId, groupId, remove.map((h) => h.email)));
  // The removal guard, before any write: drift repair (people added by hand) is bounded too.
  const refusal = removalRefusal(what(organizationId, groupId), remove.map((h) => h.email), limit(before.length), 0, "GroupMembers");
  if (refusal) throw new MaiAgentError(refusal);
  const adds: AddRequest[] = add.map((email) => ({ email, memberId: ids.get(key(email))! }));
  const [removeFailures, addFailures] = await Promise.all([removeFromGroup(api, organizationId, groupId, remove), addToGroup(api, organizationId, groupId, adds)]);
  if (add.length === 0 && removeFailures.length === 0) return before.filter((h) => !remove.includes(h));
  let live: GroupHolder[] = before;
  let failures: Failure[] = removeFailures;
  try {
    ({ live, failures } = await settle(api, organizationId, groupId, new Set(ids.values()), adds, [...removeFailures, ...addFailures], members));
  } catch (error) {
    failures = [...removeFailures, { action: "add", email: "(reading the group back)", error: error as Error }];
  }
  if (failures.length > 0) throw new GroupWriteFailure(describeFailures(organizationId, failures, add.length + remove.length, what(organizationId, groupId)), live);
  return live;
}

export async function removeFromGroup(api: MaiAgentClient, organizationId: string, groupId: string, holders: GroupHolder[]): Promise<Failure[]> {
  const failures: Failure[] = [];
  await forEachLimit(holders, async (h) => {
    try {
      await api.groups.removeGroupMember(organizationId, groupId, h.groupMemberId);
    } catch (error) {
      if (!isStatus(error, 404)) failures.push({ action: "remove", email: h.email, error: error as Error });
    }
  });
  return failures;
}

/** One scan shows who is in (by member id). Adds still missing after an ambiguous failure are sent again, at
 * most ADD_ROUNDS times. */
async function settle(api: MaiAgentClient, organizationId: string, groupId: string, wantedIds: Set<string>, adds: AddRequest[], failures: Failure[], members: MemberRecord[]) {
  for (let round = 1; ; round++) {
    const live = await readGroupRoster(api, organizationId, groupId, members);
    const present = new Set(live.map((h) => h.memberId));
    const byEmail = new Map(failures.map((f) => [key(f.email), f]));
    const missing = adds
      .filter((a) => !present.has(a.memberId))
      .map((a) => byEmail.get(key(a.email)) ?? { action: "add" as const, email: a.email, error: new MaiAgentError("the add was answered, but the person is not in the group") });
    const stillThere = new Set(live.filter((h) => !wantedIds.has(h.memberId)).map((h) => key(h.email)));
    const removeFailures = failures.filter((f) => f.action === "remove" && stillThere.has(key(f.email)));
    const retry = missing.length > 0 && round < ADD_ROUNDS && missing.every((f) => outcomeUnknown(f.error));
    if (!retry) return { live, failures: [...removeFailures, ...missing] };
    await backoff(round);
    const again = adds.filter((a) => missing.some((f) => key(f.email) === key(a.email)));
    failures = [...removeFailures, ...(await addToGroup(api, organizationId, groupId, again))];
  }
}

/** Create over a group in use, without `removeUnlisted`: the people it would remove, as an error text. */
function unlistedHolders(organizationId: string, groupId: string, emails: string[]): string {
  const n = emails.length;
  return (
    `${what(organizationId, groupId)} already holds ${n} ${n === 1 ? "person" : "people"} not listed in \`emails\`: ` +
    `${emails.slice(0, 20).join(", ")}${n > 20 ? ` and ${n - 20} more` : ""}. GroupMembers is authoritative: add them to \`emails\`, ` +
    "or set `removeUnlisted: true` to remove them (in maiagent.yaml: `removeUnlisted: true` on the organization). Nothing was changed."
  );
}
