/** Full list scans against the emulator over real HTTP: page size, page order, concurrency, gone organizations. */
import { Emulator, type EmulatorOptions } from "./emulator/server";
import { loadPackage, rejection, type Client } from "./helpers/native";

const { MaiAgentClient, MaiAgentApiError } = loadPackage();
const GONE = "00000000-0000-4000-8000-000000000000";
let emulator: Emulator;
const client = (): Client => new MaiAgentClient({ apiKey: emulator.options.apiKey, baseUrl: emulator.baseUrl() });
const pages = (orgId?: string) =>
  emulator.requests
    .filter((r) => !orgId || r.path.includes(orgId))
    .map((r) => `${r.status} ${new URLSearchParams(r.query).get("page")}/${new URLSearchParams(r.query).get("pageSize")}`);

/** An organization with `n` members added straight into the emulator's state; returns its id and emails in list order. */
function seed(n: number, name = "Big"): { id: string; emails: string[] } {
  const org = emulator.state.createOrg({ name }, emulator.owner.id).body as { id: string };
  for (let i = 0; i < n; i++) emulator.state.addMember(emulator.state.orgs.get(org.id)!, { email: `m${i}@${name.toLowerCase()}.example` });
  return { id: org.id, emails: emulator.state.membersOf(org.id).map((m) => m.email) };
}

beforeEach(async () => (emulator = await Emulator.start()));
afterEach(() => emulator.stop());

test("a scan of an organization that is gone sends one request, and the next 250-member scan still costs 3", async () => {
  const api = client();
  const error = await rejection(api.listAllMembers(GONE));
  expect(error).toBeInstanceOf(MaiAgentApiError);
  expect(error.status).toBe(404);
  expect(pages()).toEqual(["404 1/1000"]);
  const big = seed(250);
  expect((await api.listAllMembers(big.id)).map((m) => m.email)).toEqual(big.emails);
  expect(pages(big.id)).toEqual(["200 1/1000", "200 2/1000", "200 3/1000"]);
});

test("a scan keeps its page size while a concurrent scan meets a gone organization: 500 members, 500 distinct, in order", async () => {
  emulator.setOptions({ listLatencyMs: 100 });
  const api = client();
  const big = seed(500);
  const [members, gone] = await Promise.all([api.listAllMembers(big.id), rejection(api.listAllMembers(GONE))]);
  expect(gone.status).toBe(404);
  expect(new Set(members.map((m) => m.id)).size).toBe(500);
  expect(members.map((m) => m.email)).toEqual(big.emails);
  expect(pages(big.id).sort()).toEqual(["200 1/1000", "200 2/1000", "200 3/1000", "200 4/1000", "200 5/1000"]);
});

test("a 400 that does not name the page size is an error, not a reason to ask for smaller pages", async () => {
  const big = seed(30);
  emulator.faults.add({ kind: "status", status: 400, method: "GET", path: /members\/$/ });
  const error = await rejection(client().listAllMembers(big.id));
  expect(error.status).toBe(400);
  expect(pages()).toEqual(["400 1/1000"]);
});

test("after the first page, the remaining pages are requested together (the scheduler caps how many)", async () => {
  emulator.setOptions({ listLatencyMs: 200, maxPageSize: 10 });
  const big = seed(100);
  expect((await client().listAllMembers(big.id)).map((m) => m.email)).toEqual(big.emails);
  expect(emulator.count()).toBe(10);
  expect(emulator.peakInFlight).toBeGreaterThan(1);
  expect(emulator.peakInFlight).toBeLessThanOrEqual(8);
});

describe.each<[string, Partial<EmulatorOptions>, string[]]>([
  ["clamps silently at 50", { maxPageSize: 50 }, ["200 1/1000", ...[2, 3, 4, 5, 6].map((p) => `200 ${p}/1000`)]],
  ["clamps silently at 250", { maxPageSize: 250 }, ["200 1/1000", "200 2/1000"]],
  ["answers 400 naming pageSize above 50", { maxPageSize: 50, rejectOversizePageSize: true }, ["400 1/1000", ...[1, 2, 3, 4, 5, 6].map((p) => `200 ${p}/50`)]],
  ["answers 400 naming page_size above 100 (snake_case)", { rejectOversizePageSize: true, keyCase: "snake" }, ["400 1/1000", "200 1/100", "200 2/100", "200 3/100"]],
])("a server that %s", (_label, options, expected) => {
  test("is walked with the page size it really serves: 260 members, each once, in page order", async () => {
    emulator.setOptions(options);
    const big = seed(260);
    const members = await client().listAllMembers(big.id);
    expect(members.map((m) => m.email)).toEqual(big.emails);
    expect(pages().sort()).toEqual(expected.sort());
  });
});

test("a page size learned from a 400 is used from the first page of the next scan", async () => {
  emulator.setOptions({ maxPageSize: 50, rejectOversizePageSize: true });
  const api = client();
  const big = seed(120);
  await api.listAllMembers(big.id);
  emulator.requests.splice(0);
  expect((await api.listAllMembers(big.id)).map((m) => m.email)).toEqual(big.emails);
  expect(pages().sort()).toEqual(["200 1/50", "200 2/50", "200 3/50"]);
});

test("a count lower than the rows served (stale or estimated) is only a hint: the scan follows `next` to the last row", async () => {
  emulator.setOptions({ countShortBy: 60 });
  const big = seed(250);
  expect((await client().listAllMembers(big.id)).map((m) => m.email)).toEqual(big.emails);
  expect(pages().sort()).toEqual(["200 1/1000", "200 2/1000", "200 3/1000"]);
});

test("a count higher than the rows: the pages past the end ('Invalid page.') are dropped, not taken for a list that shrank", async () => {
  emulator.setOptions({ countShortBy: -120 });
  const big = seed(250);
  expect((await client().listAllMembers(big.id)).map((m) => m.email)).toEqual(big.emails);
  expect(pages().sort()).toEqual(["200 1/1000", "200 2/1000", "200 3/1000", "404 4/1000"]);
});

test("a member added between the pages of a scan makes it read the list again: the new member is seen, everyone once", async () => {
  const big = seed(250);
  let added = false;
  emulator.setOptions({
    beforeMemberPage: (orgId, page) => {
      if (page === 2 && !added) added = Boolean(emulator.state.addMember(emulator.state.orgs.get(orgId)!, { email: "new@big.example" }));
    },
  });
  const members = await client().listAllMembers(big.id);
  expect(members.map((m) => m.email)).toEqual([...big.emails, "new@big.example"]);
  expect(emulator.count({ path: /members\/$/, method: "GET" })).toBe(6);
});

test("a list that changes during every scan fails after 3 reads, saying so, rather than returning a partial list", async () => {
  const big = seed(250);
  let n = 0;
  emulator.setOptions({
    beforeMemberPage: (orgId, page) => {
      if (page === 2) emulator.state.addMember(emulator.state.orgs.get(orgId)!, { email: `churn${n++}@big.example` });
    },
  });
  const error = await rejection(client().listAllMembers(big.id));
  expect(error.message).toMatch(/GET organizations\/[^ ]+\/members\/ changed while it was read, 3 times in a row.*Nothing was changed.*try again/s);
  expect(n).toBe(3);
});
