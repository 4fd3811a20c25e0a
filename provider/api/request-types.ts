/** The public shapes of request bodies and list queries, declared by hand (see types.ts). */

/** Paging and search for list endpoints. */
export interface PageQuery {
  /** 1-based page number. */
  page?: number;
  /** Items per page; the server may clamp it to its maximum or refuse it with 400. */
  pageSize?: number;
  /** Search text (for members: matched against email and name by the server). */
  query?: string;
}

/** Create or replace an organization (`POST organizations/`, `PUT organizations/{id}/`). */
export interface OrganizationBody {
  /** 1–255 characters, not blank, no surrounding whitespace (the API would trim it). */
  name: string;
  /** Absolute http(s) URL; null (or "" on servers that refuse null) clears it; omitted on create = none. */
  compactLogo?: string | null;
  /** Absolute http(s) URL; null (or "" on servers that refuse null) clears it; omitted on create = none. */
  fullLogo?: string | null;
}

/** Add a member (`POST organizations/{id}/members/`). */
export interface MemberBody {
  /** The user's email; the API refuses an email that is already a member (HTTP 400). */
  email: string;
  /** Filled in from the path by `addMember`. */
  organization?: string;
  /** Read-only in MaiAgent's OpenAPI: the server may ignore it and add a non-owner. */
  isOwner?: boolean;
}

/** Register a new account (`POST auth/registration/`). */
export interface RegistrationBody {
  /** The new account's email; the API sends a confirmation to it. */
  email: string;
  /** The password. */
  password1: string;
  /** Must repeat `password1`. */
  password2: string;
  /** The user's name. */
  name: string;
  /** The user's company. */
  company: string;
  /** A referral code, if any. */
  referralCode?: string;
  /** The authentication source (UUID) for single sign-on registrations. */
  authSource?: { id: string };
}

/** Change the key owner's password (`POST auth/password/change/`). */
export interface PasswordChangeBody {
  /** The current password. */
  oldPassword: string;
  /** The new password. */
  newPassword1: string;
  /** Must repeat `newPassword1`. */
  newPassword2: string;
}

/** Update the key owner's profile (`PUT users/current/`). */
export interface CurrentUserBody {
  /** The user's name. */
  name: string;
  /** The user's email. */
  email: string;
  /** Absolute http(s) URL. */
  avatar?: string;
  /** The user's company. */
  company?: string;
  /** An invitation code, if any. */
  invitationCode?: string;
}
