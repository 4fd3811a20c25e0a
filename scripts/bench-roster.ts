/** `npm run bench:roster`: one OrganizationMembers of 500 emails through the real provider host against the
 * emulator (20 ms latency, 20 requests/s enforced with 429s). Prints, per client setting: create on an empty
 * organization (requests, 429s, wall time, the rate bound = admitted requests ÷ 20/s, and the ratios the issue
 * checks), a refresh, and an update that removes one member added by hand. Numbers, not verdicts. */
import type { Emulator } from "../test/emulator/server";
import type { Org } from "../test/emulator/state";
import type { ResourceState } from "../test/helpers/engine";
import { startFixture } from "../test/helpers/fixture";
import { ROSTER_TYPE } from "../test/helpers/host";
import { installPackedPackage, markdownTable, measure, runBenchmark, type PhaseRow } from "./bench-kit";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 500);
const RATE = 20;

interface Row extends PhaseRow {
  rateBound: number;
}

async function phase(emulator: Emulator, config: string, name: string, work: () => Promise<unknown>): Promise<Row> {
  const { requests, throttled, seconds } = await measure(emulator, work);
  return { config, phase: name, requests, throttled, seconds, rateBound: (requests - throttled) / RATE };
}

async function run(label: string, config: Record<string, string>): Promise<Row[]> {
  const fixture = await startFixture({ latencyMs: 20, rateLimitPerSecond: RATE }, config);
  const { emulator, engine } = fixture;
  try {
    const org = (emulator.state.createOrg({ name: "Bench" }, emulator.owner.id).body as Org).id;
    const inputs = { organizationId: org, emails: Array.from({ length: MEMBERS }, (_, i) => `member${i}@bench.example`) };
    let state!: ResourceState;
    const rows = [await phase(emulator, label, `create ${MEMBERS} on an empty org`, async () => (state = (await engine.up(ROSTER_TYPE, "bench", inputs)).state))];
    rows.push(await phase(emulator, label, "refresh", () => engine.refresh(state)));
    emulator.state.addMember(emulator.state.orgs.get(org)!, { email: "intruder@elsewhere.example" });
    let refreshed = state;
    rows.push(await phase(emulator, label, "refresh seeing 1 hand-added", async () => (refreshed = (await engine.refresh(state))!)));
    rows.push(await phase(emulator, label, "update removing it", () => engine.up(ROSTER_TYPE, "bench", inputs, refreshed)));
    const live = emulator.state.membersOf(org).length;
    if (live !== MEMBERS) console.error(`${label}: ${live} members live, expected ${MEMBERS}`);
    return rows;
  } finally {
    await fixture.stop();
  }
}

async function main(): Promise<void> {
  await installPackedPackage();
  console.log(`OrganizationMembers benchmark: ${MEMBERS} emails, emulator latency 20 ms, limit ${RATE} req/s (429 + Retry-After)\n`);
  const rows = [...(await run("defaults", {})), ...(await run(`requestsPerSecond ${RATE}`, { "maiagent:requestsPerSecond": String(RATE) }))];
  const header = ["config", "phase", "requests", "429s", "requests ÷ emails", "wall s", "rate bound s", "wall ÷ bound"];
  const lines = rows.map((r) => [
    r.config,
    r.phase,
    String(r.requests),
    String(r.throttled),
    r.phase.startsWith("create") ? (r.requests / MEMBERS).toFixed(3) : "",
    r.seconds.toFixed(1),
    r.rateBound.toFixed(1),
    r.phase.startsWith("create") ? (r.seconds / r.rateBound).toFixed(2) : "",
  ]);
  console.log(markdownTable(header, lines));
  console.log(`\nThe issue's check: requests ≤ 1.1 × ${MEMBERS} = ${(1.1 * MEMBERS).toFixed(0)} and wall ≤ 1.2 × the rate bound.`);
}

runBenchmark(main);
