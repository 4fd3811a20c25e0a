/** README's set-up, then `pulumi up` at the repository root, the way the engine runs it: a fresh clone of the
 * committed HEAD, `npm ci`, the quickstart's `__provider` made by running the program there, and the real
 * provider host spawned with cwd = the clone's root; then both programs whole on the test engine (test/engine),
 * through the clone's own @pulumi/pulumi cmd/run. Slow (a whole `npm ci`): `npm run test:clone`, run by CI. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "./emulator/server";
import { Engine, type ResourceState } from "./helpers/engine";
import { MEMBER_TYPE, ORG_TYPE, ProviderHost, ROOT } from "./helpers/host";
import { liveEmails } from "./helpers/roster";
import { startStack } from "./helpers/stack";

jest.setTimeout(600_000); // npm ci (~20 s) and a TypeScript build (~15 s) on a loaded machine, 4x headroom
let clone: string;
let registered: Array<{ type: string; name: string; inputs: Record<string, unknown> }>;
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: clone, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  clone = fs.mkdtempSync(path.join(os.tmpdir(), "maiagent-clone-"));
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
  execFileSync("git", ["clone", "--quiet", "--no-checkout", ROOT, clone]);
  run("git", ["checkout", "--quiet", head]);
  run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"]);
  registered = JSON.parse(run(process.execPath, ["test/helpers/run-example.js", "examples/quickstart/index.ts"])).registered;
});
afterAll(() => fs.rmSync(clone, { recursive: true, force: true }));

test("after `npm ci` in a fresh clone, the provider host at the repository root runs the quickstart's resources", async () => {
  const emulator = await Emulator.start();
  const host = await ProviderHost.start({}, clone);
  try {
    await host.configure({ "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": emulator.baseUrl() });
    const engine = new Engine(host, Object.fromEntries(registered.map((r) => [r.type, String(r.inputs.__provider)])));
    const { __provider: _, ...orgInputs } = registered.find((r) => r.type === ORG_TYPE)!.inputs;
    const org = (await engine.up(ORG_TYPE, "acme", orgInputs)).state;
    expect(emulator.state.orgs.get(org.id)?.name).toBe("Acme Support");
    const alice: ResourceState = (await engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice@acme.example" })).state;
    expect((await engine.refresh(alice))?.outputs.email).toBe("alice@acme.example");
    await engine.destroy(alice);
    expect(emulator.state.membersOf(org.id)).toEqual([]);
  } finally {
    await host.stop();
    await emulator.stop();
  }
});

test("after `npm ci` in a fresh clone, `pulumi up` of the root program and of examples/quickstart runs as the CLI runs it", async () => {
  const programs: Array<[string, string[]]> = [
    [clone, ["alice@acme.example", "bob@acme.example"]],
    [path.join(clone, "examples/quickstart"), ["alice@acme.example", "bob@acme.example", "carol@acme.example"]],
  ];
  for (const [root, emails] of programs) {
    const stack = await startStack(root);
    try {
      const up = await stack.engine.up();
      expect(up.errors).toEqual([]);
      const [org] = [...stack.emulator.state.orgs.values()];
      expect([org.name, liveEmails(stack.emulator, org.id)]).toEqual(["Acme Support", emails]);
    } finally {
      await stack.stop();
    }
  }
});
