#!/usr/bin/env node
/** `npx pulumi-maiagent export`: live organizations → maiagent.yaml; `permissions`: the permission table.
 * Exit 0 done, 1 failed, 2 usage error. */
import { MaiAgentClient } from "../api/client";
import { MaiAgentApiError } from "../api/errors";
import { formatProblem, RosterError } from "../roster/errors";
import { parseRoster } from "../roster/parse";
import { parseCommand, USAGE, UsageError } from "./args";
import { PERMISSIONS_USAGE, permissionsTable } from "./permissions";
import { readPreviousKeys } from "./previous-keys";
import { readLive } from "./read-live";
import { renderRoster } from "./render";
import { writeFileAtomically } from "./write-file";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export async function main(argv: string[], io: Io): Promise<number> {
  if (argv[0] === "permissions") return permissions(argv.slice(1), io);
  try {
    const command = parseCommand(argv);
    if (command.help) return io.stdout(`${USAGE}\n`), 0;
    if (command.version) return io.stdout(`${require("../../../package.json").version}\n`), 0;
    if (!io.env.MAIAGENT_API_KEY) throw new UsageError("Set MAIAGENT_API_KEY to an API key (and MAIAGENT_BASE_URL for another API root).");
    const client = new MaiAgentClient({ apiKey: io.env.MAIAGENT_API_KEY, baseUrl: io.env.MAIAGENT_BASE_URL });
    const progress = command.quiet ? () => undefined : (line: string) => io.stderr(`${line}\n`);
    const previous = command.out ? readPreviousKeys(command.out) : undefined; // before any request: fail fast
    const organizations = await readLive(client, command.selection, progress);
    const text = renderRoster(organizations, previous);
    if (command.out) writeFileAtomically(command.out, text);
    else io.stdout(text);
    progress(`Exported ${organizations.length} organization${organizations.length === 1 ? "" : "s"}${command.out ? ` to ${command.out}` : ""}.`);
    return checkLoadable(text, command.out ?? "maiagent.yaml", io);
  } catch (error) {
    if (error instanceof UsageError) return io.stderr(`error: ${error.message}\n\n${USAGE}\n`), 2;
    io.stderr(`error: ${forThisCommand(error as Error).message}\n`);
    return 1;
  }
}

async function permissions(argv: string[], io: Io): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) return io.stdout(`${PERMISSIONS_USAGE}\n`), 0;
  if (argv.length > 0) return io.stderr(`error: unknown argument: ${argv.join(" ")}\n\n${PERMISSIONS_USAGE}\n`), 2;
  if (!io.env.MAIAGENT_API_KEY) return io.stderr(`error: Set MAIAGENT_API_KEY to an API key.\n\n${PERMISSIONS_USAGE}\n`), 2;
  try {
    io.stdout(await permissionsTable(io.env));
    return 0;
  } catch (error) {
    io.stderr(`error: ${forThisCommand(error as Error).message}\n`);
    return 1;
  }
}

/** The client's 401 advice names Pulumi config; here the key comes from the environment only. */
function forThisCommand(error: Error): Error {
  if (!(error instanceof MaiAgentApiError) || error.status !== 401) return error;
  const hint = "Check MAIAGENT_API_KEY: it must be a valid MaiAgent API key (the key is not shown).";
  return new MaiAgentApiError(error.method, error.path, error.status, error.body, hint);
}

/** Live data the roster cannot hold (a logo that is not an http(s) URL, an odd email) needs a hand edit. */
function checkLoadable(text: string, file: string, io: Io): number {
  try {
    parseRoster(text, file);
    return 0;
  } catch (error) {
    if (!(error instanceof RosterError)) throw error;
    io.stderr(`error: the file was written, but needs these fixes by hand before \`pulumi up\`:\n${error.problems.map((p) => `  ${formatProblem(p)}\n`).join("")}`);
    return 1;
  }
}

if (require.main === module) {
  const io: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env };
  void main(process.argv.slice(2), io).then((code) => (process.exitCode = code));
}
