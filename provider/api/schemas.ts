/** zod schemas for every request and response. Each schema shares its name with the public type declared by hand in
 * types.ts (checked below: what a schema produces must fit it), so the published declarations need no zod. */
import { z } from "zod";
import { isEmail } from "./email";
import type * as T from "./types";

/** Responses may be camelCase or snake_case; everything past this point sees camelCase only. */
export function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), camelizeKeys(v)]),
  );
}
export const camel = <T extends z.ZodType>(schema: T) => z.preprocess(camelizeKeys, schema);

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const Uuid = z.string().regex(UUID_SHAPE, "must be a UUID such as 550e8400-e29b-41d4-a716-446655440000");
export const HttpUrl = z.string().refine((value) => {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, "must be an absolute http(s) URL");
export const Email = z.string("must be a valid email address").refine(isEmail, "must be a valid email address");
export const Id = z.union([z.string().min(1), z.number()]).transform(String);
/** ISO timestamp or epoch-milliseconds string: kept exactly as the API gave it. */
export const Timestamp = z.union([z.string(), z.number()]).transform(String).nullish();
/** isOwner decides who may be removed, so only a JSON boolean counts. Anything else (left out, null, or a string
 * such as "false" from a differently configured serializer) is null: unknown, and treated as an owner. */
const OwnerFlag = z.unknown().optional().transform((value) => (typeof value === "boolean" ? value : null));

// ---- requests ----
export const OrganizationName = z
  .string()
  .min(1, "must not be empty")
  .max(255, "must be at most 255 characters")
  .refine((s) => s.trim().length > 0, "must not be blank")
  // Django trims it: " Acme" would be stored as "Acme" and show as a change on every `up`.
  .refine((s) => s.trim() === "" || s.trim() === s, "must not start or end with whitespace (the API trims it)");
/** null clears a logo; "" clears it on servers whose logo fields refuse null. */
const Logo = z.union([HttpUrl, z.literal("")]).nullish();
export const OrganizationBody = z.object({ name: OrganizationName, compactLogo: Logo, fullLogo: Logo });
export type OrganizationBody = T.OrganizationBody;

export const MemberBody = z.object({ email: Email, organization: Uuid.optional(), isOwner: z.boolean().optional() });
export type MemberBody = T.MemberBody;

export const PageQuery = z.object({
  page: z.number().int().min(1).optional(),
  pageSize: z.number().int().min(1).optional(),
  query: z.string().optional(),
});
export type PageQuery = T.PageQuery;

export const RegistrationBody = z.object({
  email: Email,
  password1: z.string().min(1),
  password2: z.string().min(1),
  name: z.string().min(1),
  company: z.string().min(1),
  referralCode: z.string().optional(),
  authSource: z.object({ id: Uuid }).optional(),
});
export type RegistrationBody = T.RegistrationBody;

export const PasswordChangeBody = z.object({
  oldPassword: z.string().min(1),
  newPassword1: z.string().min(1),
  newPassword2: z.string().min(1),
});
export type PasswordChangeBody = T.PasswordChangeBody;

export const CurrentUserBody = z.object({
  name: z.string().min(1),
  email: Email,
  avatar: HttpUrl.optional(),
  company: z.string().optional(),
  invitationCode: z.string().optional(),
});
export type CurrentUserBody = T.CurrentUserBody;

// ---- responses ----
const Owner = z.union([z.object({ id: Id.optional(), name: z.string().nullish() }).loose(), Id]).nullish();

export const OrganizationRecord = camel(
  z
    .object({
      id: Id,
      name: z.string(),
      createdAt: Timestamp,
      compactLogo: z.string().nullish(),
      fullLogo: z.string().nullish(),
      owner: Owner,
    })
    .loose(),
);
export type OrganizationRecord = T.OrganizationRecord;

export const MemberRecord = camel(
  z
    .object({
      id: Id,
      email: z.string(),
      name: z.string().nullish(),
      isOwner: OwnerFlag,
      createdAt: Timestamp,
      permissions: z.unknown().optional(),
    })
    .loose(),
);
export type MemberRecord = T.MemberRecord;

/** The add-member response: documented as `{organization, isOwner}` and possibly `email`; an id only sometimes. */
export const MemberCreated = camel(
  z
    .object({
      id: Id.optional(),
      email: z.string().optional(),
      organization: z.union([Id, z.object({ id: Id }).loose()]).nullish(),
      isOwner: OwnerFlag,
      name: z.string().nullish(),
      createdAt: Timestamp,
    })
    .loose(),
);
export type MemberCreated = T.MemberCreated;

export type Page<Item> = T.Page<Item>;
/** A DRF page; a bare array (pagination=false) is read as one complete page. */
export function PageOf<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (raw) => (Array.isArray(raw) ? { count: raw.length, next: null, results: raw } : raw),
    z.object({ count: z.number().int().nonnegative(), next: z.string().nullish(), results: z.array(item) }),
  );
}

export const Detail = z.object({ detail: z.string().optional() }).loose();
export type Detail = T.Detail;

export const CurrentUser = camel(z.object({ id: Id, name: z.string().nullish(), email: z.string() }).loose());
export type CurrentUser = T.CurrentUser;

export const Permission = camel(z.object({ id: Id, name: z.string(), description: z.string().nullish() }).loose());
export type Permission = T.Permission;

/** Compile-time check: what each schema produces fits the public type declared by hand in types.ts. */
export type Fits<Parsed extends Declared, Declared> = [Parsed, Declared];
export type SchemaChecks = [
  Fits<z.infer<typeof OrganizationBody>, T.OrganizationBody>,
  Fits<z.infer<typeof MemberBody>, T.MemberBody>,
  Fits<z.infer<typeof PageQuery>, T.PageQuery>,
  Fits<z.infer<typeof RegistrationBody>, T.RegistrationBody>,
  Fits<z.infer<typeof PasswordChangeBody>, T.PasswordChangeBody>,
  Fits<z.infer<typeof CurrentUserBody>, T.CurrentUserBody>,
  Fits<z.infer<typeof OrganizationRecord>, T.OrganizationRecord>,
  Fits<z.infer<typeof MemberRecord>, T.MemberRecord>,
  Fits<z.infer<typeof MemberCreated>, T.MemberCreated>,
  Fits<z.infer<typeof Detail>, T.Detail>,
  Fits<z.infer<typeof CurrentUser>, T.CurrentUser>,
  Fits<z.infer<typeof Permission>, T.Permission>,
];

/** zod issues as `{field: [messages]}`, for per-field errors. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}
