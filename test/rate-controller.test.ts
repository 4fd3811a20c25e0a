/** The adaptive pacing, deterministically, in virtual time against simulated servers (no wall clock). */
import { TokenBucketLimit, WindowLimit } from "./emulator/limits";
import { loadDist } from "./helpers/native";
import * as sim from "./helpers/rate-simulation";

type Module = typeof import("../provider/api/rate-controller");
const { RateController, FLOOR_PER_SECOND } = loadDist<Module>("provider/api/rate-controller.js");

function setUp(cap = 0) {
  const time = new sim.VirtualTime();
  return { time, controller: new RateController(cap, time.clock) };
}
const bound = (log: sim.Sent[], perSecond: number) => (log.filter((s) => s.status !== 429).length * 1000) / perSecond;

test("sporadic 429s (3 % at random, Retry-After 1 s) delay only their own requests: the pace stays unlimited", () => {
  const free = setUp();
  const faultFree = sim.simulate(free.time, () => ({ status: 200 }), [{ pacer: free.controller, requests: 3000 }]);
  const { time, controller } = setUp();
  const run = sim.simulate(time, sim.sporadicServer(0.03, 1000, 7), [{ pacer: controller, requests: 3000 }]);
  const throttled = run.log.filter((s) => s.status === 429).length;
  expect(throttled).toBeGreaterThan(50);
  expect(controller.rate()).toBe(Infinity);
  const fair = faultFree.finishedAt[0] + (throttled * 1000) / 8;
  expect(run.finishedAt[0]).toBeLessThanOrEqual(fair / 0.8);
});

test("a token bucket at 20/s: within 1.2 × the rate bound, 429s at most 10 % of requests", () => {
  const { time, controller } = setUp();
  const run = sim.simulate(time, sim.limitedServer(new TokenBucketLimit(20)), [{ pacer: controller, requests: 1000 }]);
  expect(run.finishedAt[0]).toBeLessThanOrEqual(1.2 * bound(run.log, 20));
  expect(sim.share429(run.log)).toBeLessThanOrEqual(0.1);
});

test("when the limit rises from 20 to 40/s, the client takes it up: at least 0.75 × 40 within 30 s", () => {
  const { time, controller } = setUp();
  const limiter = new WindowLimit(20);
  time.at(30_000, () => (limiter.perSecond = 40));
  const run = sim.simulate(time, sim.limitedServer(limiter), [{ pacer: controller, requests: 3000 }]);
  expect(sim.admittedRate(run.log, 25_000, 30_000)).toBeGreaterThanOrEqual(0.75 * 20);
  expect(sim.admittedRate(run.log, 55_000, 60_000)).toBeGreaterThanOrEqual(0.75 * 40);
});

test("when the limit falls from 40 to 10/s, every request still succeeds and 429s stay at most 15 % afterwards", () => {
  const { time, controller } = setUp();
  const limiter = new TokenBucketLimit(40);
  time.at(15_000, () => (limiter.perSecond = 10));
  const run = sim.simulate(time, sim.limitedServer(limiter), [{ pacer: controller, requests: 1200 }]);
  expect(run.finishedAt[0]).toBeGreaterThan(15_000);
  expect(sim.share429(run.log, 15_000)).toBeLessThanOrEqual(0.15);
  expect(sim.admittedRate(run.log, 30_000, run.finishedAt[0])).toBeGreaterThanOrEqual(0.8 * 10);
});

test("four clients sharing one 20/s limit fill it together, and the last finishes within 1.25 × the shared bound", () => {
  const time = new sim.VirtualTime();
  const clients = [0, 1, 2, 3].map(() => ({ pacer: new RateController(0, time.clock), requests: 300 }));
  const run = sim.simulate(time, sim.limitedServer(new WindowLimit(20)), clients);
  const allRunning = Math.min(...run.finishedAt);
  expect(sim.admittedRate(run.log, 0, allRunning)).toBeGreaterThanOrEqual(0.85 * 20);
  expect(Math.max(...run.finishedAt)).toBeLessThanOrEqual(1.25 * bound(run.log, 20));
  expect(sim.share429(run.log)).toBeLessThanOrEqual(0.25);
});

test("a configured requestsPerSecond is a hard cap: no 1-second window holds more, whatever the server allows", () => {
  const { time, controller } = setUp(5);
  const run = sim.simulate(time, () => ({ status: 200 }), [{ pacer: controller, requests: 100 }]);
  expect(sim.maxInOneSecond(run.log.map((s) => s.at))).toBe(5);
  const throttled = setUp(5);
  const limited = sim.simulate(throttled.time, sim.limitedServer(new TokenBucketLimit(3)), [{ pacer: throttled.controller, requests: 100 }]);
  expect(sim.maxInOneSecond(limited.log.map((s) => s.at))).toBeLessThanOrEqual(5);
});

test("the pace never falls below the floor, even when the server refuses everything for a minute", () => {
  const { time, controller } = setUp();
  sim.simulate(time, () => ({ status: 429, retryAfterMs: 1000 }), [{ pacer: controller, requests: 8 }], 60_000);
  expect(controller.rate()).toBe(FLOOR_PER_SECOND);
});
