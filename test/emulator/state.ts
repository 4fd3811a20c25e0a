/** The emulated MaiAgent data: organizations, members, users, with DRF-style validation errors. */
import { randomUUID } from "node:crypto";
import { GroupStore } from "./groups-state";

export interface Org {
  id: string;
  name: string;
  compactLogo: string | null;
  fullLogo: string | null;
  ownerId: string;
  createdAt: Date;
}
export interface Member {
  id: string;
  organizationId: string;
  userId: string;
  email: string;
  isOwner: boolean;
  createdAt: Date;
}
export interface User {
  id: string;
  name: string;
  email: string;
  company: string;
}

/** A response the server will send: status and a camelCase body (the server applies snake_case if asked). */
export interface Reply {
  status: number;
  body?: unknown;
  /** Sent as written, without the key-case conversion. */
  raw?: boolean;
}
export const reply = (status: number, body?: unknown): Reply => ({ status, body });
export const notFound = () => reply(404, { detail: "Not found." });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isUrl = (value: unknown) => typeof value === "string" && /^https?:\/\/[^\s/]+/.test(value);

export class EmulatorState {
  readonly orgs = new Map<string, Org>();
  readonly members = new Map<string, Member>();
  readonly users = new Map<string, User>();
  readonly groups = new GroupStore(this);
  private clock = 0;

  /** Monotonic creation times so list order is stable even within one millisecond. */
  now(): Date {
    this.clock = Math.max(this.clock + 1, Date.now());
    return new Date(this.clock);
  }

  userFor(email: string): User {
    const existing = [...this.users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase());
    if (existing) return existing;
    const user = { id: randomUUID(), name: email.split("@")[0], email, company: "" };
    this.users.set(user.id, user);
    return user;
  }

  validateOrg(body: Record<string, unknown>, partial: boolean): Record<string, string[]> | undefined {
    const errors: Record<string, string[]> = {};
    if (body.name === undefined) {
      if (!partial) errors.name = ["This field is required."];
    } else if (typeof body.name !== "string") errors.name = ["Not a valid string."];
    else if (body.name.trim() === "") errors.name = ["This field may not be blank."];
    else if (body.name.length > 255) errors.name = ["Ensure this field has no more than 255 characters."];
    for (const key of ["compactLogo", "fullLogo"]) {
      if (body[key] !== undefined && body[key] !== null && !isUrl(body[key])) errors[key] = ["Enter a valid URL."];
    }
    return Object.keys(errors).length ? errors : undefined;
  }

  createOrg(body: Record<string, unknown>, ownerId: string): Reply {
    const errors = this.validateOrg(body, false);
    if (errors) return reply(400, errors);
    const org: Org = {
      id: randomUUID(),
      name: body.name as string,
      compactLogo: (body.compactLogo as string) ?? null,
      fullLogo: (body.fullLogo as string) ?? null,
      ownerId,
      createdAt: this.now(),
    };
    this.orgs.set(org.id, org);
    return reply(201, org);
  }

  /** PUT and PATCH: fields left out are unchanged (DRF serializer semantics); null clears a logo. */
  updateOrg(org: Org, body: Record<string, unknown>, partial: boolean): Reply {
    const errors = this.validateOrg(body, partial);
    if (errors) return reply(400, errors);
    if (body.name !== undefined) org.name = body.name as string;
    if (body.compactLogo !== undefined) org.compactLogo = body.compactLogo as string | null;
    if (body.fullLogo !== undefined) org.fullLogo = body.fullLogo as string | null;
    return reply(200, org);
  }

  membersOf(organizationId: string): Member[] {
    return [...this.members.values()].filter((m) => m.organizationId === organizationId);
  }

  addMember(org: Org, body: Record<string, unknown>): Reply | Member {
    const email = body.email;
    if (email === undefined) return reply(400, { email: ["This field is required."] });
    if (typeof email !== "string" || !EMAIL.test(email)) return reply(400, { email: ["Enter a valid email address."] });
    if (body.isOwner !== undefined && typeof body.isOwner !== "boolean") return reply(400, { isOwner: ["Must be a valid boolean."] });
    if (this.membersOf(org.id).some((m) => m.email.toLowerCase() === email.toLowerCase())) {
      return reply(400, { email: ["This user is already a member of this organization."] });
    }
    const user = this.userFor(email);
    const member: Member = {
      id: randomUUID(),
      organizationId: org.id,
      userId: user.id,
      email: user.email,
      isOwner: body.isOwner === true,
      createdAt: this.now(),
    };
    this.members.set(member.id, member);
    return member;
  }
}
