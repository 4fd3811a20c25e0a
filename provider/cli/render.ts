/** Live organizations → maiagent.yaml text: sorted, commented, and loadable by the roster loader. */
import { Document, isMap, isScalar, isSeq, type YAMLMap } from "yaml";
import { assignKeys } from "./keys";
import type { LiveOrganization } from "./read-live";

const HEADER = [
  " maiagent.yaml, written by `npx pulumi-maiagent export` from live organizations.",
  " The first `pulumi up` with this file adopts each organization (adoptId) and changes nothing.",
  " Organizations are always retained on delete: the MaiAgent API cannot delete organizations.",
  " Every member is listed. A comment marks those OrganizationMembers does not remove today (owners, the",
  " exporting API key's user); they are listed all the same, so that they stay when that changes.",
].join("\n");

/** `previous`: the keys of the file being replaced (see assignKeys), which every organization it lists keeps. */
export function renderRoster(
  organizations: readonly LiveOrganization[],
  previous?: { byAdoptId: Map<string, string>; keys: string[]; groups?: Map<string, Map<string, string>> },
): string {
  const keys = assignKeys(organizations, previous?.byAdoptId, previous?.keys);
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
          members: org.members.map((m) => m.email),
          ...(org.groups.length > 0 && { groups: renderGroups(org.groups, previous?.groups?.get(keys.get(org.id)!)) }),
        },
      ]),
    ),
  });
  doc.commentBefore = HEADER;
  const entries = doc.getIn(["organizations"], true) as YAMLMap;
  entries.items.forEach((entry, index) => {
    if (index > 0 && isScalar(entry.key)) entry.key.spaceBefore = true;
    const groupsKey = isMap(entry.value) ? entry.value.items.find((item) => isScalar(item.key) && item.key.value === "groups")?.key : undefined;
    if (isScalar(groupsKey)) groupsKey.commentBefore = " Roles: a group removed from here is deleted; its members follow `retain`.";
    const members = isMap(entry.value) ? entry.value.get("members", true) : undefined;
    if (!isSeq(members)) return;
    sorted[index].members.forEach((member, i) => {
      const item = members.items[i];
      if (member.protectedBecause && isScalar(item)) item.comment = ` ${member.protectedBecause}`;
    });
  });
  return doc.toString({ lineWidth: 0 });
}

/** Keyed like organizations (from the name, unique, stable across re-exports), each adopting its group by id. */
function renderGroups(groups: LiveOrganization["groups"], previous?: Map<string, string>) {
  const keys = assignKeys(groups, previous);
  const sorted = [...groups].sort((a, b) => (keys.get(a.id)! < keys.get(b.id)! ? -1 : 1));
  return Object.fromEntries(sorted.map((g) => [keys.get(g.id)!, { name: g.name, permissions: g.permissions, members: g.members, adoptId: g.id }]));
}
