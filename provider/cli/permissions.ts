/** `npx pulumi-maiagent permissions`: the permission list as a table (name, id, description), so a role can
 * be written without opening the console. */
import { listPermissions } from "../api/permissions";

export const PERMISSIONS_USAGE = `Usage: pulumi-maiagent permissions

Prints every permission a group (role) can hold: name, id and description, sorted by name.
Use the names (or ids) in Group.permissions or in maiagent.yaml's groups.

Environment: MAIAGENT_API_KEY (required), MAIAGENT_BASE_URL (default https://api.maiagent.ai/api/v1/).`;

export async function permissionsTable(env: NodeJS.ProcessEnv): Promise<string> {
  const rows = (await listPermissions({ apiKey: env.MAIAGENT_API_KEY, baseUrl: env.MAIAGENT_BASE_URL, audience: "cli" })).map((p) => [oneLine(p.name), p.id, oneLine(p.description)]);
  return table([["NAME", "ID", "DESCRIPTION"], ...rows]);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join("  ").trimEnd()).join("\n") + "\n";
}

/** One line, and nothing a terminal would act on (escape sequences, bells) from text the API controls. */
const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "");
