/** Adding a member exactly once: the POST returns no id, and may fail after the server applied it. */
import type { MaiAgentClient } from "../../api/client";
import { MaiAgentError } from "../../api/errors";
import { outcomeUnknown } from "../../api/http";
import { backoff, isStatus, lower } from "../resource-kit";
import { monotonic } from "../../api/rate-controller";
import { backoffMs, sleep } from "../../api/scheduler";
import type { MemberRecord } from "../../api/schemas";

const MAX_ADD_ATTEMPTS = 6;

/** Emails compare case-insensitively; `query` may match more than one member, or be ignored by the server. */
export async function findByEmail(api: MaiAgentClient, organizationId: string, email: string): Promise<MemberRecord | undefined> {
  return (await api.listAllMembers(organizationId, email)).find((member) => lower(member.email) === lower(email));
}

/** Adds exactly one member even when a POST fails ambiguously; resolves the id the POST may not return. */
export async function addOnce(api: MaiAgentClient, organizationId: string, email: string, isOwner?: boolean): Promise<MemberRecord> {
  for (let attempt = 1; ; attempt++) {
    try {
      const added = await api.addMember(organizationId, { email, isOwner });
      if (added.id) return { ...added, id: added.id, email: added.email ?? email };
      break;
    } catch (error) {
      if (attempt === 1 && isStatus(error, 400)) throw await explainRejection(api, organizationId, email, error);
      // After an ambiguous attempt, "already a member" may be our own earlier POST: look before failing.
      const maybeOurs = outcomeUnknown(error) || (attempt > 1 && isStatus(error, 400));
      if (!maybeOurs) throw error;
      const existing = await findByEmail(api, organizationId, email);
      if (existing) return existing;
      if (attempt >= MAX_ADD_ATTEMPTS || !outcomeUnknown(error)) throw error;
      await backoff(attempt);
    }
  }
  return findAdded(api, organizationId, email);
}

/** The POST worked but gave no id: the list (or its search) may lag behind, or fail for a while. Look again
 * with backoff until the retry budget is spent; giving up leaves a member this stack cannot track. */
async function findAdded(api: MaiAgentClient, organizationId: string, email: string): Promise<MemberRecord> {
  const deadline = monotonic() + api.http.settings.retryBudgetMs;
  for (let attempt = 1; ; attempt++) {
    let problem: string;
    try {
      const found = await findByEmail(api, organizationId, email);
      if (found) return found;
      problem = `GET organizations/${organizationId}/members/?query=${email} does not list it.`;
    } catch (error) {
      problem = (error as Error).message;
    }
    const wait = backoffMs(attempt, 4000);
    if (monotonic() + wait > deadline) {
      throw new MaiAgentError(
        `Added ${email} to organization ${organizationId}, but could not find its id (${attempt} lookups): ${problem} ` +
          "The member exists in MaiAgent but this stack does not track it yet: set `adoptExisting: true` on this Member " +
          "and run `pulumi up` again: it takes the member over, nobody is removed (raise maiagent:retryBudgetMs if the " +
          "member list is slow to show new members).",
      );
    }
    await sleep(wait);
  }
}

/** A first POST refused with 400 because the member already exists was not ours: say so, with its id. */
async function explainRejection(api: MaiAgentClient, organizationId: string, email: string, error: unknown): Promise<unknown> {
  const existing = await findByEmail(api, organizationId, email).catch(() => undefined);
  if (!existing) return error;
  return new MaiAgentError(
    `${email} is already a member of organization ${organizationId} (member id ${existing.id}), added outside this stack; ` +
      `nothing was changed. To manage it here, set \`adoptExisting: true\` on this Member and run \`pulumi up\` again; ` +
      `to only read it, use Member.get("<name>", "${organizationId}/${existing.id}").`,
  );
}
