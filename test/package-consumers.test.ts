/** The packed package in fresh Pulumi TypeScript projects (old and current `pulumi new typescript` templates,
 * node16, bundler, ESM): it type-checks with the template's own tsconfig (no skipLibCheck), a misspelled output
 * is a compile error, README's snippets compile, and the CLI's ts-node set-up runs the programs. */
import * as fs from "node:fs";
import * as path from "node:path";
import { runProgram } from "./helpers/cmd-run";
import { Consumers, tsc, vendoredTypeScriptErrors } from "./helpers/consumer";
import { ROOT } from "./helpers/native";

const TEMPLATE = { strict: true, outDir: "bin", sourceMap: true, experimentalDecorators: true, pretty: true, noFallthroughCasesInSwitch: true, noImplicitReturns: true, forceConsistentCasingInFileNames: true };
/** `pulumi new typescript` before 2026 (pulumi/templates a3029400; es2016 before 2024): no esModuleInterop, no skipLibCheck. */
const OLD = { ...TEMPLATE, target: "es2016", module: "commonjs", moduleResolution: "node" };
/** `pulumi new typescript` today (pulumi/templates 81e65225, typescript/tsconfig.json). */
const CURRENT = { ...TEMPLATE, target: "es2020", module: "nodenext", moduleResolution: "nodenext" };
const MATRIX: Array<[string, Record<string, unknown>, Record<string, unknown>?]> = [
  ["old template (commonjs, moduleResolution node)", OLD],
  ["current template (nodenext)", CURRENT],
  ["node16", { ...TEMPLATE, target: "es2020", module: "node16", moduleResolution: "node16" }],
  ["bundler", { ...TEMPLATE, target: "es2020", module: "esnext", moduleResolution: "bundler" }],
  ["an ES module program (nodenext, type: module)", CURRENT, { type: "module" }],
];

/** Imports the root and every subpath the package exports, uses each, and declares the roster of orgs.yaml. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as maiagent from "pulumi-maiagent";
import { MaiAgentClient } from "pulumi-maiagent/client";
import { declareRoster, loadDeclarations } from "pulumi-maiagent/roster";
import { organizationProvider } from "pulumi-maiagent/runtime";

const org = new maiagent.Organization("acme", { name: "Acme Support" }, { retainOnDelete: true });
const alice = new maiagent.Member("alice", { organizationId: org.id, email: "alice@acme.example" });
const roster = new maiagent.OrganizationMembers("acme", { organizationId: org.id, emails: ["bob@acme.example"] });
const name: pulumi.Output<string> = org.name;
const owner: pulumi.Output<boolean | null> = alice.isOwner;
const members: pulumi.Output<maiagent.OrganizationMember[]> = roster.members;
export const outputs = { name, owner, members };
export const entries = [typeof MaiAgentClient, typeof loadDeclarations, typeof organizationProvider.create];
// globex was renamed from globex-old in the file: aliases keep its resources (no replace, no delete).
export const organizations = declareRoster({ resourceOptions: (key) => (key === "globex" ? { aliases: [{ name: "globex-old" }] } : {}) });
`;
const ROSTER_FILE = "organizations:\n  acme:\n    name: Acme Support\n    members: [alice@acme.example]\n  globex:\n    name: Globex\n    members: []\n    retain: false\n";
const STACK_CONFIG = { "maiagent:rosterFile": "orgs.yaml", "maiagent:organizations": "globex" };

/** Every field misspelled: each must be TS2339, in the exported output types as on the resources. */
const TYPOS = `import * as maiagent from "pulumi-maiagent";
declare const o: maiagent.OrganizationOutputs;
declare const m: maiagent.MemberOutputs;
declare const r: maiagent.OrganizationMembersOutputs;
declare const org: maiagent.Organization;
export const typos = [o.nmae, m.emial, r.members[0].emial, r.protectedEmials, org.nmae];
`;

/** Each \`\`\`ts block of README.md, in order. */
function readmeSnippets(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]);
}

const consumers = Consumers.create();
afterAll(() => consumers.remove());

describe.each(MATRIX)("a consumer project: %s", (label, compilerOptions, packageJson) => {
  test("type-checks a program importing the root and every subpath (tsc --noEmit, no skipLibCheck)", () => {
    const dir = consumers.project(label.replace(/\W+/g, "-"), { compilerOptions, packageJson, files: { "index.ts": PROGRAM, "orgs.yaml": ROSTER_FILE } });
    const result = tsc(dir);
    expect(result.errors).toEqual([]);
    expect(result.status).toBe(0);
  }, 180_000);
});

test("an old-template project without its own typescript: the CLI's vendored TypeScript reads the program and the package's declarations without an error", () => {
  const dir = consumers.project("vendored-typescript", { compilerOptions: OLD, files: { "index.ts": PROGRAM, "orgs.yaml": ROSTER_FILE } });
  const { version, errors } = vendoredTypeScriptErrors(dir);
  expect(version).toMatch(/^3\./);
  expect(errors).toEqual([]);
}, 180_000);

/** Misspelled fields and README's snippets share one old-template project (one type-check); each test reads its files' errors. */
let shared: string[] | undefined;
function sharedErrors(): string[] {
  if (!shared) {
    const snippets = Object.fromEntries(readmeSnippets().map((text, i) => [`snippet-${i + 1}.ts`, text]));
    shared = tsc(consumers.project("typos-and-readme", { compilerOptions: OLD, files: { "typos.ts": TYPOS, ...snippets } })).errors;
  }
  return shared;
}

test("a misspelled output field is a compile error (property does not exist), in the output types and on the resources", () => {
  // TS2551 is TS2339 with a "did you mean" suggestion.
  expect(sharedErrors().filter((e) => e.startsWith("typos.ts"))).toEqual([
    "typos.ts(6,25): TS2339",
    "typos.ts(6,33): TS2551",
    "typos.ts(6,53): TS2551",
    "typos.ts(6,62): TS2551",
    "typos.ts(6,83): TS2339",
  ]);
}, 180_000);

test("every TypeScript snippet of README.md compiles in an old-template project (commonjs, no esModuleInterop)", () => {
  expect(readmeSnippets().length).toBeGreaterThanOrEqual(5);
  expect(sharedErrors().filter((e) => !e.startsWith("typos.ts"))).toEqual([]);
}, 180_000);

describe.each([
  ["old", OLD],
  ["current", CURRENT],
])("the CLI's ts-node set-up (@pulumi/pulumi/cmd/run) in a %s-template project", (label, compilerOptions) => {
  test("runs the program: its resources, then the roster's from orgs.yaml and the stack config, with the options given per key", async () => {
    const dir = consumers.project(`run-${label}`, { compilerOptions, files: { "index.ts": PROGRAM, "orgs.yaml": ROSTER_FILE } });
    const run = await runProgram(dir, STACK_CONFIG);
    expect({ code: run.code, log: run.code === 0 ? "" : run.log }).toEqual({ code: 0, log: "" });
    // Registrations arrive in the order their inputs resolve, not in program order.
    expect(run.registered.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "pulumi-nodejs:dynamic/maiagent:Member alice",
      "pulumi-nodejs:dynamic/maiagent:Organization acme",
      "pulumi-nodejs:dynamic/maiagent:Organization globex",
      "pulumi-nodejs:dynamic/maiagent:OrganizationMembers acme",
      "pulumi-nodejs:dynamic/maiagent:OrganizationMembers globex",
      "pulumi:pulumi:Stack consumer-dev",
    ]);
    const globexMembers = run.registered.find((r) => r.type.endsWith(":OrganizationMembers") && r.name === "globex");
    expect(globexMembers).toMatchObject({ inputs: { organizationId: "globex-id", emails: [], removeUnlisted: false }, retainOnDelete: false });
    const globex = run.registered.find((r) => r.type.endsWith(":Organization") && r.name === "globex");
    expect(globex).toMatchObject({ inputs: { name: "Globex" }, retainOnDelete: true }); // the API cannot delete organizations
    expect(globex!.aliasUrns).toEqual(["urn:pulumi:dev::consumer::pulumi-nodejs:dynamic/maiagent:Organization::globex-old"]);
    expect(globexMembers!.aliasUrns).toEqual(["urn:pulumi:dev::consumer::pulumi-nodejs:dynamic/maiagent:OrganizationMembers::globex-old"]);
    expect(run.outputs).toMatchObject({ outputs: { name: "Acme Support" }, organizations: { globex: { id: "globex-id", name: "Globex" } } });
  }, 240_000);
});
