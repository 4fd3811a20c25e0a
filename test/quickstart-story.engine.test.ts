/** examples/quickstart (Organization + Member resources) on the test engine, as `pulumi up` runs it in its own
 * folder, against the emulator: the whole lifecycle, and a member replaced when its email changes. */
import * as fs from "node:fs";
import * as path from "node:path";
import { GET_SKIP_REASON, hostServesGet, MEMBER_TYPE, ORG_TYPE, PROJECT, ROOT } from "./helpers/host";
import { liveEmails, memberByHand, orgByHand } from "./helpers/roster";
import { changes, startStack, writesSince, type Stack } from "./helpers/stack";

// Each run compiles the program with ts-node and starts a provider host: ~40 s a story on a loaded machine, 4x headroom.
jest.setTimeout(240_000);

const declared = ["alice@acme.example", "bob@acme.example", "carol@acme.example"];
let stack: Stack;
afterEach(() => stack?.stop());

test("up, a rename and a removal by hand, refresh, preview, up, up again, a member dropped from the program, destroy keeps the organization", async () => {
  stack = await startStack(path.join(ROOT, "examples/quickstart"));
  const { emulator, engine } = stack;
  expect((await engine.up()).errors).toEqual([]);
  const [org] = [...emulator.state.orgs.values()];
  expect(org.name).toBe("Acme Support");
  expect(liveEmails(emulator, org.id)).toEqual(declared);
  const memberIds = emulator.state.membersOf(org.id).map((m) => m.id);
  expect(engine.state().outputs).toEqual({ organizationId: org.id, organizationName: "Acme Support", memberIds });

  org.name = "Renamed by hand";
  emulator.state.members.delete(memberIds[1]);
  memberByHand(emulator, org.id, "mallory@outside.example"); // Member resources manage only themselves

  expect((await engine.refresh()).errors).toEqual([]);
  const beforePreview = emulator.requests.length;
  const preview = await engine.preview();
  expect(preview.errors).toEqual([]);
  expect(changes(preview.steps)).toEqual([`update ${ORG_TYPE} acme`, `create ${MEMBER_TYPE} bob@acme.example`]);
  expect(writesSince(emulator, beforePreview)).toEqual([]);

  expect((await engine.up()).errors).toEqual([]);
  expect(org.name).toBe("Acme Support");
  expect(liveEmails(emulator, org.id)).toEqual([...declared, "mallory@outside.example"]);

  const beforeAgain = emulator.requests.length;
  const again = await engine.up();
  expect(changes(again.steps)).toEqual([]);
  expect(emulator.requests.slice(beforeAgain)).toEqual([]); // not even a read: check and diff need none

  const beforeRemoval = emulator.requests.length;
  const withoutCarol = await engine.withConfig({ "maiagent-quickstart:members": JSON.stringify(declared.slice(0, 2)) }).up();
  expect(changes(withoutCarol.steps)).toEqual([`delete ${MEMBER_TYPE} carol@acme.example`]);
  expect(writesSince(emulator, beforeRemoval)).toEqual([`DELETE /api/v1/organizations/${org.id}/members/${memberIds[2]}/`]);

  expect((await engine.destroy()).errors).toEqual([]);
  expect(emulator.state.orgs.get(org.id)?.name).toBe("Acme Support"); // retainOnDelete
  expect(liveEmails(emulator, org.id)).toEqual(["mallory@outside.example"]);
  expect(engine.state().resources).toEqual([]);
});

/** A project of its own under the installed package's project (.tmp/project), with `index.ts` as given. */
function project(name: string, lines: string[]): string {
  const root = path.join(PROJECT, name);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
  fs.writeFileSync(path.join(root, "index.ts"), ['import * as pulumi from "@pulumi/pulumi";', 'import * as maiagent from "pulumi-maiagent";', ...lines].join("\n"));
  return root;
}

test("destroying an organization without retainOnDelete fails naming it, and the stack keeps tracking it", async () => {
  stack = await startStack(project("noretain", ['new maiagent.Organization("acme", { name: "Acme Support" });', "void pulumi;"]));
  const { emulator, engine } = stack;
  expect((await engine.up()).errors).toEqual([]);
  const destroy = await engine.destroy();
  expect(destroy.ok).toBe(false);
  expect(destroy.errors.join("\n")).toMatch(new RegExp(`^urn:pulumi:dev::noretain::${ORG_TYPE}::acme: .*405.*retainOnDelete`, "s"));
  expect(engine.state().resources.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack", ORG_TYPE]);
  expect(emulator.state.orgs.size).toBe(1);
});

const getName = "a get lookup reads an organization the stack does not manage; destroy only forgets it";
(hostServesGet() ? test : test.skip)(hostServesGet() ? getName : getName + GET_SKIP_REASON, async () => {
  const root = project("lookup", ['export const name = maiagent.Organization.get("existing", new pulumi.Config().require("orgId")).name;']);
  stack = await startStack(root);
  const { emulator } = stack;
  const orgId = orgByHand(emulator, "Existing Org");
  const engine = stack.engine.withConfig({ "lookup:orgId": orgId });
  const up = await engine.up();
  expect(up.errors).toEqual([]);
  expect(changes(up.steps)).toEqual([`read ${ORG_TYPE} existing`]);
  expect(engine.state().outputs).toEqual({ name: "Existing Org" });
  const before = emulator.requests.length;
  expect((await engine.destroy()).errors).toEqual([]);
  expect(writesSince(emulator, before)).toEqual([]);
  expect(emulator.state.orgs.get(orgId)?.name).toBe("Existing Org");
  expect(engine.state().resources).toEqual([]);
});

test("a member whose email changes is replaced: the old one removed first, then the new one added", async () => {
  const root = project("replace", [
    'const org = new maiagent.Organization("acme", { name: "Acme Support" }, { retainOnDelete: true });',
    'const alice = new maiagent.Member("alice", { organizationId: org.id, email: new pulumi.Config().require("email") });',
    "export const memberId = alice.memberId;",
  ]);
  stack = await startStack(root, { "replace:email": "alice@acme.example" });
  const { emulator, engine } = stack;
  expect((await engine.up()).errors).toEqual([]);
  const [org] = [...emulator.state.orgs.values()];
  const oldId = emulator.state.membersOf(org.id)[0].id;

  const before = emulator.requests.length;
  const replaced = await engine.withConfig({ "replace:email": "alice@new.example" }).up();
  expect(replaced.errors).toEqual([]);
  expect(changes(replaced.steps)).toEqual([`replace ${MEMBER_TYPE} alice`]);
  expect(writesSince(emulator, before)).toEqual([`DELETE /api/v1/organizations/${org.id}/members/${oldId}/`, `POST /api/v1/organizations/${org.id}/members/`]);
  const [now] = emulator.state.membersOf(org.id);
  expect(now.email).toBe("alice@new.example");
  expect(engine.state().outputs).toEqual({ memberId: now.id });
});
