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

test("the roster program declares each organization of maiagent.yaml, retained, and its complete member list", () => {
  const out = execFileSync(process.execPath, ["test/helpers/run-example.js", "examples/roster/index.ts"], { cwd: ROOT, encoding: "utf8" });
  const { registered, retained, hiddenDiffs, outputs, gotLoaded } = JSON.parse(out);
  // destroy, or an organization removed from the file, must never delete it or empty it (retain: true, the default)
  expect(retained).toEqual({
    "pulumi-nodejs:dynamic/maiagent:Organization acme": true,
    "pulumi-nodejs:dynamic/maiagent:OrganizationMembers acme": true,
  });
  expect(registered.map((r: { type: string; name: string }) => `${r.type} ${r.name}`)).toEqual([
    "pulumi-nodejs:dynamic/maiagent:Organization acme",
    "pulumi-nodejs:dynamic/maiagent:OrganizationMembers acme",
  ]);
  expect(registered[0].inputs).toMatchObject({ name: "Acme Support", compactLogo: "https://acme.example/logo.png" });
  expect(registered[1].inputs).toMatchObject({ organizationId: "acme-id", emails: ["alice@acme.example", "bob@acme.example"] });
  // The lists the display would compare by index are hidden: a change shows as lines of `emailLines` instead.
  expect(hiddenDiffs["pulumi-nodejs:dynamic/maiagent:OrganizationMembers acme"]).toEqual(["emails", "members"]);
  expect(outputs.organizations.acme).toMatchObject({ id: "acme-id", name: "Acme Support" });
  expect(gotLoaded).toBe(false);
});
