/** The public shapes of what the MaiAgent API takes and returns, declared by hand so that the package's
 * declarations need no third-party types (zod stays internal: schemas.ts checks each schema against these). Request bodies: request-types.ts. */
export type { PageQuery, OrganizationBody, MemberBody, RegistrationBody, PasswordChangeBody, CurrentUserBody } from "./request-types";

/** An organization as the API returns it (`GET organizations/{id}/`), keys in camelCase. */
export interface OrganizationRecord {
  /** The organization UUID. */
  id: string;
  /** The display name, as stored (the API trims surrounding whitespace). */
  name: string;
  /** When it was created, exactly as the API gave it (ISO timestamp or epoch milliseconds). */
  createdAt?: string | null;
  /** URL of the compact logo; null or "" when there is none. */
  compactLogo?: string | null;
  /** URL of the full logo; null or "" when there is none. */
  fullLogo?: string | null;
  /** The owner: an id, or an object with `id` and `name`, depending on the server. */
  owner?: string | { id?: string; name?: string | null; [key: string]: unknown } | null;
  /** Fields this package does not interpret are kept as the API sent them. */
  [key: string]: unknown;
}

/** A member of an organization (`GET organizations/{id}/members/{memberId}/`). */
export interface MemberRecord {
  /** The member id (not the user id). */
  id: string;
  /** The email as the API stores it. */
  email: string;
  /** The user's name, when the API gives one. */
  name?: string | null;
  /** Whether the member is in the organization's OWNER group. */
  isOwner?: boolean | null;
  /** When the member was added, exactly as the API gave it. */
  createdAt?: string | null;
  /** The member's permissions, as the API sent them (not interpreted). */
  permissions?: unknown;
  [key: string]: unknown;
}

/** The add-member response: documented as `{organization, isOwner}`; `email` and `id` only on some servers. */
export interface MemberCreated {
  /** Present only when the server returns it; otherwise look the member up by email. */
  id?: string;
  /** The added email, when the server echoes it. */
  email?: string;
  /** The organization, as an id or an object. */
  organization?: string | { id: string; [key: string]: unknown } | null;
  /** Ownership as the server applied it (it may ignore the requested value). */
  isOwner?: boolean | null;
  /** The user's name, when given. */
  name?: string | null;
  /** When the member was added, when given. */
  createdAt?: string | null;
  [key: string]: unknown;
}

/** The user the API key belongs to (`GET users/current/`). */
export interface CurrentUser {
  /** The user id. */
  id: string;
  /** The user's name, when set. */
  name?: string | null;
  /** The user's email: `OrganizationMembers` never removes the member with this email. */
  email: string;
  [key: string]: unknown;
}

/** One permission of `GET permissions/`. */
export interface Permission {
  /** The permission id. */
  id: string;
  /** Its name. */
  name: string;
  /** What it allows, when the API says. */
  description?: string | null;
  [key: string]: unknown;
}

/** A plain acknowledgement (`{detail}`), as registration and password change answer. */
export interface Detail {
  /** The API's message, e.g. "Verification e-mail sent." */
  detail?: string;
  [key: string]: unknown;
}

/** One page of a DRF list. */
export interface Page<T> {
  /** Items in the whole list, all pages together. */
  count: number;
  /** null on the last page; absent when the server does not say (then `count` decides). */
  next?: string | null;
  /** The items of this page. */
  results: T[];
}
