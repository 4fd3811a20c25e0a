/** `npm run bench:doctor`: requests and wall time of one `pulumi-maiagent doctor` run (the built bin, as a child
 * process) against the emulator at 0 and 100 ms latency per request (issue 17's target: under 10 s at 100 ms). */
import { Emulator } from "../test/emulator/server";
import { runDoctor, seedDoctor } from "../test/helpers/doctor-cli";
import { markdownTable, runBenchmark } from "./bench-kit";

async function once(latencyMs: number): Promise<string[]> {
  const emulator = await Emulator.start();
  try {
    seedDoctor(emulator);
    emulator.setOptions({ latencyMs });
    const started = Date.now();
    const run = await runDoctor(emulator.baseUrl(), ["--json", "--quiet"]);
    const seconds = (Date.now() - started) / 1000;
    const { GET, HEAD, OPTIONS } = run.report!.requests;
    return [`${latencyMs} ms`, String(emulator.requests.length), `GET ${GET}, HEAD ${HEAD}, OPTIONS ${OPTIONS}`, String(emulator.peakInFlight), seconds.toFixed(2), String(run.code)];
  } finally {
    await emulator.stop();
  }
}

runBenchmark(async () => {
  const rows = [await once(0), await once(100)];
  console.log("doctor: one run of every check against the emulator (3 organizations, 3 members)\n");
  console.log(markdownTable(["latency", "requests", "by method", "peak in flight", "seconds", "exit"], rows));
});
