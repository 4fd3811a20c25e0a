/** Per-process state of the provider host: settings from `configure`, one scheduler per API root, one client. */
import type * as pulumi from "@pulumi/pulumi";
import { MaiAgentClient } from "../api/client";
import { RequestScheduler } from "../api/scheduler";
import { fromPulumiConfig, resolveSettings, type Settings, type SettingsInput } from "../api/settings";

let stackConfig: SettingsInput = {};
/** The server's rate limit belongs to the API root, so its pacing survives a change of any other setting. */
const schedulers = new Map<string, RequestScheduler>();
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
    current = { fingerprint, client: new MaiAgentClient(resolved, schedulerFor(resolved)) };
  }
  return current.client;
}

function schedulerFor(resolved: Settings): RequestScheduler {
  const existing = schedulers.get(resolved.baseUrl);
  if (existing) {
    existing.setLimits(resolved);
    return existing;
  }
  const scheduler = new RequestScheduler(resolved);
  schedulers.set(resolved.baseUrl, scheduler);
  return scheduler;
}
