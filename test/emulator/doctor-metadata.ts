/** DRF's answers about a view rather than its data: OPTIONS metadata and the Allow header (doctor-probes.ts). */
import type { EmulatorOptions } from "./server";
import { reply, type Reply } from "./state";
import { snakeKeys } from "./views";

const BULK = /^organizations\/[^/]+\/groups\/[^/]+\/group-members\/bulk-create\/$/;

/** DRF's SimpleMetadata: `actions` lists the writable methods' fields, keys in the renderer's case. */
export function metadata(options: EmulatorOptions, path: string): Reply {
  const base = { name: "View", description: "", renders: ["application/json"], parses: ["application/json"] };
  let post: Record<string, unknown> | undefined;
  if (/^organizations\/[^/]+\/members\/$/.test(path)) {
    post = {
      email: { type: "email", required: true, readOnly: false, label: "Email" },
      isOwner: { type: "boolean", required: false, readOnly: !options.memberCreateHonoursIsOwner, label: "Is owner" },
    };
  } else if (BULK.test(path)) {
    if (options.groupBulkCreate.startsWith("absent")) return reply(Number(options.groupBulkCreate.slice(-3)), { detail: "Not found." });
    post = { members: { type: "list", required: true, readOnly: false, label: "Members", child: { type: "field" } } };
  } else if (path === "organizations/") {
    post = { name: { type: "string", required: true, readOnly: false, maxLength: 255 } };
  } else if (!/^(organizations\/[^/]+\/((members|groups)\/([^/]+\/)?)?|users\/current\/|permissions\/|)$/.test(path)) {
    return reply(404, { detail: "Not found." });
  }
  const body = post && options.optionsActions ? { ...base, actions: { POST: options.keyCase === "snake" ? snakeKeys(post) : post } } : base;
  return raw(200, body);
}

/** Methods of the view at `path`, for the Allow header (DRF lists OPTIONS and HEAD too). */
export function allowFor(options: EmulatorOptions, path: string): string | undefined {
  if (!options.allowHeaders) return undefined;
  const methods =
    path === "" ? ["GET"]
    : path === "users/current/" ? ["GET", "PUT"]
    : path === "organizations/" || /\/(members|groups|group-members)\/$/.test(path) ? ["GET", "POST"]
    : /^organizations\/[^/]+\/$/.test(path) ? ["GET", "PUT", "PATCH", ...(options.allowOrganizationDelete ? ["DELETE"] : [])]
    : /^organizations\/[^/]+\/members\/[^/]+\/$/.test(path) ? ["GET", "DELETE"]
    : BULK.test(path) ? ["POST"]
    : /\/groups\/[^/]+\/$/.test(path) ? ["GET", "PUT", "PATCH", "DELETE"]
    : path === "permissions/" ? ["GET"]
    : undefined;
  return methods && [...methods, "HEAD", "OPTIONS"].join(", ");
}

/** Sent as written: no key-case conversion (metadata's "POST", the OpenAPI document's own spelling). */
export function raw(status: number, body: unknown): Reply {
  return { status, body, raw: true };
}

