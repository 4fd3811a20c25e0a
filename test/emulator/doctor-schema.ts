/** The emulator's `schema/`: an OpenAPI 3 document as drf-spectacular would publish it, generated from the
 * provider's own expectations table (so the two cannot drift apart) and from the emulator's switches. */
import { EXPECTED_PATHS, EXPECTED_SECURITY, snakeCase } from "../../provider/api/expectations";
import type { EmulatorOptions } from "./server";

export function openApi(options: EmulatorOptions): Record<string, any> {
  const name = (camel: string) => (options.keyCase === "snake" ? snakeCase(camel) : camel);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const expected of EXPECTED_PATHS) {
    if (expected.path.includes("groups/") && !options.groupsPresent) continue;
    if (expected.path.endsWith("bulk-create/") && options.groupBulkCreate.startsWith("absent")) continue;
    // drf-nested-routers' names: the parents' keys in order, `id` for the object the path ends on.
    const parents = ["organization_pk", "group_pk"];
    const path = `/api/v1/${expected.path.replace(/\{\}(\/$)?/g, (_, last: string | undefined) => (last ? "{id}/" : `{${parents.shift()}}`))}`;
    const methods = [...expected.methods];
    if (expected.path === "organizations/{}/" && options.allowOrganizationDelete) methods.push("delete");
    paths[path] = Object.fromEntries(methods.map((m) => [m, { operationId: `${m}_${path}`, responses: { "200": { description: "" } } }]));
  }
  const doc = {
    openapi: "3.0.3",
    info: { title: "MaiAgent API (emulator)", version: "1.0.0" },
    paths,
    components: {
      schemas: {
        Organization: { type: "object", properties: { id: { type: "string", format: "uuid", readOnly: true }, name: { type: "string", maxLength: 255 } } },
        MemberCreate: {
          type: "object",
          properties: { email: { type: "string", format: "email" }, [name("isOwner")]: { type: "boolean", readOnly: !options.memberCreateHonoursIsOwner } },
        },
        GroupMemberBulkCreate: { type: "object", properties: { members: { type: "array", items: { type: "string", format: "uuid" } } } },
      },
      securitySchemes: { ApiKeyAuth: { type: EXPECTED_SECURITY.type, in: EXPECTED_SECURITY.in, name: EXPECTED_SECURITY.name } },
    },
    security: [{ ApiKeyAuth: [] }],
  };
  options.schemaOverride?.(doc);
  return doc;
}
