/** `get` lookups need @pulumi/pulumi >= 3.268: older provider hosts load a dynamic provider only from a Read's
 * stored outputs, which a lookup has none of, and fail with an error that does not say why. */
import { MaiAgentError } from "../api/errors";

/** The first @pulumi/pulumi whose provider host serves `get` lookups (doctor's env.runtime checks it too). */
export const GET_MIN_SDK_VERSION = "3.268.0";
const GET_MIN_SDK = GET_MIN_SDK_VERSION.split(".").map(Number);

/** The version of the @pulumi/pulumi this program runs with (the one the provider host will use too). */
function sdkVersion(): string | undefined {
  try {
    return (require("@pulumi/pulumi/package.json") as { version?: string }).version;
  } catch {
    return undefined; // a bundled or unusual install: let the engine decide
  }
}

/** Throws, naming the version needed and what to run, when the SDK is too old for `<kind>.get`. */
export function requireGetSupport(kind: string): void {
  const version = sdkVersion();
  const [major, minor] = (version ?? "").split(".").map(Number);
  if (!Number.isFinite(major) || !Number.isFinite(minor)) return;
  if (major > GET_MIN_SDK[0] || (major === GET_MIN_SDK[0] && minor >= GET_MIN_SDK[1])) return;
  throw new MaiAgentError(
    `${kind}.get needs @pulumi/pulumi >= ${GET_MIN_SDK[0]}.${GET_MIN_SDK[1]} (this project has ${version}): older versions' provider host cannot ` +
      `load a dynamic provider for a lookup. Run \`npm install @pulumi/pulumi@^${GET_MIN_SDK[0]}.${GET_MIN_SDK[1]}\` (on Node 20 npm then warns ` +
      "EBADENGINE because @pulumi/pulumi >= 3.249 declares Node >= 22; it works), or use Node 22.",
  );
}
