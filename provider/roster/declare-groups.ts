/** The roster program's groups: for each `groups:` entry of an organization, a Group and its GroupMembers. */
import * as pulumi from "@pulumi/pulumi";
import { Group } from "../resources/groups/group";
import { GroupMembers } from "../resources/groups/group-members";
import type { OrganizationDeclaration } from "./declarations";

/** What the roster program declares for each group: its id, live name and holders. */
export interface DeclaredGroup {
  /** The group's UUID. */
  groupId: pulumi.Output<string>;
  /** Its display name, live. */
  name: pulumi.Output<string>;
  /** Everyone who holds it, sorted case-insensitively. */
  emails: pulumi.Output<string[]>;
}

/** `resourceOptions` is called with each group's resource name (`<organization key>.<group key>`).
 * GroupMembers depends on the organization's members (a group holds organization members only), and follows
 * the organization's `retain`; a Group removed from the file is deleted (roles are cheap to recreate, and a
 * forgotten role that still grants permissions is worse). */
export function declareGroups(
  declared: OrganizationDeclaration,
  organizationId: pulumi.Input<string>,
  organizationMembers: pulumi.Resource,
  resourceOptions: (key: string) => pulumi.CustomResourceOptions = () => ({}),
): Record<string, DeclaredGroup> {
  return Object.fromEntries(
    (declared.groups ?? []).map((g) => {
      const extra = resourceOptions(g.key);
      const group = new Group(g.key, { organizationId, ...g.group }, extra);
      const members = new GroupMembers(
        g.key,
        // From the Pulumi id (`<organizationId>/<groupId>`), which stays known in a preview while the Group
        // updates; its `groupId` output would not, and every role change would preview as a membership change.
        { organizationId, groupId: group.id.apply((id) => id.split("/")[1] ?? id), ...g.members },
        { dependsOn: [organizationMembers], retainOnDelete: declared.retainMembers, ...extra },
      );
      return [g.key.slice(declared.key.length + 1), { groupId: group.groupId, name: group.name, emails: members.emails }];
    }),
  );
}
