/** env.*: this machine and the settings, before any network. */
import { MaiAgentConfigError } from "../../../api/errors";
import { DEFAULT_BASE_URL, resolveSettings } from "../../../api/settings";
import { GET_MIN_SDK_VERSION as MIN_SDK_GET } from "../../../resources/get-support";
import { outcome, type Check } from "../check";
import { older, packageVersion, pulumiSdkVersion } from "../version";

const MIN_NODE = "20.19.0";
const MIN_SDK = "3.216.0";

export const runtime: Check = {
  id: "env.runtime",
  title: "Node.js and the Pulumi SDK",
  needs: [],
  async run(probe) {
    const node = process.versions.node;
    const sdk = pulumiSdkVersion(probe.session.cwd);
    const seen = `Node ${node}, pulumi-maiagent ${packageVersion()}, @pulumi/pulumi ${sdk ?? "not installed here"}`;
    if (older(node, MIN_NODE)) return outcome("fail", seen, { expected: `Node >= ${MIN_NODE}`, action: "Install Node 20.19 or newer (22 recommended)." });
    if (!sdk) return outcome("info", seen, { expected: "@pulumi/pulumi in the project", action: "Run doctor in your Pulumi project's folder to check its SDK." });
    if (older(sdk, MIN_SDK)) return outcome("fail", seen, { expected: `@pulumi/pulumi >= ${MIN_SDK}`, action: `Refresh and drift checks need ${MIN_SDK}: npm install @pulumi/pulumi@latest.` });
    if (older(sdk, MIN_SDK_GET)) return outcome("warn", seen, { expected: `@pulumi/pulumi >= ${MIN_SDK_GET}`, action: `Organization.get, Member.get and OrganizationMembers.get need ${MIN_SDK_GET}; everything else works.` });
    return outcome("ok", seen);
  },
};

export const settings: Check = {
  id: "env.settings",
  title: "API key and base URL",
  needs: [],
  async run(probe) {
    const env = probe.session.env;
    try {
      // The key may also live in Pulumi config for `up`; doctor, like export, reads the environment only.
      const { apiKey, baseUrl } = resolveSettings({ audience: "cli" }, env);
      const baseUrlSource = env.MAIAGENT_BASE_URL ? "MAIAGENT_BASE_URL" : "the default";
      probe.session.open({ apiKey, baseUrl, baseUrlSource });
      return outcome("ok", `key from MAIAGENT_API_KEY (not shown); base URL ${baseUrl} (${baseUrlSource})`);
    } catch (error) {
      if (!(error instanceof MaiAgentConfigError)) throw error;
      const missing = !env.MAIAGENT_API_KEY;
      return outcome("fail", missing ? "MAIAGENT_API_KEY is not set" : error.message, {
        expected: `MAIAGENT_API_KEY set; MAIAGENT_BASE_URL an https URL (default ${DEFAULT_BASE_URL})`,
        action: missing ? "export MAIAGENT_API_KEY=<your key> and run doctor again." : "Fix MAIAGENT_BASE_URL as the message says.",
      });
    }
  },
};
