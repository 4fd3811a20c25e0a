/** Preloaded with `node --require`: once the process starts its `WALL_CLOCK_STEP_AFTER`-th outgoing HTTP request
 * (default 2), Date.now jumps by `WALL_CLOCK_STEP_MS` (default one hour back), as an NTP correction or a VM
 * resumed from a snapshot does. performance.now (monotonic) is left alone. */
const diagnostics = require("node:diagnostics_channel");

const realNow = Date.now;
const step = Number(process.env.WALL_CLOCK_STEP_MS ?? -3_600_000);
const after = Number(process.env.WALL_CLOCK_STEP_AFTER ?? 2);
let offset = 0;
let started = 0;
diagnostics.subscribe("http.client.request.start", () => {
  if (++started !== after) return;
  offset = step;
  process.stderr.write(`wall clock stepped by ${step} ms\n`);
});
Date.now = () => realNow() + offset;
