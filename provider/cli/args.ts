/** Command-line arguments of `pulumi-maiagent`, parsed with node:util parseArgs. */
import { parseArgs } from "node:util";
import { Uuid } from "../api/schemas";
import type { Selection } from "./read-live";

export const USAGE = `Usage: pulumi-maiagent export (--org <id> [--org <id>…] | --all) [--out <file>] [--quiet]
       pulumi-maiagent permissions   (the permissions a group can hold: name, id, description)

Writes maiagent.yaml (the roster the root Pulumi program reads) from live MaiAgent organizations.
Each organization gets its adoptId and its current members, so the first \`pulumi up\` changes nothing.

  --org <id>    an organization id (UUID); repeat for more
  --all         every organization the API key can see
  --out <file>  write here instead of standard output: all or nothing (a failed write leaves the file as it
                was), keeping the key of every organization the file already lists by adoptId
  --quiet       no progress on standard error
  -h, --help    this text
  --version     the package version

Environment: MAIAGENT_API_KEY (required), MAIAGENT_BASE_URL (default https://api.maiagent.ai/api/v1/).`;

export class UsageError extends Error {}

export type Command = { help: true } | { version: true; help: false } | { help: false; version?: false; selection: Selection; out?: string; quiet: boolean };

export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        org: { type: "string", multiple: true },
        all: { type: "boolean" },
        out: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (values.version) return { version: true, help: false };
  if (positionals[0] !== "export" || positionals.length > 1) {
    throw new UsageError(positionals.length ? `Unknown command: ${positionals.join(" ")}` : "No command given.");
  }
  const ids = [...new Set(values.org ?? [])];
  if (values.all && ids.length) throw new UsageError("Give --org or --all, not both.");
  if (!values.all && !ids.length) throw new UsageError("Say which organizations: --org <id> (repeatable) or --all.");
  const invalid = ids.filter((id) => !Uuid.safeParse(id).success);
  if (invalid.length) throw new UsageError(`--org must be an organization id (a UUID): ${invalid.join(", ")}`);
  return { help: false, selection: values.all ? { all: true } : { ids }, out: values.out, quiet: values.quiet ?? false };
}
