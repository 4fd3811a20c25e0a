/** Fault soak through the real provider host: 1 organization and 300 members under 503s (half after the
 * write), connection resets and 429 bursts. The emulator's final state must equal the declared state. */
import type { Emulator } from "./emulator/server";
import { startFixture, type Fixture } from "./helpers/fixture";
import { mapLimit, type Engine, type ResourceState } from "./helpers/engine";
import { MEMBER_TYPE, ORG_TYPE } from "./helpers/host";

const MEMBERS = 300;
const PARALLEL = 8; // what the Pulumi engine runs at once on this 2-core machine (4 × CPUs)
const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
/** Each phase takes 1–15 s on an idle 2-core machine; the limit allows a machine busy enough to be 4× slower, and then some. */
const PHASE_LIMIT_MS = 300_000;

describe(`fault soak (SOAK_SEED=${seed} reproduces the fault sequence)`, () => {
  let fixture: Fixture;
  let emulator: Emulator;
  let engine: Engine;
  beforeAll(async () => {
    ({ emulator, engine } = fixture = await startFixture());
    emulator.faults.setChaos({ seed, failureRate: 0.1, appliedFraction: 0.5, resetRate: 0.03, burst429: { every: 150, length: 4, retryAfter: "1" } });
  });
  afterAll(() => fixture.stop());

  const emails = Array.from({ length: MEMBERS }, (_, i) => `member${i}@soak.example`);
  let org: ResourceState;
  let members: ResourceState[];

  test("up converges exactly: one organization, every declared member once, nothing extra", async () => {
    org = (await engine.up(ORG_TYPE, "soak", { name: "Soak" })).state;
    members = (await mapLimit(emails, PARALLEL, (email) => engine.up(MEMBER_TYPE, email, { organizationId: org.id, email }))).map((r) => r.state);
    expect([...emulator.state.orgs.keys()]).toEqual([org.id]);
    const live = emulator.state.membersOf(org.id);
    expect(live.map((m) => m.email).sort()).toEqual([...emails].sort());
    expect(members.map((m) => m.id).sort()).toEqual(live.map((m) => `${org.id}/${m.id}`).sort());
    expect(emulator.count({ status: 503 }) + emulator.count({ status: 429 })).toBeGreaterThan(20); // the faults really happened
  }, PHASE_LIMIT_MS);

  test("refresh under the same faults reports every member present and unchanged", async () => {
    const read = await mapLimit(members, PARALLEL, (state) => engine.refresh(state));
    expect(read.map((r) => r?.id)).toEqual(members.map((m) => m.id));
    expect(read.map((r) => r?.outputs.email)).toEqual(emails);
  }, PHASE_LIMIT_MS);

  test("destroying every member leaves none behind", async () => {
    await mapLimit(members, PARALLEL, (state) => engine.destroy(state));
    expect(emulator.state.membersOf(org.id)).toEqual([]);
    expect(emulator.state.orgs.size).toBe(1);
  }, PHASE_LIMIT_MS);
});
