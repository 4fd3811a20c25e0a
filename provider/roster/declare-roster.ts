/** The whole roster program as one call: maiagent.yaml and the stack config → the stack's resources. */
import * as pulumi from "@pulumi/pulumi";
import { Organization } from "../resources/organization/organization";
import { OrganizationMembers } from "../resources/members/organization-members";
import { declareGroups } from "./declare-groups";
import type { DeclaredGroup } from "./declare-groups";
import { loadDeclarations } from "./load";
import type { RosterOptions } from "./load";

/** Where the roster is, which organizations of it this stack manages, and extra resource options. */
export interface DeclareRosterOptions extends RosterOptions {
  /**
   * Resource options for the `Organization` and `OrganizationMembers` of one organization key (and for the
   * `Group` and `GroupMembers` of a group, called with `<organization key>.<group key>`), merged over the
   * defaults (`retainOnDelete`). E.g. after renaming a key from `acme` to `acme-support` in the file, keep its
   * resources (instead of a new organization and the old one's members removed) with
   * `(key) => (key === "acme-support" ? { aliases: [{ name: "acme" }] } : {})`.
   */
  resourceOptions?: (key: string) => pulumi.CustomResourceOptions;
}

/** What `declareRoster` returns for each organization: export it, and `pulumi stack output` shows it. */
export interface DeclaredOrganization {
  /** The organization UUID. */
  id: pulumi.Output<string>;
  /** Its display name, live. */
  name: pulumi.Output<string>;
  /** Owners and the API key's own user: never removed, listed or not. */
  protectedEmails: pulumi.Output<string[]>;
  /** Its groups (roles) by key, when the file declares any. */
  groups: Record<string, DeclaredGroup>;
}

/**
 * Declares, for each organization of the roster file this stack manages, an `Organization` (always retained:
 * the API cannot delete organizations) and an authoritative `OrganizationMembers` (retained unless `retain:
 * false`), both named by the organization's key; and for each of its `groups:` a `Group` and a `GroupMembers`
 * named `<organization key>.<group key>` (the group is deleted when it leaves the file; its members follow
 * `retain`). A Pulumi program can be just:
 *
 * ```ts
 * import { declareRoster } from "pulumi-maiagent/roster";
 * export const organizations = declareRoster();
 * ```
 *
 * @param options Override the stack config: `file` (else `maiagent:rosterFile`, else `maiagent.yaml` in the
 *   project directory), `organizations` (else `maiagent:organizations`, else every organization of the file),
 *   `cwd` for relative paths (else the project directory, where Pulumi runs the program), and
 *   `resourceOptions` per organization key (e.g. `aliases` after renaming a key).
 * @returns Each organization's id, name and protected emails by key, for the program to export.
 * @throws RosterError listing every problem of the file (with its line) before any resource is declared.
 */
export function declareRoster(options: DeclareRosterOptions = {}): Record<string, DeclaredOrganization> {
  const config = new pulumi.Config("maiagent");
  const declarations = loadDeclarations({
    file: options.file ?? config.get("rosterFile"),
    organizations: options.organizations ?? config.get("organizations"),
    cwd: options.cwd,
  });
  return Object.fromEntries(
    declarations.map((declared) => {
      const extra = options.resourceOptions?.(declared.key) ?? {};
      const organization = new Organization(declared.key, declared.organization, { retainOnDelete: true, ...extra });
      const members = new OrganizationMembers(
        declared.key,
        { organizationId: organization.id, ...declared.members },
        { retainOnDelete: declared.retainMembers, ...extra },
      );
      const groups = declareGroups(declared, organization.id, members, options.resourceOptions);
      return [declared.key, { id: organization.id, name: organization.name, protectedEmails: members.protectedEmails, groups }];
    }),
  );
}
