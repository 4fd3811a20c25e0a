/** The member snapshot's lifetime rules, with the clock driven by the test (real HTTP to the emulator). */
import { Emulator } from "./emulator/server";
import { loadDist, loadPackage, type Client } from "./helpers/native";
import type { MemberSnapshots as Snapshots } from "../provider/resources/members/member-snapshots";

const { MaiAgentClient } = loadPackage();
const { MemberSnapshots } = loadDist<typeof import("../provider/resources/members/member-snapshots")>("provider/resources/members/member-snapshots.js");
let emulator: Emulator;
let api: Client;
let now: number;
let snapshots: Snapshots;
let orgId: string;
let ids: string[];

beforeEach(async () => {
  emulator = await Emulator.start({ maxPageSize: 10, listLatencyMs: 200 });
  api = new MaiAgentClient({ apiKey: emulator.options.apiKey, baseUrl: emulator.baseUrl() });
  now = 1_000_000;
  snapshots = new MemberSnapshots(() => now);
  orgId = (emulator.state.createOrg({ name: "Big" }, emulator.owner.id).body as { id: string }).id;
  for (let i = 0; i < 30; i++) emulator.state.addMember(emulator.state.orgs.get(orgId)!, { email: `m${i}@big.example` });
  ids = emulator.state.membersOf(orgId).map((m) => m.id);
});
afterEach(() => emulator.stop());

const find = (i: number) => snapshots.find(api, orgId, ids[i]).then((m) => m?.email);
const requests = () => emulator.requests.map((r) => (r.path.endsWith("/members/") ? `list ${new URLSearchParams(r.query).get("page")}` : "get"));

test("the first read of an organization is one GET; the next reads share one scan", async () => {
  expect(await find(0)).toBe("m0@big.example");
  expect(requests()).toEqual(["get"]);
  expect(await Promise.all([find(1), find(2), find(29)])).toEqual(["m1@big.example", "m2@big.example", "m29@big.example"]);
  expect(requests().sort()).toEqual(["get", "list 1", "list 2", "list 3"]);
});

test("a scan that outlasts the snapshot's lifetime serves every read that arrives while it runs", async () => {
  await find(0);
  const first = find(1);
  now += 60_000; // the scan is still answering: however long it takes, it is joined
  const joined = [find(2), find(3)];
  expect(await Promise.all([first, ...joined])).toEqual(["m1@big.example", "m2@big.example", "m3@big.example"]);
  expect(emulator.count({ path: /members\/$/ })).toBe(3);
});

test("the snapshot lives 5 s from its last use, counted from when the scan answered; then the next read is a GET again", async () => {
  await find(0);
  await find(1);
  now += 4_999;
  await find(2);
  now += 4_999;
  await find(3);
  expect(emulator.count()).toBe(4); // one GET and one scan of 3 pages
  now += 5_000;
  await find(4);
  expect(requests().slice(4)).toEqual(["get"]);
});

test("a second read of the same member means a new refresh: it is answered fresh, never from the old snapshot", async () => {
  await find(0);
  await find(1);
  emulator.state.members.get(ids[1])!.isOwner = true;
  const again = await snapshots.find(api, orgId, ids[1]);
  expect(again?.isOwner).toBe(true);
  expect(requests().slice(4)).toEqual(["get"]);
});

test("a write to the organization drops the snapshot", async () => {
  await find(0);
  await find(1);
  snapshots.invalidate(orgId);
  await find(2);
  expect(requests().slice(4)).toEqual(["get"]);
});

test("a member missing from the snapshot is confirmed gone with one GET", async () => {
  await find(0);
  emulator.state.members.delete(ids[5]);
  await find(1);
  emulator.requests.splice(0);
  expect(await find(5)).toBeUndefined();
  expect(emulator.requests.map((r) => r.status)).toEqual([404]);
});
