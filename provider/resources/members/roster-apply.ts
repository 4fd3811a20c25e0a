/** The writes of OrganizationMembers, each idempotent: "already a member" is present, 404 on remove is gone.
 * Ids of the members added are resolved with one scan after all POSTs, not one lookup per member. */
import type { MaiAgentClient } from "../../api/client";
import { MaiAgentError } from "../../api/errors";
import { outcomeUnknown } from "../../api/http";
import type { MemberCreated, MemberRecord } from "../../api/schemas";
import { backoff, isStatus } from "../resource-kit";
import type { RemovalLimit } from "./removal-guard";
import { removalRefusal, unlistedRefusal } from "./removal-guard";
import type { LiveMember } from "./roster-plan";
import { isProtected, key, planRoster } from "./roster-plan";

/** Requests handed to the client at once; the shared scheduler still caps what is in flight. */
const PARALLEL = 32;
const ADD_ROUNDS = 3;

export interface Roster {
  live: LiveMember[];
  currentUserEmail: string | undefined;
}
export interface Failure {
  action: "add" | "remove";
  email: string;
  error: Error;
}

/** Some writes failed: carries what is known to be live, so the resource stays tracked and the next `up` repairs. */
export class RosterWriteFailure extends MaiAgentError {
  constructor(message: string, readonly roster: Roster) {
    super(message);
  }
}

const toLive = (m: MemberRecord | MemberCreated, email: string): LiveMember => ({
  email: m.email ?? email,
  id: m.id ?? null,
  name: m.name ?? null,
  isOwner: m.isOwner ?? null,
});

const currentUsers = new WeakMap<MaiAgentClient, Promise<string>>();
/** The API key's own user, once per client: it is protected like an owner. */
function currentUserEmail(api: MaiAgentClient): Promise<string> {
  let email = currentUsers.get(api);
  if (!email) {
    email = api.getCurrentUser().then((user) => user.email);
    currentUsers.set(api, email);
    email.catch(() => currentUsers.delete(api));
  }
  return email;
}

/** One scan of the organization's members (and the cached current user). */
export async function readRoster(api: MaiAgentClient, organizationId: string): Promise<Roster> {
  const [records, me] = await Promise.all([api.listAllMembers(organizationId), currentUserEmail(api)]);
  return { live: records.map((m) => toLive(m, m.email)), currentUserEmail: me };
}

export async function forEachLimit<T>(items: T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
}

/** DELETEs each member; a 404 means someone else removed it first, which is the goal. */
export async function removeAll(api: MaiAgentClient, organizationId: string, members: LiveMember[]): Promise<Failure[]> {
  const failures: Failure[] = [];
  await forEachLimit(members, async (m) => {
    try {
      if (m.id) await api.removeMember(organizationId, m.id);
    } catch (error) {
      if (!isStatus(error, 404)) failures.push({ action: "remove", email: m.email, error: error as Error });
    }
  });
  return failures;
}

async function addAll(api: MaiAgentClient, organizationId: string, emails: string[]) {
  const added: LiveMember[] = [];
  const failures = new Map<string, Failure>();
  await forEachLimit(emails, async (email) => {
    try {
      added.push(toLive(await api.addMember(organizationId, { email }), email));
    } catch (error) {
      failures.set(key(email), { action: "add", email, error: error as Error });
    }
  });
  return { added, failures };
}

/** Makes the organization hold exactly `listed` plus its protected members. `guard`: refuse (changing nothing)
 * when unlisted, unprotected members exist — the resource is being created over an organization in use.
 * `limit` (given the number of unprotected members): the removal guard, checked before any write. */
export async function applyRoster(
  api: MaiAgentClient,
  organizationId: string,
  listed: string[],
  guard: boolean,
  limit: (unprotected: number) => RemovalLimit,
): Promise<Roster> {
  const before = await readRoster(api, organizationId);
  const { add, remove } = planRoster(listed, before.live, before.currentUserEmail);
  if (guard && remove.length > 0) throw new MaiAgentError(unlistedRefusal(organizationId, remove.map((m) => m.email)));
  const unprotected = before.live.filter((m) => !isProtected(m, before.currentUserEmail)).length;
  const refusal = removalRefusal(`OrganizationMembers of organization ${organizationId}`, remove.map((m) => m.email), limit(unprotected));
  if (refusal) throw new MaiAgentError(refusal);
  const [removeFailures, first] = await Promise.all([removeAll(api, organizationId, remove), addAll(api, organizationId, add)]);
  const kept = new Set(removeFailures.map((f) => key(f.email)));
  const removed = new Set(remove.filter((m) => !kept.has(key(m.email))));
  let roster: Roster = { ...before, live: [...before.live.filter((m) => !removed.has(m)), ...first.added] };
  let addFailures = [...first.failures.values()];
  if (add.length > 0) {
    try {
      ({ roster, addFailures } = await settleAdds(api, organizationId, add, first.failures, before.currentUserEmail));
    } catch (error) {
      throw new RosterWriteFailure(describeFailures(organizationId, [...removeFailures, { action: "add", email: "(looking up the added members)", error: error as Error }], add.length + remove.length), roster);
    }
  }
  const failures = [...removeFailures, ...addFailures];
  if (failures.length > 0) throw new RosterWriteFailure(describeFailures(organizationId, failures, add.length + remove.length), roster);
  return roster;
}

/** One scan finds every added member's id. A POST that failed ambiguously (5xx, reset) may have worked: only
 * emails still missing are posted again, in at most ADD_ROUNDS rounds. */
async function settleAdds(api: MaiAgentClient, organizationId: string, wanted: string[], failures: Map<string, Failure>, me: string | undefined) {
  for (let round = 1; ; round++) {
    const { live } = await readRoster(api, organizationId);
    const present = new Set(live.map((m) => key(m.email)));
    const missing = wanted
      .filter((email) => !present.has(key(email)))
      .map((email) => failures.get(key(email)) ?? { action: "add" as const, email, error: new MaiAgentError(`the POST succeeded but ${email} is not in the member list`) });
    const retry = missing.length > 0 && round < ADD_ROUNDS && missing.every((f) => outcomeUnknown(f.error));
    if (!retry) return { roster: { live, currentUserEmail: me }, addFailures: missing };
    await backoff(round);
    failures = (await addAll(api, organizationId, missing.map((f) => f.email))).failures;
  }
}

/** `what` names the resource in the message (GroupMembers reuses it). */
export function describeFailures(organizationId: string, failures: Failure[], total: number, what = `OrganizationMembers of organization ${organizationId}`): string {
  const listed = failures.slice(0, 5).map((f) => `${f.action} ${f.email}: ${f.error.message}`).join("; ");
  const more = failures.length > 5 ? `; and ${failures.length - 5} more` : "";
  return (
    `${what}: ${failures.length} of ${total} changes failed: ${listed}${more}. ` +
    "The changes that succeeded are kept; run `pulumi up` again to finish."
  );
}
