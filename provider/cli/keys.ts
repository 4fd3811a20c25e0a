/** Resource names (roster keys) for exported organizations: from the display name, unique, and stable across
 * re-exports, because a key that moved to another organization would make its `OrganizationMembers` replace
 * one organization's members with another's. */
import { ORGANIZATION_KEY } from "../roster/schema";

const MAX_SLUG = 60;

/** "Acme Support (EU)" → "acme-support-eu". Names with no Latin letters or digits (e.g. 客服中心) give "". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, "");
}

export interface KeyedOrganization {
  id: string;
  name: string;
  createdAt?: string | null;
}

/** One key per organization. `previous` (adoptId, lower-case → key, from the file being replaced) wins: an
 * organization keeps its key, and no other organization gets a key that file uses (`reserved`: all of them). A new organization gets its
 * slug if free; of several new ones with one slug, the earliest created (then lowest id) gets it, as it would
 * have on an earlier export; the others get the slug plus the start of their own id, never a counter. */
export function assignKeys(
  organizations: readonly KeyedOrganization[],
  previous: ReadonlyMap<string, string> = new Map(),
  reserved: Iterable<string> = previous.values(),
): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set([...reserved, ...previous.values()]);
  for (const org of organizations) {
    const kept = previous.get(org.id.toLowerCase());
    if (kept !== undefined) keys.set(org.id, kept);
  }
  const fresh = organizations
    .filter((org) => !keys.has(org.id))
    .map((org) => ({ id: org.id, created: createdMs(org.createdAt), slug: slugify(org.name) || `org-${idPart(org.id, 8) || "unnamed"}` }))
    .sort((a, b) => a.created - b.created || compare(a.id, b.id));
  for (const { id, slug } of fresh) {
    const key = isFree(slug, used) ? slug : withIdPart(slug, id, used);
    used.add(key);
    keys.set(id, key);
  }
  return keys;
}

const isFree = (key: string, used: ReadonlySet<string>) => ORGANIZATION_KEY.test(key) && !used.has(key);

/** `acme-3be0a7de`; a longer part of the id, then a counter, only if that too is taken. */
function withIdPart(slug: string, id: string, used: ReadonlySet<string>): string {
  for (const length of [8, 13, 36]) {
    const key = `${slug}-${idPart(id, length)}`;
    if (isFree(key, used)) return key;
  }
  let n = 2;
  while (!isFree(`${slug}-${idPart(id, 36)}-${n}`, used)) n++;
  return `${slug}-${idPart(id, 36)}-${n}`;
}

const idPart = (id: string, length: number) => slugify(id).slice(0, length).replace(/-+$/, "");

/** ISO text or an epoch number as text; unknown sorts last, so an organization without one never displaces another. */
function createdMs(createdAt: string | null | undefined): number {
  if (!createdAt) return Infinity;
  const ms = /^\d+(\.\d+)?$/.test(createdAt) ? Number(createdAt) : Date.parse(createdAt);
  return Number.isFinite(ms) ? ms : Infinity;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
