/** How a member record becomes a Member's Pulumi outputs. */
import type { MemberRecord } from "../../api/types";
import { plain } from "../resource-kit";

/** What a `Member` stores and exposes (its `id` is `<organizationId>/<memberId>`): the live member as the API
 * lists it after create and refresh. */
export interface MemberOutputs {
  /** The organization's UUID. */
  organizationId: string;
  /** The email as the API stores it (the declared one may differ in letter case). */
  email: string;
  /** The member id the API assigned (not the user id); the second half of the resource id. */
  memberId: string;
  /** The user's name; null when the API does not give one. */
  name: string | null;
  /** Whether the member is an owner (the organization's OWNER group), live; null when the API does not say. */
  isOwner: boolean | null;
  /** When the member was added, exactly as the API gave it; null if not given. */
  createdAt: string | null;
}

export const outputsOf = (organizationId: string, m: MemberRecord): MemberOutputs =>
  plain({ organizationId, email: m.email, memberId: m.id, name: m.name ?? null, isOwner: m.isOwner ?? null, createdAt: m.createdAt ?? null });
