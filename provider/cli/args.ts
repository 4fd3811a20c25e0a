/** Command-line arguments of `pulumi-maiagent`, parsed with node:util parseArgs. */
import { parseArgs } from "node:util";
import { Uuid } from "../api/schemas";
import { unknownChecks, type DoctorCommand } from "./doctor/index";
import type { Selection } from "./read-live";

export const USAGE = `Usage: pulumi-maiagent export (--org <id> [--org <id>…] | --all) [--out <file> [--prune]] [--quiet]
       pulumi-maiagent doctor [<check id>…] [--org <id>] [--json] [--quiet]
       pulumi-maiagent permissions   (the permissions a group can hold: name, id, description)

Writes maiagent.yaml (the roster the root Pulumi program reads) from live MaiAgent organizations.
Each organization gets its adoptId and its current members, so the first \`pulumi up\` changes nothing.

  --org <id>    an organization id (UUID); repeat for more
  --all         every organization the API key can see
  --out <file>  write here instead of standard output: all or nothing (a failed write leaves the file as it
                was), keeping the key of every organization the file already lists (by adoptId, else by
                its unique name); fails rather than drop an organization the file has
  --prune       with --out: allow dropping organizations the file has that this export does not write
  --quiet       no progress on standard error
  -h, --help    this text
  --version     the package version

doctor checks the API at MAIAGENT_BASE_URL against what the provider assumes, sending only GET, HEAD and
OPTIONS. Exit 0 all fine, 1 a check failed, 2 usage error, 3 warnings only.

  <check id>    run only these checks (an id such as list.pageSize, or a group such as schema) and what they need
  --org <id>    probe this organization instead of the first one listed
  --json        print the report as JSON (schemaVersion 1) on standard output

Environment: MAIAGENT_API_KEY (required), MAIAGENT_BASE_URL (default https://api.maiagent.ai/api/v1/),
MAIAGENT_LOG=debug (one line per HTTP attempt on standard error; never the key).`;

export class UsageError extends Error {}

export type Command =
  | { help: true }
  | { version: true; help: false }
  | { help: false; version?: false; doctor?: undefined; selection: Selection; out?: string; prune: boolean; quiet: boolean }
  | { help: false; version?: false; doctor: DoctorCommand };

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
        prune: { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    // node:util words an unknown option as advice on passing arguments that start with '-'; name it plainly.
    const option = /^Unknown option '([^']+)'/.exec(message)?.[1];
    throw new UsageError(code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option ? `Unknown option ${option}.` : message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (values.version) return { version: true, help: false };
  if (positionals[0] === "doctor") return { help: false, doctor: doctorCommand(positionals.slice(1), values) };
  if (values.json) throw new UsageError("--json is an option of doctor.");
  if (positionals[0] !== "export" || positionals.length > 1) {
    throw new UsageError(positionals.length ? `Unknown command: ${positionals.join(" ")}` : "No command given.");
  }
  const ids = [...new Set(values.org ?? [])];
  if (values.all && ids.length) throw new UsageError("Give --org or --all, not both.");
  if (!values.all && !ids.length) throw new UsageError("Say which organizations: --org <id> (repeatable) or --all.");
  const invalid = ids.filter((id) => !Uuid.safeParse(id).success);
  if (invalid.length) throw new UsageError(`--org must be an organization id (a UUID): ${invalid.join(", ")}`);
  if (values.prune && !values.out) throw new UsageError("--prune goes with --out.");
  return { help: false, selection: values.all ? { all: true } : { ids }, out: values.out, prune: values.prune ?? false, quiet: values.quiet ?? false };
}

function doctorCommand(ids: string[], values: { org?: string[]; all?: boolean; out?: string; prune?: boolean; json?: boolean; quiet?: boolean }): DoctorCommand {
  if (values.all || values.out || values.prune) throw new UsageError("doctor takes no --all, --out or --prune.");
  if ((values.org ?? []).length > 1) throw new UsageError("doctor probes one organization: give --org once.");
  const org = values.org?.[0];
  if (org !== undefined && !Uuid.safeParse(org).success) throw new UsageError(`--org must be an organization id (a UUID): ${org}`);
  const unknown = unknownChecks(ids);
  if (unknown.length) throw new UsageError(`Unknown check: ${unknown.join(", ")}. Run doctor without ids to see them all.`);
  return { ids, org, json: values.json ?? false, quiet: values.quiet ?? false };
}
