/** Runs the Pulumi CLI on the root project with a local file backend; used by `npm run demo` and the e2e test. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const INSTALL_HINT =
  "Install the Pulumi CLI (https://www.pulumi.com/docs/iac/download-install/): " +
  "`curl -fsSL https://get.pulumi.com | sh`, or `brew install pulumi/tap/pulumi`, then run this again.";

/** The `pulumi` binary on PATH, or undefined. The npm package `pulumi` is not it: that one downloads at first run. */
export function findPulumi(): string | undefined {
  const probe = spawnSync("pulumi", ["version"], { encoding: "utf8" });
  return probe.status === 0 ? "pulumi" : undefined;
}

export interface CliResult {
  status: number;
  output: string;
}

export class PulumiCli {
  readonly env: NodeJS.ProcessEnv;
  readonly configFile: string;

  constructor(readonly bin: string, workDir: string, readonly echo = true) {
    const backend = path.join(workDir, "backend");
    fs.mkdirSync(backend, { recursive: true });
    this.configFile = path.join(workDir, "Pulumi.demo.yaml");
    this.env = {
      ...process.env,
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_CONFIG_PASSPHRASE: "maiagent-demo",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      MAIAGENT_API_KEY: "", // only the stack's secret config supplies the key
    };
  }

  run(args: string[], options: { allowFailure?: boolean; secretInput?: string } = {}): CliResult {
    const shown = ["pulumi", ...args].join(" ");
    if (this.echo) console.log(`\n$ ${shown}`);
    const needsConfig = ["up", "preview", "refresh", "destroy", "config"].includes(args[0]);
    const fullArgs = needsConfig ? [...args, "--config-file", this.configFile] : args;
    const result = spawnSync(this.bin, fullArgs, { cwd: ROOT, env: this.env, encoding: "utf8", input: options.secretInput });
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    if (this.echo) process.stdout.write(output);
    const status = result.status ?? 1;
    if (status !== 0 && !options.allowFailure) throw new Error(`\`${shown}\` exited with ${status}`);
    return { status, output };
  }
}
