/** `npm run bench:refresh`: refresh of a large organization through the real provider host against the emulator,
 * every request answered after a fixed latency, 16 reads in flight. Prints requests and wall time per latency
 * beside the target ceil(N / page size) + 2. Not a test: numbers, not verdicts. A scenario stops starting reads
 * after BENCH_DEADLINE_S seconds (default 300) and reports how many were done. */
import { mapLimit } from "../test/helpers/engine";
import { startFixture } from "../test/helpers/fixture";
import { seedMembers } from "../test/helpers/seed";
import { installPackedPackage, markdownTable, runBenchmark } from "./bench-kit";

const IN_FLIGHT = 16;
const PAGE_SIZE = 100; // the emulator's maximum page size, as DRF's max_page_size
const DEADLINE_S = Number(process.env.BENCH_DEADLINE_S ?? 300);
const SCENARIOS = [
  { members: 2000, latencyMs: 0 }, // the host's own cost of 2,000 reads, without the API
  { members: 2000, latencyMs: 100 },
  { members: 2000, latencyMs: 300 },
  { members: 1000, latencyMs: 500 },
];

async function scenario(members: number, latencyMs: number): Promise<string[]> {
  const fixture = await startFixture({ latencyMs });
  const { emulator, engine } = fixture;
  try {
    const { states } = seedMembers(emulator, engine, members);
    const started = Date.now();
    const deadline = started + DEADLINE_S * 1000;
    let done = 0;
    let wrong = 0;
    await mapLimit(states, IN_FLIGHT, async (state) => {
      if (Date.now() > deadline) return;
      const read = await engine.refresh(state);
      if (read?.outputs.email === state.outputs.email) done++;
      else wrong++;
    });
    const seconds = (Date.now() - started) / 1000;
    const lists = emulator.count({ path: /members\/$/ });
    const target = Math.ceil(members / PAGE_SIZE) + 2;
    return [String(members), String(latencyMs), `${done}/${members}${wrong ? ` (${wrong} wrong)` : ""}`, String(emulator.requests.length), String(lists), String(target), seconds.toFixed(1)];
  } finally {
    await fixture.stop();
  }
}

async function main(): Promise<void> {
  await installPackedPackage();
  console.log(`pulumi-maiagent refresh benchmark: ${IN_FLIGHT} reads in flight, page size ${PAGE_SIZE}, latency on every request\n`);
  const header = ["members", "latency ms", "reads done", "requests", "list requests", "target ceil(N/100)+2", "wall s"];
  const lines: string[][] = [];
  for (const { members, latencyMs } of SCENARIOS) lines.push(await scenario(members, latencyMs));
  console.log(markdownTable(header, lines));
}

runBenchmark(main);
