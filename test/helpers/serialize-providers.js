// Runs in the throwaway project: constructs the resources as a user's program would, under Pulumi mocks,
// and prints the `__provider` text Pulumi would store in state for each type token.
const pulumi = require("@pulumi/pulumi");
const maiagent = require("pulumi-maiagent");

const providers = {};
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      providers[args.type] = args.inputs.__provider;
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args) => args.inputs,
  },
  "maiagent-test",
  "dev",
  false,
);

const org = new maiagent.Organization("acme", { name: "Acme Support" });
new maiagent.Member("alice", { organizationId: org.id, email: "alice@acme.example" });
new maiagent.OrganizationMembers("acme-members", { organizationId: org.id, emails: ["bob@acme.example"] });
const support = new maiagent.Group("support", { organizationId: org.id, name: "Support", permissions: ["chatbot.view"] });
new maiagent.GroupMembers("support-members", { organizationId: org.id, groupId: support.groupId, emails: ["bob@acme.example"] });
new maiagent.GroupMember("support-carol", { organizationId: org.id, groupId: support.groupId, email: "carol@acme.example" });
const EXPECTED = 6;

const deadline = Date.now() + 20000;
(function wait() {
  if (Object.keys(providers).length === EXPECTED) return process.stdout.write(JSON.stringify(providers));
  if (Date.now() > deadline) throw new Error(`providers not serialized: ${JSON.stringify(Object.keys(providers))}`);
  setTimeout(wait, 20);
})();
