/** `npx pulumi-maiagent doctor`: a read-only check of a deployment against what the provider assumes. */
import type { Result } from "./check";
import { select } from "./checks/index";
import { buildReport, type Report } from "./report";
import { renderReport } from "./render";
import { runChecks } from "./run";
import { Session } from "./session";
import type { Limits } from "./http";

export interface DoctorCommand {
  ids: string[];
  org?: string;
  json: boolean;
  quiet: boolean;
}
export interface DoctorIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Unknown check ids, for the usage error; empty when all are known. */
export function unknownChecks(ids: string[]): string[] {
  return select(ids).unknown;
}

export async function doctor(command: DoctorCommand, io: DoctorIo, limits: Partial<Limits> = {}): Promise<Report> {
  const started = Date.now();
  const session = new Session(io.env, io.cwd ?? process.cwd(), command.org, limits);
  const progress = command.quiet ? () => undefined : (r: Result) => io.stderr(`  ${r.id}: ${r.status}\n`);
  let results: Result[];
  try {
    results = await runChecks(select(command.ids).checks, session, progress);
  } finally {
    session.close();
  }
  const report = buildReport(session, results, Date.now() - started);
  io.stdout(command.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, session.probedOrganization));
  return report;
}
