/** A test of a `get` lookup: skipped, saying why, when the provider host's SDK cannot serve one (< 3.268). */
import { GET_SKIP_REASON, hostServesGet } from "./host";

export function testGet(name: string, fn: () => Promise<unknown>, timeout?: number): void {
  if (hostServesGet()) test(name, fn, timeout);
  else test.skip(`${name}${GET_SKIP_REASON}`, fn);
}
