#!/usr/bin/env node
/** `npx pulumi-maiagent export`: live organizations → maiagent.yaml. Exit 0 written, 1 failed, 2 usage error.
 * `npx pulumi-maiagent doctor`: exit 0 fine, 1 a check failed, 2 usage error, 3 warnings only.
 * `npx pulumi-maiagent permissions`: the permission table; exit 0 printed, 1 failed, 2 usage error. */
import { MaiAgentClient } from "../api/client";
import { formatRetry } from "../api/request-log";
import { formatProblem, RosterError } from "../roster/errors";
import { parseRoster } from "../roster/parse";
import { parseCommand, USAGE, UsageError } from "./args";
import { PERMISSIONS_USAGE, permissionsTable } from "./permissions";
import { droppedKeys, matchPreviousKeys, readPreviousKeys } from "./previous-keys";
import { doctor } from "./doctor/index";
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
    if (command.doctor) return (await doctor(command.doctor, io)).exitCode;
    if (!io.env.MAIAGENT_API_KEY) throw new UsageError("Set MAIAGENT_API_KEY to an API key (and MAIAGENT_BASE_URL for another API root).");
    const progress = command.quiet ? () => undefined : (line: string) => io.stderr(`${line}\n`);
    const previous = command.out ? readPreviousKeys(command.out) : undefined; // before any request: fail fast
    const settings = { apiKey: io.env.MAIAGENT_API_KEY, baseUrl: io.env.MAIAGENT_BASE_URL, audience: "cli" as const };
    const client = new MaiAgentClient(settings, undefined, {
      onRetry: (notice) => progress(formatRetry(notice)),
      log: (line) => io.stderr(`${line}\n`),
    });
    const organizations = await readLive(client, command.selection, progress);
    const kept = previous && matchPreviousKeys(previous, organizations);
    const dropped = previous && kept ? droppedKeys(previous, kept, organizations) : [];
    if (dropped.length && command.out && !command.prune) throw new Error(droppedMessage(command.out, dropped));
    const text = renderRoster(organizations, previous && kept && { byAdoptId: kept, keys: previous.keys, groups: previous.groups });
    if (command.out) writeFileAtomically(command.out, text);
    else io.stdout(text);
    progress(`Exported ${organizations.length} organization${organizations.length === 1 ? "" : "s"}${command.out ? ` to ${command.out}` : ""}.`);
    return checkLoadable(text, command.out ?? "maiagent.yaml", io);
  } catch (error) {
    if (error instanceof UsageError) return io.stderr(`error: ${error.message}\n\n${USAGE}\n`), 2;
    io.stderr(`error: ${(error as Error).message}\n`);
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
    io.stderr(`error: ${(error as Error).message}\n`);
    return 1;
  }
}

function droppedMessage(file: string, keys: string[]): string {
  const n = keys.length;
  return (
    `this export would drop ${n} organization${n === 1 ? "" : "s"} the file has: ${keys.join(", ")} (not selected, or no longer visible to the key). ` +
    "The next `pulumi up` would stop managing them, and one with `retain: false` would have its members removed. " +
    `Export them too (--all, or --org for each), or, if dropping them is intended, run again with --prune. ${file} was not changed.`
  );
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
