/** How an organization record becomes Pulumi outputs, and what "no logo" means. */
import type { OrganizationRecord } from "../../api/types";
import { plain } from "../resource-kit";

/** What an `Organization` stores and exposes (its `id` is the organization UUID). Read back from the API
 * after every create, update and refresh: the live values, not the declared ones. */
export interface OrganizationOutputs {
  /** The display name as the API stores it. */
  name: string;
  /** The compact logo URL; null when the organization has none. */
  compactLogo: string | null;
  /** The full logo URL; null when the organization has none. */
  fullLogo: string | null;
  /** When it was created, exactly as the API gave it (ISO timestamp or epoch milliseconds); null if not given. */
  createdAt: string | null;
  /** The owner's id; null when the API does not say. */
  ownerId: string | null;
  /** The owner's name; null when the API does not say. */
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
