/** Pacing and retry deadlines run on a monotonic clock: the wall clock stepping back an hour in the provider
 * process (test/helpers/wall-clock-step.js) must not stall paced requests. */
import * as path from "node:path";
import { Emulator } from "./emulator/server";
import { Engine } from "./helpers/engine";
import { ProviderHost, ROSTER_TYPE } from "./helpers/host";
import { emailsFor, liveEmails, orgByHand } from "./helpers/roster";

const PRELOAD = path.join(__dirname, "helpers", "wall-clock-step.js");

test("paced requests go on after the wall clock steps back an hour in the provider process", async () => {
  const emulator = await Emulator.start();
  const host = await ProviderHost.start({ NODE_OPTIONS: `--require ${PRELOAD}` });
  try {
    await host.configure({ "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": emulator.baseUrl(), "maiagent:requestsPerSecond": "5" });
    const org = orgByHand(emulator);
    const team = emailsFor(8);
    await new Engine(host).up(ROSTER_TYPE, "m", { organizationId: org, emails: team });
    expect(host.log).toContain("wall clock stepped by -3600000 ms");
    expect(liveEmails(emulator, org)).toEqual(team);
    expect(emulator.count({ method: "POST" })).toBe(8);
  } finally {
    await host.stop();
    await emulator.stop();
  }
}, 60_000);
