/** The programs run the way `pulumi up` runs them: @pulumi/pulumi's own cmd/run, started as the Node.js
 * language host starts it (cwd = the `main` file's folder, --root-directory = the project root, TypeScript
 * through ts-node with the tsconfig.json found there, if any). A preview: check only, nothing written. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Emulator } from "./emulator/server";
import { GROUP_MEMBERS_TYPE, GROUP_TYPE, ORG_TYPE, MEMBER_TYPE, PROJECT, ROOT, ROSTER_TYPE } from "./helpers/host";
import { TestEngine } from "./engine/test-engine";

// Each preview compiles its program with ts-node (~10 s on a loaded machine): 4x headroom and more.
jest.setTimeout(120_000);

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  emulator = await Emulator.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "maiagent-cli-path-"));
});
afterAll(async () => {
  await emulator.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function engineFor(root: string): TestEngine {
  const config = { "maiagent:apiKey": emulator.options.apiKey, "maiagent:baseUrl": emulator.baseUrl() };
  return new TestEngine({ root, stateFile: path.join(dir, `${path.basename(root)}.json`), config, secretKeys: ["maiagent:apiKey"] });
}

/** "op type name" of each step, for the resources a program declares. */
const summary = (steps: { op: string; urn: string }[]) => steps.map((s) => `${s.op} ${s.urn.split("::").slice(2).join(" ")}`);

test("the root program (Pulumi.yaml main: examples/roster/index.ts) compiles and declares maiagent.yaml's organizations", async () => {
  const result = await engineFor(ROOT).preview();
  expect(result.program?.stderr).not.toMatch(/TS\d{4}/);
  expect(result.errors).toEqual([]);
  expect(result.ok).toBe(true);
  expect(summary(result.steps)).toEqual([`create ${ORG_TYPE} acme`, `create ${ROSTER_TYPE} acme`, `create ${GROUP_TYPE} acme.support`, `create ${GROUP_MEMBERS_TYPE} acme.support`]);
  expect(result.steps[1].news).toMatchObject({ emails: ["alice@acme.example", "bob@acme.example"] });
  expect(emulator.requests).toEqual([]);
});

test("examples/quickstart compiles in its own folder and declares its organization and three members", async () => {
  const result = await engineFor(path.join(ROOT, "examples/quickstart")).preview();
  expect(result.program?.stderr).not.toMatch(/TS\d{4}/);
  expect(result.errors).toEqual([]);
  expect(summary(result.steps)).toEqual([
    `create ${ORG_TYPE} acme`,
    ...["alice", "bob", "carol"].map((n) => `create ${MEMBER_TYPE} ${n}@acme.example`),
  ]);
});

test("a separate project that installs the packed package, with no tsconfig.json, type-checks and runs the quickstart", async () => {
  const consumer = path.join(PROJECT, "quickstart");
  fs.mkdirSync(consumer, { recursive: true });
  fs.writeFileSync(path.join(consumer, "Pulumi.yaml"), "name: consumer\nruntime: nodejs\n");
  fs.copyFileSync(path.join(ROOT, "examples/quickstart/index.ts"), path.join(consumer, "index.ts"));
  const result = await engineFor(consumer).preview();
  expect(result.program?.stderr).not.toMatch(/TS\d{4}/);
  expect(result.errors).toEqual([]);
  expect(result.steps.map((s) => s.op)).toEqual(["create", "create", "create", "create"]);
});

test("a relative maiagent:rosterFile resolves against the project root, not the program's folder", async () => {
  const relative = path.relative(ROOT, path.join(dir, "orgs.yaml"));
  fs.writeFileSync(path.join(dir, "orgs.yaml"), "organizations:\n  globex:\n    name: Globex\n    members: [hank@globex.example]\n");
  const result = await engineFor(ROOT).withConfig({ "maiagent:rosterFile": relative }).preview();
  expect(result.errors).toEqual([]);
  expect(summary(result.steps)).toEqual([`create ${ORG_TYPE} globex`, `create ${ROSTER_TYPE} globex`]);
});

test("a declaration the provider's check refuses stops the program with the provider's reason, and nothing is sent", async () => {
  const before = emulator.requests.length;
  const result = await engineFor(path.join(ROOT, "examples/quickstart")).withConfig({ "maiagent-quickstart:orgName": "  " }).preview();
  expect(result.ok).toBe(false);
  expect(result.errors.join("\n")).toMatch(/check failed: name: /);
  expect(emulator.requests.slice(before)).toEqual([]);
});
