/** A large organization put straight into the emulator's state, and the state a stack would hold for it. */
import type { Emulator } from "../emulator/server";
import type { Engine, ResourceState } from "./engine";
import { MEMBER_TYPE, providerTexts } from "./host";
import { orgByHand } from "./roster";

/** `n` members in a new organization, and for each the resource state `pulumi up` would have stored. */
export function seedMembers(emulator: Emulator, engine: Engine, n: number, name = "Big"): { orgId: string; states: ResourceState[] } {
  const __provider = providerTexts()[MEMBER_TYPE];
  const orgId = orgByHand(emulator, name);
  const org = emulator.state.orgs.get(orgId)!;
  for (let i = 0; i < n; i++) emulator.state.addMember(org, { email: `m${i}@${name.toLowerCase()}.example` });
  const states = emulator.state.membersOf(orgId).map((m) => ({
    type: MEMBER_TYPE,
    urn: engine.urn(MEMBER_TYPE, m.email),
    id: `${orgId}/${m.id}`,
    inputs: { organizationId: orgId, email: m.email, __provider },
    outputs: { organizationId: orgId, email: m.email, memberId: m.id, __provider },
  }));
  return { orgId, states };
}
