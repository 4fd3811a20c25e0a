/** Shortcuts for group tests: groups and memberships made directly in the emulator, "by hand". */
import type { Emulator } from "../emulator/server";
import type { Group } from "../emulator/groups-state";
import type { Member } from "../emulator/state";

export const permissionId = (emulator: Emulator, name: string) => {
  const found = emulator.state.groups.permissions.find((p) => p.name === name);
  if (!found) throw new Error(`no permission ${name} in the emulator`);
  return found.id;
};

/** A group created in the MaiAgent console. */
export function groupByHand(emulator: Emulator, organizationId: string, name: string, permissionNames: string[] = []): Group {
  return emulator.state.groups.createGroup(organizationId, { name, permissions: permissionNames.map((n) => permissionId(emulator, n)) });
}

export function addToGroupByHand(emulator: Emulator, group: Group, member: Member): void {
  emulator.state.groups.add(group, member);
}

/** Live emails of a group, lower-cased and sorted. */
export function groupEmails(emulator: Emulator, group: Group | string): string[] {
  const g = typeof group === "string" ? emulator.state.groups.groups.get(group)! : group;
  return emulator.state.groups.membersOf(g, emulator.options.groupMembershipCascade).map((m) => m.member.email.toLowerCase()).sort();
}
