/** `npm run bench`: 1 organization + 500 members through the real provider host against the emulator with
 * 20 ms latency and a 20 requests/s limit enforced with 429s. Prints requests, 429s, wall time and the ratio
 * of wall time to the rate-limit lower bound (admitted requests ÷ rate). Not a test: numbers, not verdicts. */
import type { Emulator } from "../test/emulator/server";
import { mapLimit, type ResourceState } from "../test/helpers/engine";
import { startFixture } from "../test/helpers/fixture";
import { MEMBER_TYPE, ORG_TYPE } from "../test/helpers/host";
import { installPackedPackage, markdownTable, measure, runBenchmark, type PhaseRow } from "./bench-kit";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 500);
const RATE = 20;
const PARALLEL = 8; // the Pulumi engine's default on a 2-core machine: 4 × CPUs

interface Row extends PhaseRow {
  ratio: number;
  failed: number;
}

async function phase(emulator: Emulator, config: string, name: string, work: () => Promise<number>): Promise<Row> {
  const { result: failed, requests, throttled, seconds } = await measure(emulator, work);
  return { config, phase: name, requests, throttled, seconds, ratio: seconds / ((requests - throttled) / RATE), failed };
}

async function settle<T>(items: T[], task: (item: T) => Promise<unknown>): Promise<number> {
  const results = await mapLimit(items, PARALLEL, (item) => task(item).then(() => true, (e: Error) => (console.error(e.message), false)));
  return results.filter((ok) => !ok).length;
}

async function run(label: string, config: Record<string, string>): Promise<Row[]> {
  const fixture = await startFixture({ latencyMs: 20, rateLimitPerSecond: RATE }, config);
  const { emulator, engine } = fixture;
  try {
    const emails = Array.from({ length: MEMBERS }, (_, i) => `member${i}@bench.example`);
    let members: ResourceState[] = [];
    const rows = [
      await phase(emulator, label, `up: 1 org + ${MEMBERS} members`, async () => {
        const org = (await engine.up(ORG_TYPE, "bench", { name: "Bench" })).state;
        members = new Array(MEMBERS);
        return settle(emails.map((email, i) => [email, i] as const), async ([email, i]) => {
          members[i] = (await engine.up(MEMBER_TYPE, email, { organizationId: org.id, email })).state;
        });
      }),
      await phase(emulator, label, `refresh ${MEMBERS} members`, () => settle(members, (m) => engine.refresh(m))),
      await phase(emulator, label, `destroy ${MEMBERS} members`, () => settle(members, (m) => engine.destroy(m))),
    ];
    const left = emulator.state.members.size;
    if (left !== 0) console.error(`${label}: ${left} members left behind`);
    return rows;
  } finally {
    await fixture.stop();
  }
}

async function main(): Promise<void> {
  await installPackedPackage();
  console.log(`pulumi-maiagent benchmark: emulator latency 20 ms, limit ${RATE} req/s (429 + Retry-After), ${PARALLEL} operations in parallel\n`);
  const rows = [
    ...(await run("defaults (maxConcurrency 8)", {})),
    ...(await run(`requestsPerSecond ${RATE}`, { "maiagent:requestsPerSecond": String(RATE) })),
  ];
  const header = ["config", "phase", "requests", "429s", "wall s", "wall ÷ (admitted ÷ 20/s)", "failed ops"];
  const lines = rows.map((r) => [r.config, r.phase, String(r.requests), String(r.throttled), r.seconds.toFixed(1), r.ratio.toFixed(2), String(r.failed)]);
  console.log(markdownTable(header, lines));
}

runBenchmark(main);
