/** `get` needs @pulumi/pulumi >= 3.268 (older provider hosts cannot load a provider for a lookup). On an older
 * SDK each `get` fails at once, naming the version it needs; on a newer one it registers the lookup.
 * `npm test` covers the newer branch, `npm run test:sdk-min` (3.216) the older one. */
import { execFileSync } from "node:child_process";
import { hostServesGet, PROJECT, sdkVersion } from "./helpers/host";

const LOOKUPS = {
  Organization: "3be0a7de-9aa3-41f7-ae68-0a58d1197a5c",
  Member: "3be0a7de-9aa3-41f7-ae68-0a58d1197a5c/0f6a6a04-7a53-4f3e-9c61-1d4c2f0e1b7a",
  OrganizationMembers: "3be0a7de-9aa3-41f7-ae68-0a58d1197a5c",
};

/** Runs in the packed, installed project: each `get` under Pulumi mocks; prints what each did. */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const maiagent = require("pulumi-maiagent");
const read = [];
pulumi.runtime.setMocks({ newResource: (a) => { read.push(a.type); return { id: a.id, state: {} }; }, call: (a) => a.inputs }, "p", "dev", false);
const outcome = {};
for (const [kind, id] of Object.entries(${JSON.stringify(LOOKUPS)})) {
  try { maiagent[kind].get("lookup-" + kind, id); outcome[kind] = "registered"; } catch (error) { outcome[kind] = error.message; }
}
setTimeout(() => console.log(JSON.stringify({ outcome, read })), 500);
`;

const version = sdkVersion();
const run = () => JSON.parse(execFileSync(process.execPath, ["-e", PROGRAM], { cwd: PROJECT, encoding: "utf8" }));

const serves = hostServesGet();
const skipped = (reason: string) => ` — SKIPPED: ${reason}`;
(serves ? test : test.skip)(`get registers a lookup on @pulumi/pulumi ${version}${serves ? "" : skipped("this SDK's host cannot serve get (< 3.268)")}`, () => {
  const { outcome, read } = run();
  expect(outcome).toEqual({ Organization: "registered", Member: "registered", OrganizationMembers: "registered" });
  expect(read.length).toBe(3);
});

(serves ? test.skip : test)(`get on @pulumi/pulumi ${version} fails at once, naming the version it needs and what to run${serves ? skipped("this SDK serves get; npm run test:sdk-min runs this on 3.216") : ""}`, () => {
  const { outcome, read } = run();
  for (const kind of Object.keys(LOOKUPS)) {
    expect(outcome[kind]).toContain(`${kind}.get needs @pulumi/pulumi >= 3.268 (this project has ${version})`);
    expect(outcome[kind]).toContain("npm install @pulumi/pulumi@^3.268");
  }
  expect(read).toEqual([]);
});
