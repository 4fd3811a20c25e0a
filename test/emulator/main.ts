/** `npm run emulator`: a local MaiAgent API for trying the package without an account. */
import { parseArgs } from "node:util";
import type { LimiterKind } from "./limits";
import { Emulator } from "./server";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      "api-key": { type: "string" },
      snake: { type: "boolean", default: false },
      "latency-ms": { type: "string", default: "0" },
      "rate-limit": { type: "string", default: "0" },
      "rate-limiter": { type: "string", default: "window" },
      "member-id-in-create": { type: "boolean", default: false },
      "allow-org-delete": { type: "boolean", default: false },
      "group-bulk-create": { type: "string", default: "201" },
    },
  });
  const emulator = await Emulator.start(
    {
      ...(values["api-key"] ? { apiKey: values["api-key"] } : {}),
      keyCase: values.snake ? "snake" : "camel",
      timestamps: values.snake ? "epoch" : "iso",
      latencyMs: Number(values["latency-ms"]),
      rateLimitPerSecond: Number(values["rate-limit"]),
      rateLimiter: values["rate-limiter"] as LimiterKind,
      memberCreateReturnsId: values["member-id-in-create"],
      allowOrganizationDelete: values["allow-org-delete"],
      groupBulkCreate: values["group-bulk-create"] as "201",
    },
    Number(values.port),
  );
  console.log(`MaiAgent API emulator on ${emulator.baseUrl()} (and ${emulator.baseUrl("/api/")})`);
  console.log(`  export MAIAGENT_BASE_URL=${emulator.baseUrl()}`);
  console.log(`  export MAIAGENT_API_KEY=${emulator.options.apiKey}   # a fake key the emulator accepts`);
  const stop = () => void emulator.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
