/** The quickstart program under pulumi.runtime.setMocks, compiled by the ts-node set-up Pulumi's nodejs host uses. */
import { execFileSync } from "node:child_process";
import { ROOT } from "./helpers/native";

test("the quickstart declares one organization and three members wired to its id, without loading got", () => {
  const out = execFileSync(process.execPath, ["test/helpers/run-example.js", "examples/quickstart/index.ts"], { cwd: ROOT, encoding: "utf8" });
  const { registered, outputs, gotLoaded } = JSON.parse(out);
  expect(registered.map((r: { type: string; name: string }) => `${r.type} ${r.name}`)).toEqual([
    "pulumi-nodejs:dynamic/maiagent:Organization acme",
    "pulumi-nodejs:dynamic/maiagent:Member alice@acme.example",
    "pulumi-nodejs:dynamic/maiagent:Member bob@acme.example",
    "pulumi-nodejs:dynamic/maiagent:Member carol@acme.example",
  ]);
  expect(registered[0].inputs).toMatchObject({ name: "Acme Support", compactLogo: "https://acme.example/logo.png" });
  expect(registered[1].inputs).toMatchObject({ organizationId: "acme-id", email: "alice@acme.example" });
  expect(outputs).toMatchObject({ organizationId: "acme-id", organizationName: "Acme Support", memberIds: ["alice@acme.example-member", "bob@acme.example-member", "carol@acme.example-member"] });
  expect(gotLoaded).toBe(false);
});

test("the roster program declares each organization of maiagent.yaml, retained, its complete member list and its roles", () => {
  const out = execFileSync(process.execPath, ["test/helpers/run-example.js", "examples/roster/index.ts"], { cwd: ROOT, encoding: "utf8" });
  const { registered, retained, hiddenDiffs, dependsOn, outputs, gotLoaded } = JSON.parse(out);
  // destroy, or an organization removed from the file, must never delete it or empty it (retain: true, the default);
  // a group removed from the file is deleted, its members follow the organization's `retain`
  expect(retained).toEqual({
    "pulumi-nodejs:dynamic/maiagent:Organization acme": true,
    "pulumi-nodejs:dynamic/maiagent:OrganizationMembers acme": true,
    "pulumi-nodejs:dynamic/maiagent:Group acme.support": false,
    "pulumi-nodejs:dynamic/maiagent:GroupMembers acme.support": true,
  });
  expect(registered.map((r: { type: string; name: string }) => `${r.type} ${r.name}`)).toEqual([
    "pulumi-nodejs:dynamic/maiagent:Organization acme",
    "pulumi-nodejs:dynamic/maiagent:OrganizationMembers acme",
    "pulumi-nodejs:dynamic/maiagent:Group acme.support",
    "pulumi-nodejs:dynamic/maiagent:GroupMembers acme.support",
  ]);
  // a group holds organization members only: its members are written after the organization's
  expect(dependsOn["pulumi-nodejs:dynamic/maiagent:GroupMembers acme.support"]).toEqual(
    expect.arrayContaining(["pulumi-nodejs:dynamic/maiagent:OrganizationMembers acme", "pulumi-nodejs:dynamic/maiagent:Group acme.support"]),
  );
  expect(registered[2].inputs).toMatchObject({ organizationId: "acme-id", name: "Support", permissions: ["chatbot.view", "conversation.view"] });
  expect(registered[3].inputs).toMatchObject({ organizationId: "acme-id", groupId: "acme.support-id", emails: ["alice@acme.example"] }); // from the Group's Pulumi id
  expect(registered[0].inputs).toMatchObject({ name: "Acme Support", compactLogo: "https://acme.example/logo.png" });
  expect(registered[1].inputs).toMatchObject({ organizationId: "acme-id", emails: ["alice@acme.example", "bob@acme.example"] });
  // The lists the display would compare by index are hidden: a change shows as lines of `emailLines` instead.
  expect(hiddenDiffs["pulumi-nodejs:dynamic/maiagent:OrganizationMembers acme"]).toEqual(["emails", "members"]);
  expect(hiddenDiffs["pulumi-nodejs:dynamic/maiagent:GroupMembers acme.support"]).toEqual(["emails", "members"]);
  expect(outputs.organizations.acme).toMatchObject({ id: "acme-id", name: "Acme Support" });
  expect(gotLoaded).toBe(false);
});
