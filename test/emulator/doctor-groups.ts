/** Until the emulator has real groups (the roles branch: `state.groups`), just what doctor reads: each
 * organization's group list (the built-in OWNER group) and `permissions/` as a page. Delete this file when
 * groups are routed; doctor-probes.ts then hands these paths to them. */
import type { Call } from "./routes";
import type { EmulatorOptions } from "./server";
import { reply, type Reply } from "./state";

const page = (results: unknown[]) => reply(200, { count: results.length, next: null, previous: null, results });

export function groupsStandIn(options: EmulatorOptions, call: Call): Reply | undefined {
  if (call.method !== "GET") return undefined;
  if (/^organizations\/[^/]+\/groups\/$/.test(call.path)) {
    return page([{ id: "0f0f0f0f-0000-4000-8000-000000000001", name: "OWNER", permissions: [], createdAt: new Date(0).toISOString() }]);
  }
  if (call.path === "permissions/" && options.permissionsPaged) {
    return page([{ id: "6f1c1c62-1d0e-4c4e-9a59-6b3f3c1d2e10", name: "organization.manage", description: "Manage organizations" }]);
  }
  return undefined;
}
