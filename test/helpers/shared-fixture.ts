/** One emulator and provider host shared by every test of a file: started before the first, stopped after the last. */
import type { EmulatorOptions } from "../emulator/server";
import { startFixture, type Fixture } from "./fixture";

export function useFixture(receive: (fixture: Fixture) => void, options: Partial<EmulatorOptions> = {}, config: Record<string, string> = {}): void {
  let fixture: Fixture | undefined;
  beforeAll(async () => receive((fixture = await startFixture(options, config))));
  afterAll(() => fixture?.stop());
}
