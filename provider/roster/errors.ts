/** Roster problems carry file, line and path, and are reported all at once. */
import { MaiAgentError } from "../api/errors";

/** One problem of a roster file or of the stack config that selects from it. */
export interface RosterProblem {
  /** The roster file, or the config key (maiagent:organizations) the problem is in. */
  file: string;
  /** 1-based; 0 when the problem has no place in the file (a missing file, a stack config value). */
  line: number;
  /** e.g. `organizations.acme.members[2]`; empty for the whole file. */
  path: string;
  /** What is wrong, e.g. "not a valid email". */
  message: string;
}

/** `file:line path: message`, as RosterError lists problems. */
export function formatProblem(p: RosterProblem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}` : p.file;
  return `${where} ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

/** The roster cannot be used; the message lists every problem, one per line, and `problems` holds them. */
export class RosterError extends MaiAgentError {
  /** @param problems Every problem found, in file order. */
  constructor(
    /** Every problem found, in file order. */
    readonly problems: RosterProblem[],
  ) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`The roster has ${count}; fix ${problems.length === 1 ? "it" : "them"} and run again:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  }
}

/** `["organizations", "acme", "members", 2]` → `organizations.acme.members[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === "number") return `${out}[${part}]`;
    const name = String(part);
    const plain = /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
    return out ? `${out}.${plain}` : plain;
  }, "");
}
