/** `npm run bench:engine`: what a whole `pulumi up` costs beyond the API's latency, through the test engine
 * (the program run by @pulumi/pulumi's cmd/run, every resource through the real provider host), against the
 * emulator answering every request after 100 ms. Two programs: the root roster program with one organization of
 * BENCH_ROSTER_MEMBERS (2,000) members, and the quickstart with BENCH_MEMBER_RESOURCES (200) Member resources;
 * `up` on an empty emulator, `refresh`, then `up` again with nothing to change (the fixed cost: compiling and
 * running the program, the provider host, check and diff of every resource). API bound = requests × latency ÷ maxConcurrency (8). */
import * as fs from "node:fs";
import * as path from "node:path";
import { Emulator } from "../test/emulator/server";
import { ROOT } from "../test/helpers/host";
import { TestEngine, type Result } from "../test/engine/test-engine";
import { markdownTable, measure, runBenchmark } from "./bench-kit";

const ROSTER_MEMBERS = Number(process.env.BENCH_ROSTER_MEMBERS ?? 2000);
const MEMBER_RESOURCES = Number(process.env.BENCH_MEMBER_RESOURCES ?? 200);
const LATENCY_MS = 100;
const CONCURRENCY = 8;
const WORK = path.join(ROOT, ".tmp", "bench-engine");

const emails = (n: number, domain: string) => Array.from({ length: n }, (_, i) => `member${String(i).padStart(4, "0")}@${domain}`);

async function program(label: string, root: string, config: Record<string, string>): Promise<string[][]> {
  const emulator = await Emulator.start({ latencyMs: LATENCY_MS });
  const stateFile = path.join(WORK, `${label.replace(/\W+/g, "-")}.json`);
  fs.rmSync(stateFile, { force: true });
  const engine = new TestEngine({
    root,
    stateFile,
    config: { "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": emulator.baseUrl(), ...config },
    secretKeys: ["maiagent:apiKey"],
  });
  try {
    const rows: string[][] = [];
    const phases = [["up", () => engine.up()], ["refresh", () => engine.refresh()], ["up, nothing to change", () => engine.up()]] as const;
    for (const [phase, work] of phases) {
      const { result, requests, seconds } = await measure<Result>(emulator, work);
      if (!result.ok) throw new Error(`${label} ${phase} failed: ${result.errors.join("; ")}`);
      const bound = (requests * LATENCY_MS) / 1000 / CONCURRENCY;
      const mb = result.hostPeakKb ? (result.hostPeakKb / 1024).toFixed(0) : "?";
      rows.push([label, phase, String(requests), seconds.toFixed(1), bound.toFixed(1), (seconds - bound).toFixed(1), mb]);
    }
    return rows;
  } finally {
    await emulator.stop();
  }
}

async function main(): Promise<void> {
  fs.mkdirSync(WORK, { recursive: true });
  const rosterFile = path.join(WORK, "maiagent.yaml");
  const list = emails(ROSTER_MEMBERS, "bench.example").map((e) => `      - ${e}`).join("\n");
  fs.writeFileSync(rosterFile, `organizations:\n  bench:\n    name: Bench\n    members:\n${list}\n`);
  console.log(`Test engine benchmark: emulator latency ${LATENCY_MS} ms, no rate limit, provider defaults (maxConcurrency ${CONCURRENCY})\n`);
  const rows = [
    ...(await program(`roster program: 1 org + ${ROSTER_MEMBERS} members`, ROOT, { "maiagent:rosterFile": rosterFile })),
    ...(await program(`quickstart: 1 org + ${MEMBER_RESOURCES} Member resources`, path.join(ROOT, "examples/quickstart"), {
      "maiagent-quickstart:members": JSON.stringify(emails(MEMBER_RESOURCES, "acme.example")),
    })),
  ];
  console.log(markdownTable(["program", "phase", "requests", "wall s", "API bound s", "wall − bound s", "host peak MB"], rows));
}

runBenchmark(main);
