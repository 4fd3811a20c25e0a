/** What the benchmark scripts share: the packed package installed as the tests install it, one phase's
 * request counts and wall time from the emulator's log, and a Markdown table of the results. */
import * as path from "node:path";
import type { Emulator } from "../test/emulator/server";
import { ROOT } from "../test/helpers/host";

/** The host loads the packed, installed package from .tmp/project, exactly as the tests do. */
export async function installPackedPackage(): Promise<void> {
  await require(path.join(ROOT, "test/helpers/global-setup.js"))();
}

/** One row of a benchmark table: a phase of work under one configuration, as the emulator counted it. */
export interface PhaseRow {
  config: string;
  phase: string;
  requests: number;
  throttled: number;
  seconds: number;
}

export interface Measured<T> {
  result: T;
  requests: number;
  throttled: number;
  seconds: number;
}

/** Runs `work` and reports the requests the emulator received meanwhile, the 429s among them, and wall time. */
export async function measure<T>(emulator: Emulator, work: () => Promise<T>): Promise<Measured<T>> {
  const before = emulator.requests.length;
  const started = Date.now();
  const result = await work();
  const seconds = (Date.now() - started) / 1000;
  const requests = emulator.requests.slice(before);
  return { result, requests: requests.length, throttled: requests.filter((r) => r.status === 429).length, seconds };
}

export function markdownTable(header: string[], lines: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [format(header), format(widths.map((w) => "-".repeat(w))), ...lines.map(format)].join("\n");
}

/** A benchmark's entry point: prints the stack of anything that fails and exits 1. */
export function runBenchmark(main: () => Promise<void>): void {
  main().catch((error: Error) => {
    console.error(error.stack);
    process.exit(1);
  });
}
