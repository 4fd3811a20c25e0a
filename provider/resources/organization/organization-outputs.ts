/** How an organization record becomes Pulumi outputs, and what "no logo" means. */
import type { OrganizationRecord } from "../../api/schemas";
import { plain } from "../resource-kit";

export interface OrganizationOutputs extends Record<string, unknown> {
  name: string;
  compactLogo: string | null;
  fullLogo: string | null;
  createdAt: string | null;
  ownerId: string | null;
  ownerName: string | null;
}

export function outputsOf(org: OrganizationRecord): OrganizationOutputs {
  const owner = org.owner;
  const ownerRecord = owner !== null && typeof owner === "object" ? owner : undefined;
  return plain({
    name: org.name,
    compactLogo: org.compactLogo || null,
    fullLogo: org.fullLogo || null,
    createdAt: org.createdAt ?? null,
    ownerId: (typeof owner === "string" ? owner : ownerRecord?.id) ?? null,
    ownerName: ownerRecord?.name ?? null,
  });
}

/** An omitted logo means "no logo": a logo set by hand shows as drift and is cleared by the next update. */
export const logo = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
