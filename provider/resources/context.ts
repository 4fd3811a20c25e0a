/** Per-process state of the provider host: settings from `configure`, one scheduler, one client. */
import type * as pulumi from "@pulumi/pulumi";
import { MaiAgentClient } from "../api/client";
import { RequestScheduler } from "../api/scheduler";
import { fromPulumiConfig, resolveSettings, type Settings, type SettingsInput } from "../api/settings";

let stackConfig: SettingsInput = {};
const scheduler = new RequestScheduler({ maxConcurrency: 8, requestsPerSecond: 0 });
let current: { fingerprint: string; client: MaiAgentClient } | undefined;

/** Called by the host with the whole stack config (fully qualified keys, secrets decrypted). */
export function configure(req: pulumi.dynamic.ConfigureRequest): void {
  stackConfig = fromPulumiConfig(req.config);
}

/** Resolved now, not at serialization: config wins over MAIAGENT_* environment variables. */
export function settings(): Settings {
  return resolveSettings(stackConfig);
}

/** Every resource operation in this process shares this client and so the same request scheduler. */
export function client(): MaiAgentClient {
  const resolved = settings();
  const fingerprint = JSON.stringify(resolved);
  if (current?.fingerprint !== fingerprint) {
    scheduler.setLimits(resolved);
    current = { fingerprint, client: new MaiAgentClient(resolved, scheduler) };
  }
  return current.client;
}
