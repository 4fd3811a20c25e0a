/** `pulumi up / preview --refresh / destroy` of the quickstart with the real CLI, when one is on PATH. */
import { loadDist } from "./helpers/native";

type Demo = typeof import("../scripts/demo");
const cli = loadDist<typeof import("../scripts/pulumi-cli")>("scripts/pulumi-cli.js");
const pulumi = cli.findPulumi();
const name = "pulumi up, out-of-band changes, preview --refresh and destroy run the root roster program against the emulator";

if (pulumi) {
  test(name, async () => {
    const { runDemo } = loadDist<Demo>("scripts/demo.js");
    const result = await runDemo(pulumi, false);
    const emails = ["alice@acme.example", "bob@acme.example"];
    const roles = ["Support: chatbot.view, conversation.view"];
    expect(result.afterUp).toEqual({ organizations: ["Acme Support"], members: emails, roles });
    expect(result.driftPreview).toMatch(/Acme Support \(renamed by hand\)[\s\S]*Acme Support/);
    expect(result.driftPreview).toMatch(/bob@acme\.example/);
    expect(result.driftPreview).toMatch(/mallory@outside\.example/);
    expect(result.driftPreview).toMatch(/billing\.manage/);
    expect(result.expectNoChangesStatus).not.toBe(0);
    expect(result.afterFix).toEqual({ organizations: ["Acme Support"], members: emails, roles });
    expect(result.afterDestroy).toEqual({ organizations: ["Acme Support"], members: emails, roles: [] });
  }, 300_000);
} else {
  const reason = `SKIPPED: no \`pulumi\` binary on PATH. ${cli.INSTALL_HINT}`;
  // jest lists nothing for a file whose only test is skipped, so say it where the run's output shows it.
  process.stderr.write(`\ntest/e2e.cli.test.ts: "${name}" — ${reason}\n`);
  test.skip(`${name} — ${reason}`, () => undefined);
}
