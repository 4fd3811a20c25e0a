/** `npm run bench:groups`: groups (roles) through the real provider host against the emulator. Prints request
 * counts beside the targets: GroupMembers of 500 emails on an empty group (bulk-create, and its fallback to one
 * POST each), a refresh of a 2,000-person group at 300 ms latency, and a roster of 10 organizations × 5 groups
 * reading the permission list once per provider process. Numbers, not verdicts. */
import type { Emulator, EmulatorOptions } from "../test/emulator/server";
import type { Org } from "../test/emulator/state";
import type { Engine } from "../test/helpers/engine";
import { mapLimit } from "../test/helpers/engine";
import { startFixture } from "../test/helpers/fixture";
import { GROUP_MEMBERS_TYPE, GROUP_TYPE } from "../test/helpers/host";
import { installPackedPackage, markdownTable, measure, runBenchmark } from "./bench-kit";

const PAGE_SIZE = 100; // the emulator's maximum page size, as DRF's max_page_size
const CHUNK = 100; // GroupMembers' bulk-create chunk
const count = (emulator: Emulator, from: number, path: RegExp, method = "GET") => emulator.requests.slice(from).filter((r) => r.method === method && path.test(r.path)).length;

/** An organization of `members` people and one empty group, made directly in the emulator. */
function seed(emulator: Emulator, members: number, name = "Bench") {
  const org = emulator.state.createOrg({ name }, emulator.owner.id).body as Org;
  const emails = Array.from({ length: members }, (_, i) => `m${i}@${name.toLowerCase()}.example`);
  const people = emails.map((email) => emulator.state.addMember(org, { email }) as { id: string });
  const group = emulator.state.groups.createGroup(org.id, { name: "Role", permissions: [] });
  return { org: org.id, group, emails, people };
}

async function bulkScenario(label: string, options: Partial<EmulatorOptions>): Promise<string[]> {
  const fixture = await startFixture(options);
  try {
    const { emulator, engine } = fixture;
    const { org, group, emails } = seed(emulator, 500);
    const from = emulator.requests.length;
    const { requests, seconds } = await measure(emulator, () => engine.up(GROUP_MEMBERS_TYPE, "role", { organizationId: org, groupId: group.id, emails }));
    const memberPages = count(emulator, from, /\/members\/$/);
    const groupPages = count(emulator, from, /group-members\/$/);
    const bulk = count(emulator, from, /bulk-create\/$/, "POST");
    const singles = count(emulator, from, /group-members\/$/, "POST");
    const target = label.includes("absent") ? `≤ 1.05 × 500 + pages = ${Math.floor(525 + memberPages + groupPages)}` : `≤ pages + ceil(500/${CHUNK}) + 2 = ${memberPages + groupPages + Math.ceil(500 / CHUNK) + 2}`;
    const held = emulator.state.groups.membersOf(group, true).length;
    return [label, String(requests), String(memberPages), String(groupPages), String(bulk), String(singles), target, `${held}/500`, seconds.toFixed(1)];
  } finally {
    await fixture.stop();
  }
}

async function refreshScenario(): Promise<string[]> {
  const fixture = await startFixture({ latencyMs: 300 }, { "maiagent:maxConcurrency": "16" });
  try {
    const { emulator, engine } = fixture;
    const { org, group, people } = seed(emulator, 2000, "Big");
    const members = emulator.state.membersOf(org);
    members.forEach((m) => emulator.state.groups.add(group, m));
    const state = await engine.plan(GROUP_MEMBERS_TYPE, "big", { organizationId: org, groupId: group.id, emails: [] });
    const stored = { type: GROUP_MEMBERS_TYPE, urn: state.urn, id: `${org}/${group.id}`, inputs: state.checked, outputs: { organizationId: org, groupId: group.id, emails: [], __provider: state.checked.__provider } };
    const { requests, seconds, result } = await measure(emulator, () => engine.refresh(stored));
    const target = Math.ceil(2000 / PAGE_SIZE) + 3;
    return ["refresh of a 2,000-person group, 300 ms latency", String(requests), `${(result?.outputs.emails as string[]).length}/${people.length}`, `≤ ${target}`, seconds.toFixed(1)];
  } finally {
    await fixture.stop();
  }
}

async function rosterScenario(): Promise<string[]> {
  const fixture = await startFixture();
  try {
    const { emulator, engine } = fixture;
    const groups = Array.from({ length: 10 }, (_, o) => seed(emulator, 0, `Org${o}`).org).flatMap((org, o) =>
      Array.from({ length: 5 }, (_, g) => ({ org, name: `org${o}.role${g}`, inputs: { organizationId: org, name: `Role ${g}`, permissions: ["chatbot.view", "member.view"] } })),
    );
    const up = await measure(emulator, () => mapLimit(groups, 10, (g) => upOne(engine, g)));
    const permissionReads = emulator.count({ method: "GET", path: /permissions\/$/ });
    return ["10 organizations × 5 groups: up (one provider process)", String(up.requests), String(permissionReads), "1 (the list fits one page)", up.seconds.toFixed(1)];
  } finally {
    await fixture.stop();
  }
}

const upOne = (engine: Engine, g: { name: string; inputs: Record<string, unknown> }) => engine.up(GROUP_TYPE, g.name, g.inputs);

async function main(): Promise<void> {
  await installPackedPackage();
  console.log(`Groups benchmark: page size ${PAGE_SIZE}, bulk-create chunk ${CHUNK}\n`);
  const bulk = [await bulkScenario("bulk-create 201", {}), await bulkScenario("bulk-create 200, no body", { groupBulkCreate: "200-empty" }), await bulkScenario("bulk-create absent (405)", { groupBulkCreate: "absent-405" })];
  console.log("GroupMembers of 500 emails on an empty group, organization of 500 members:\n");
  console.log(markdownTable(["API", "requests", "member pages", "group-member pages", "bulk POSTs", "single POSTs", "target", "in group", "wall s"], bulk));
  console.log("\n" + markdownTable(["scenario", "requests", "read", "target", "wall s"], [await refreshScenario()]));
  console.log("\n" + markdownTable(["scenario", "requests", "permission-list reads", "target", "wall s"], [await rosterScenario()]));
}

runBenchmark(main);
