/** Live organizations → maiagent.yaml text: sorted, commented, and loadable by the roster loader. */
import { Document, isMap, isScalar, type YAMLMap } from "yaml";
import { assignKeys } from "./keys";
import type { LiveOrganization } from "./read-live";

const HEADER = [
  " maiagent.yaml, written by `npx pulumi-maiagent export` from live organizations.",
  " The first `pulumi up` with this file adopts each organization (adoptId) and changes nothing.",
  " Organizations are always retained on delete: the MaiAgent API cannot delete organizations.",
].join("\n");

export function renderRoster(organizations: readonly LiveOrganization[]): string {
  const keys = assignKeys(organizations);
  const sorted = [...organizations].sort((a, b) => (keys.get(a.id)! < keys.get(b.id)! ? -1 : 1));
  const doc = new Document({
    organizations: Object.fromEntries(
      sorted.map((org) => [
        keys.get(org.id)!,
        {
          name: org.name,
          ...(org.compactLogo && { compactLogo: org.compactLogo }),
          ...(org.fullLogo && { fullLogo: org.fullLogo }),
          adoptId: org.id,
          members: org.emails,
          ...(org.groups.length > 0 && { groups: renderGroups(org.groups) }),
        },
      ]),
    ),
  });
  doc.commentBefore = HEADER;
  const entries = doc.getIn(["organizations"], true) as YAMLMap;
  entries.items.forEach((entry, index) => {
    if (index > 0 && isScalar(entry.key)) entry.key.spaceBefore = true;
    const org = sorted[index];
    const groupsKey = isMap(entry.value) ? entry.value.items.find((item) => isScalar(item.key) && item.key.value === "groups")?.key : undefined;
    if (isScalar(groupsKey)) groupsKey.commentBefore = " Roles: a group removed from here is deleted; its members follow `retain`.";
    if (!isMap(entry.value) || org.protectedMembers.length === 0) return;
    const membersKey = entry.value.items.find((item) => isScalar(item.key) && item.key.value === "members")?.key;
    if (isScalar(membersKey)) membersKey.commentBefore = protectedComment(org.protectedMembers);
  });
  return doc.toString({ lineWidth: 0 });
}

/** Keyed like organizations (from the name, stable, unique), each adopting its group by id. */
function renderGroups(groups: LiveOrganization["groups"]) {
  const keys = assignKeys(groups);
  const sorted = [...groups].sort((a, b) => (keys.get(a.id)! < keys.get(b.id)! ? -1 : 1));
  return Object.fromEntries(sorted.map((g) => [keys.get(g.id)!, { name: g.name, permissions: g.permissions, members: g.members, adoptId: g.id }]));
}

function protectedComment(members: LiveOrganization["protectedMembers"]): string {
  const lines = members.map((m) => `   ${oneLine(m.email)} (${m.reason})`);
  return [" Protected, so not listed: OrganizationMembers never removes these:", ...lines].join("\n");
}

const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ");
