/** Resource names (roster keys) for exported organizations: from the display name, stable and unique. */
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

/** One key per organization, deterministic for the same set of organizations: ordered by slug then id;
 * a repeated slug gets -2, -3…; an empty slug becomes org-<first 8 characters of the id>. */
export function assignKeys(organizations: readonly { id: string; name: string }[]): Map<string, string> {
  const candidates = organizations
    .map((org) => ({ id: org.id, slug: slugify(org.name) || `org-${slugify(org.id).slice(0, 8) || "unnamed"}` }))
    .sort((a, b) => compare(a.slug, b.slug) || compare(a.id, b.id));
  const used = new Set<string>();
  const keys = new Map<string, string>();
  for (const { id, slug } of candidates) {
    let key = slug;
    for (let n = 2; used.has(key) || !ORGANIZATION_KEY.test(key); n++) key = `${slug}-${n}`;
    used.add(key);
    keys.set(id, key);
  }
  return keys;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
