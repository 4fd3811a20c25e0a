/** The demo's whole story on the test engine: the root project (Pulumi.yaml → examples/roster, maiagent.yaml)
 * run as `pulumi up` runs it, against the emulator; out-of-band changes found by refresh and repaired by up —
 * a role's permissions among them. */
import { permissionId } from "./helpers/groups";
import { GROUP_TYPE, ORG_TYPE, ROOT, ROSTER_TYPE } from "./helpers/host";
import { liveEmails, memberByHand } from "./helpers/roster";
import { changes, startStack, writesSince, type Stack } from "./helpers/stack";

// Each run compiles the program with ts-node and starts a provider host: ~40 s a story on a loaded machine, 4x headroom.
jest.setTimeout(240_000);

let stack: Stack;
beforeAll(async () => (stack = await startStack(ROOT)));
afterAll(() => stack?.stop());

test("up, a rename, a removal, an outsider and a permission granted by hand, refresh, preview, up, up again, destroy", async () => {
  const { emulator, engine } = stack;
  const declared = ["alice@acme.example", "bob@acme.example"];

  const up = await engine.up();
  expect(up.errors).toEqual([]);
  const [org] = [...emulator.state.orgs.values()];
  expect(org.name).toBe("Acme Support");
  expect(liveEmails(emulator, org.id)).toEqual(declared);
  expect(engine.state().outputs).toMatchObject({ organizations: { acme: { id: org.id, name: "Acme Support" } } });
  const support = emulator.state.groups.groupsOf(org.id).find((g) => g.name === "Support")!;
  const declaredPermissions = ["chatbot.view", "conversation.view"].map((name) => permissionId(emulator, name)).sort();
  expect([...support.permissionIds].sort()).toEqual(declaredPermissions);

  org.name = "Acme Support (renamed by hand)";
  emulator.state.members.delete(emulator.state.membersOf(org.id).find((m) => m.email === "bob@acme.example")!.id);
  memberByHand(emulator, org.id, "mallory@outside.example");
  support.permissionIds.push(permissionId(emulator, "billing.manage")); // a role change made in the console

  expect((await engine.refresh()).errors).toEqual([]);
  const beforePreview = emulator.requests.length;
  const preview = await engine.preview();
  expect(preview.errors).toEqual([]);
  expect(changes(preview.steps)).toEqual([`update ${ORG_TYPE} acme`, `update ${ROSTER_TYPE} acme`, `update ${GROUP_TYPE} acme.support`]);
  const [rename, roster, role] = preview.steps;
  expect([role.olds?.permissions, role.news?.permissions]).toEqual([["billing.manage", "chatbot.view", "conversation.view"], ["chatbot.view", "conversation.view"]]);
  expect([rename.olds?.name, rename.news?.name]).toEqual(["Acme Support (renamed by hand)", "Acme Support"]);
  expect([roster.olds?.emails, roster.news?.emails]).toEqual([["alice@acme.example", "mallory@outside.example"], declared]);
  expect(writesSince(emulator, beforePreview)).toEqual([]);

  const beforeFix = emulator.requests.length;
  const fix = await engine.up();
  expect(fix.errors).toEqual([]);
  expect(org.name).toBe("Acme Support");
  expect(liveEmails(emulator, org.id)).toEqual(declared);
  expect([...support.permissionIds].sort()).toEqual(declaredPermissions);
  expect(writesSince(emulator, beforeFix).map((w) => w.split(" ")[0]).sort()).toEqual(["DELETE", "POST", "PUT", "PUT"]);

  const beforeAgain = emulator.requests.length;
  const again = await engine.up();
  expect(again.errors).toEqual([]);
  expect(changes(again.steps)).toEqual([]);
  expect(emulator.requests.slice(beforeAgain)).toEqual([]); // not even a read: check and diff need none

  const beforeDestroy = emulator.requests.length;
  const destroy = await engine.destroy();
  expect(destroy.errors).toEqual([]);
  // group members, group (deleted: a role removed from the file or destroyed goes), members, organization
  expect(destroy.steps.filter((s) => s.urn.includes("dynamic/")).map((s) => s.retained)).toEqual([true, false, true, true]);
  expect(writesSince(emulator, beforeDestroy)).toEqual([expect.stringMatching(/^DELETE .*groups\/[^/]+\/$/)]);
  expect(emulator.state.orgs.get(org.id)?.name).toBe("Acme Support");
  expect(liveEmails(emulator, org.id)).toEqual(declared);
  expect(engine.state().resources).toEqual([]);
});
