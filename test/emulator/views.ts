/** How the emulated API renders its objects (camelCase; the server converts to snake_case on request). */
import type { EmulatorState, Member, Org } from "./state";

export type Timestamps = "iso" | "epoch";
export const stamp = (date: Date, style: Timestamps) => (style === "iso" ? date.toISOString() : String(date.getTime()));

export function orgListItem(org: Org, style: Timestamps) {
  return { id: org.id, name: org.name, createdAt: stamp(org.createdAt, style) };
}

export function orgDetail(state: EmulatorState, org: Org, style: Timestamps) {
  const owner = state.users.get(org.ownerId);
  return {
    ...orgListItem(org, style),
    compactLogo: org.compactLogo,
    fullLogo: org.fullLogo,
    owner: owner ? { id: owner.id, name: owner.name } : null,
    usageStatistics: { chatbotsCount: 0, canCreateChatbot: true },
    organizationPlan: { id: "cac825e8-cb9b-4a16-b440-4ff6b2e73911", planName: "Free Plan", expiredAt: null },
    maigptInboxId: org.id,
  };
}

export type IsOwnerStyle = "boolean" | "string" | "absent" | "null";
const ownerFlag: Record<IsOwnerStyle, (isOwner: boolean) => object> = {
  boolean: (isOwner) => ({ isOwner }),
  string: (isOwner) => ({ isOwner: String(isOwner) }),
  absent: () => ({}),
  null: () => ({ isOwner: null }),
};

export function memberView(state: EmulatorState, member: Member, style: Timestamps, owner: IsOwnerStyle = "boolean") {
  return {
    id: member.id,
    name: state.users.get(member.userId)?.name ?? "",
    email: member.email,
    ...ownerFlag[owner](member.isOwner),
    permissions: { id: "6f1c1c62-1d0e-4c4e-9a59-6b3f3c1d2e10", name: member.isOwner ? "Owner" : "Member", description: "" },
    createdAt: stamp(member.createdAt, style),
  };
}

export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(v)]),
  );
}

export function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()), camelKeys(v)]),
  );
}
