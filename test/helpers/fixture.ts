/** A provider host configured against a fresh emulator: the set-up the host tests and the benchmark share. */
import { Emulator, type EmulatorOptions } from "../emulator/server";
import { Engine } from "./engine";
import { ProviderHost } from "./host";

export interface Fixture {
  emulator: Emulator;
  host: ProviderHost;
  engine: Engine;
  stop(): Promise<void>;
}
type Config = Record<string, string>;

/** `config` is added to the key and base URL (and may replace them); a function sees the emulator first. */
export async function startFixture(
  options: Partial<EmulatorOptions> = {},
  config: Config | ((emulator: Emulator) => Config) = {},
  prefix: "/api/v1/" | "/api/" = "/api/v1/",
): Promise<Fixture> {
  const emulator = await Emulator.start(options);
  const host = await ProviderHost.start();
  const extra = typeof config === "function" ? config(emulator) : config;
  await host.configure({ "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": emulator.baseUrl(prefix), ...extra });
  const stop = async () => {
    await host.stop();
    await emulator.stop();
  };
  return { emulator, host, engine: new Engine(host), stop };
}
