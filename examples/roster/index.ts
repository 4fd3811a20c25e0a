// The roster program: organizations, their complete member lists and their roles, from a reviewed file (maiagent.yaml).
//   pulumi config set --secret maiagent:apiKey <your key>          (or export MAIAGENT_API_KEY)
//   pulumi config set maiagent:rosterFile orgs/prod.yaml            (optional; default maiagent.yaml here)
//   pulumi config set maiagent:organizations acme,globex            (optional; default every organization)
import * as pulumi from "@pulumi/pulumi";
import { Organization, OrganizationMembers } from "pulumi-maiagent";
import { declareGroups, loadDeclarations } from "pulumi-maiagent/roster";

// maiagent:rosterFile and maiagent:organizations (a YAML list in Pulumi.<stack>.yaml arrives as JSON text).
const config = new pulumi.Config("maiagent");
const declarations = loadDeclarations({ file: config.get("rosterFile"), organizations: config.get("organizations") });

export const organizations = Object.fromEntries(
  declarations.map((declared) => {
    // The API cannot delete organizations: destroying the stack or removing one from the file stops managing it.
    const organization = new Organization(declared.key, declared.organization, { retainOnDelete: true });
    const members = new OrganizationMembers(
      declared.key,
      { organizationId: organization.id, ...declared.members },
      { retainOnDelete: declared.retainMembers },
    );
    // Roles: a Group and its GroupMembers per `groups:` entry, after the organization's members.
    const groups = declareGroups(declared, organization.id, members);
    return [declared.key, { id: organization.id, name: organization.name, protectedEmails: members.protectedEmails, groups }];
  }),
);
