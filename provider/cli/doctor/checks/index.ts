/** Every check, in the order they are shown. */
import type { Check } from "../check";
import * as api from "./api";
import * as env from "./env";
import * as groups from "./groups";
import * as httpFacts from "./http-facts";
import * as list from "./list";
import * as members from "./members";
import * as net from "./net";
import * as org from "./org";
import * as schema from "./schema";

export const CHECKS: Check[] = [
  env.runtime,
  env.settings,
  net.route,
  net.tls,
  api.root,
  api.identity,
  api.redirects,
  list.pageSize,
  list.pageSizeParam,
  list.next,
  org.shape,
  org.methods,
  members.shape,
  members.methods,
  members.query,
  members.create,
  groups.permissions,
  groups.present,
  groups.bulk,
  httpFacts.headers,
  httpFacts.clock,
  schema.paths,
  schema.memberCreate,
  schema.orgName,
  schema.groupsBulk,
  schema.security,
];

/** The checks named (an id, or a prefix such as `schema` or `list.`) and every check they need. */
export function select(names: string[]): { checks: Check[]; unknown: string[] } {
  if (!names.length) return { checks: CHECKS, unknown: [] };
  const matches = (check: Check, name: string) => check.id === name || check.id.startsWith(name.endsWith(".") ? name : `${name}.`);
  const unknown = names.filter((name) => !CHECKS.some((check) => matches(check, name)));
  const wanted = new Set<string>();
  const add = (id: string) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    const check = CHECKS.find((c) => c.id === id)!;
    [...check.needs, ...(check.after ?? [])].forEach(add);
  };
  CHECKS.filter((check) => names.some((name) => matches(check, name))).forEach((check) => add(check.id));
  return { checks: CHECKS.filter((check) => wanted.has(check.id)), unknown };
}
