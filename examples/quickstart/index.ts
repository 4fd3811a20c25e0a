// Quickstart: one MaiAgent organization and its members, declared in TypeScript.
//   pulumi config set --secret maiagent:apiKey <your key>      (or export MAIAGENT_API_KEY)
//   pulumi up | pulumi refresh | pulumi preview --refresh --expect-no-changes
import * as pulumi from "@pulumi/pulumi";
import * as maiagent from "pulumi-maiagent";

const config = new pulumi.Config();
const orgName = config.get("orgName") ?? "Acme Support";
const emails = config.getObject<string[]>("members") ?? ["alice@acme.example", "bob@acme.example", "carol@acme.example"];

// The MaiAgent API cannot delete organizations (DELETE answers 405). With retainOnDelete, `pulumi destroy`
// or removing this block stops managing the organization and leaves it in MaiAgent, instead of failing.
// Without it, destroy fails with a message telling you to do exactly this (or `pulumi state delete <urn>`).
const acme = new maiagent.Organization(
  "acme",
  { name: orgName, compactLogo: "https://acme.example/logo.png" },
  { retainOnDelete: true },
);

// Members have no update endpoint: changing an email removes the old member, then adds the new one.
const members = emails.map((email) => new maiagent.Member(email, { organizationId: acme.id, email }));

export const organizationId = acme.id;
export const organizationName = acme.name;
export const memberIds = members.map((member) => member.memberId);
