/** `npm run demo`: the root program (maiagent.yaml → examples/roster) under the real Pulumi CLI against the
 * embedded MaiAgent emulator. up → by hand: a rename, a member removed, an outsider added, a permission granted
 * to the Support role → preview --refresh shows all four → --expect-no-changes fails → up repairs → destroy
 * (organizations and members retained; the role is deleted). */
import * as fs from "node:fs";
import * as path from "node:path";
import { MaiAgentClient } from "../provider/api/client";
import { Emulator } from "../test/emulator/server";
import { findPulumi, INSTALL_HINT, PulumiCli, ROOT } from "./pulumi-cli";

interface Live {
  organizations: string[];
  members: string[];
  /** Each role as "name: permission, …". */
  roles: string[];
}
export interface DemoResult {
  afterUp: Live;
  driftPreview: string;
  expectNoChangesStatus: number;
  afterFix: Live;
  afterDestroy: Live;
}

export async function runDemo(pulumiBin: string, echo = true): Promise<DemoResult> {
  const emulator = await Emulator.start();
  const workDir = path.join(ROOT, ".tmp", "demo");
  fs.rmSync(workDir, { recursive: true, force: true });
  const cli = new PulumiCli(pulumiBin, workDir, echo);
  const { groups } = emulator.state;
  const permissionName = (id: string) => groups.permissions.find((p) => p.id === id)?.name ?? id;
  const live = (): Live => ({
    organizations: [...emulator.state.orgs.values()].map((o) => o.name),
    members: [...emulator.state.members.values()].map((m) => m.email).sort(),
    roles: [...groups.groups.values()].filter((g) => !g.builtIn).map((g) => `${g.name}: ${g.permissionIds.map(permissionName).sort().join(", ")}`),
  });
  try {
    cli.run(["stack", "select", "--create", "demo", "--non-interactive"]);
    cli.run(["config", "set", "maiagent:baseUrl", emulator.baseUrl()]);
    cli.run(["config", "set", "--secret", "maiagent:apiKey"], { secretInput: emulator.options.apiKey });
    cli.run(["up", "--yes", "--non-interactive", "--skip-preview"]);
    const afterUp = live();

    const api = new MaiAgentClient({ apiKey: emulator.options.apiKey, baseUrl: emulator.baseUrl() });
    const [org] = emulator.state.orgs.values();
    await api.updateOrganization(org.id, { name: "Acme Support (renamed by hand)" });
    const bob = [...emulator.state.members.values()].find((m) => m.email === "bob@acme.example")!;
    await api.removeMember(org.id, bob.id);
    await api.addMember(org.id, { email: "mallory@outside.example" });
    const support = [...groups.groups.values()].find((g) => g.name === "Support")!;
    const billing = groups.permissions.find((p) => p.name === "billing.manage")!.id;
    await api.groups.updateGroup(org.id, support.id, { name: support.name, permissions: [...support.permissionIds, billing] });
    if (echo) console.log("\n# Out of band, through the API: the organization renamed, bob removed, mallory added, billing.manage granted to Support.");

    const driftPreview = cli.run(["preview", "--refresh", "--diff", "--non-interactive"]).output;
    const expectNoChangesStatus = cli.run(["preview", "--refresh", "--expect-no-changes", "--non-interactive"], { allowFailure: true }).status;
    if (echo) console.log(`\n# --expect-no-changes exited with ${expectNoChangesStatus}: this is how CI catches drift.`);
    cli.run(["up", "--refresh", "--yes", "--non-interactive", "--skip-preview"]);
    const afterFix = live();
    cli.run(["destroy", "--yes", "--non-interactive", "--skip-preview"]);
    const afterDestroy = live();
    cli.run(["stack", "rm", "--yes", "--force", "demo", "--non-interactive"], { allowFailure: true });
    return { afterUp, driftPreview, expectNoChangesStatus, afterFix, afterDestroy };
  } finally {
    await emulator.stop();
  }
}

async function main(): Promise<void> {
  const pulumi = findPulumi();
  if (!pulumi) {
    console.error("npm run demo needs the Pulumi CLI, and no `pulumi` binary is on PATH, so nothing was run.");
    console.error(INSTALL_HINT);
    console.error("Without it you can still run the tests (`npm test`): they drive the real provider host directly.");
    process.exit(1);
  }
  const result = await runDemo(pulumi);
  console.log("\n# Summary");
  console.log(`after up:      ${JSON.stringify(result.afterUp)}`);
  console.log(`after fix:     ${JSON.stringify(result.afterFix)}`);
  console.log(`after destroy: ${JSON.stringify(result.afterDestroy)} (retained: the API cannot delete organizations, and maiagent.yaml's retain keeps members)`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
