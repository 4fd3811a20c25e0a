/** Shortcuts for roster tests: organizations and members made directly in the emulator, "by hand". */
import type { Emulator } from "../emulator/server";
import type { Member, Org } from "../emulator/state";

/** An organization created outside the stack, owned by the API key's user. */
export function orgByHand(emulator: Emulator, name = "Acme"): string {
  return (emulator.state.createOrg({ name }, emulator.owner.id).body as Org).id;
}

/** A member added outside the stack (in the MaiAgent UI, say). */
export function memberByHand(emulator: Emulator, organizationId: string, email: string, isOwner = false): Member {
  const added = emulator.state.addMember(emulator.state.orgs.get(organizationId)!, { email, isOwner });
  if ("status" in added) throw new Error(`could not add ${email}: ${JSON.stringify(added.body)}`);
  return added;
}

/** Live emails of an organization, lower-cased and sorted: what a test compares the roster to. */
export function liveEmails(emulator: Emulator, organizationId: string): string[] {
  return emulator.state.membersOf(organizationId).map((m) => m.email.toLowerCase()).sort();
}

export const emailsFor = (count: number, domain = "acme.example") => Array.from({ length: count }, (_, i) => `user${String(i).padStart(3, "0")}@${domain}`);

/** Requests since `from` (an index into emulator.requests), as "METHOD path?query" with the org id elided. */
export function requestsSince(emulator: Emulator, from: number, organizationId: string): string[] {
  return emulator.requests.slice(from).map((r) => `${r.method} ${r.path.replace(organizationId, "<org>").replace(/^\/api(\/v1)?\//, "")}${r.query}`);
}

export const isMemberList = (line: string) => /^GET organizations\/<org>\/members\/(\?|$)/.test(line);
