/** What the Pulumi CLI compares when it displays a roster change. A dynamic provider cannot send a detailed
 * diff, so the display compares the stored inputs (preview, `up` details) or outputs (refresh) itself: arrays
 * by index, multi-line strings line by line (pkg/backend/display/object_diff.go). These tests check the values
 * it will compare: a one-email change must differ in exactly one line of `emailLines`. */
import { parse as parseYaml } from "yaml";
import type { Emulator } from "./emulator/server";
import { useFixture } from "./helpers/shared-fixture";
import type { Engine, ResourceState } from "./helpers/engine";
import { ROSTER_TYPE, UNKNOWN } from "./helpers/host";
import { emailsFor, memberByHand, orgByHand } from "./helpers/roster";

let emulator: Emulator;
let engine: Engine;
useFixture((f) => ({ emulator, engine } = f));

/** The lines the display's line diff (diffmatchpatch over lines) prints with + and -. */
function changedLines(before: unknown, after: unknown): { added: string[]; removed: string[] } {
  const lines = (text: unknown) => (text as string).split("\n").filter((line) => line !== "");
  const [old, neu] = [lines(before), lines(after)];
  return { added: neu.filter((l) => !old.includes(l)), removed: old.filter((l) => !neu.includes(l)) };
}

/** How many `~ [i]` lines the display prints for an array compared by index. */
const byIndexChanges = (before: unknown[], after: unknown[]) =>
  Array.from({ length: Math.max(before.length, after.length) }, (_, i) => before[i] !== after[i]).filter(Boolean).length;

async function roster500(): Promise<{ org: string; emails: string[]; state: ResourceState }> {
  const org = orgByHand(emulator);
  const emails = emailsFor(500);
  for (const email of emails) memberByHand(emulator, org, email);
  const { state } = await engine.up(ROSTER_TYPE, "acme", { organizationId: org, emails });
  return { org, emails, state };
}

test("adding one email near the start of a 500-email roster changes one line of emailLines, where emails shifts ~500 positions", async () => {
  const { org, emails, state } = await roster500();
  expect(state.inputs.emailLines).toBe(emails.map((e) => `${e}\n`).join(""));

  const added = "user000a@acme.example";
  const { checked, diff } = await engine.plan(ROSTER_TYPE, "acme", { organizationId: org, emails: [...emails, added] }, state);
  expect(diff!.changes).toBe("DIFF_SOME");
  expect(changedLines(state.inputs.emailLines, checked.emailLines)).toEqual({ added: [added], removed: [] });
  expect((checked.emailLines as string).split("\n").indexOf(added)).toBe(1); // in place, so the diff shows its neighbours
  expect(byIndexChanges(state.inputs.emails as string[], checked.emails as string[])).toBe(500); // why `emails` is hidden

  const removed = emails[3];
  const smaller = await engine.plan(ROSTER_TYPE, "acme", { organizationId: org, emails: emails.filter((e) => e !== removed) }, state);
  expect(changedLines(state.inputs.emailLines, smaller.checked.emailLines)).toEqual({ added: [], removed: [removed] });
});

test("a member added by hand shows on refresh as one added line of the outputs' emailLines; read's inputs match check's", async () => {
  const { org, emails, state } = await roster500();
  memberByHand(emulator, org, "Mallory@evil.example");
  const refreshed = (await engine.refresh(state))!;
  expect(changedLines(state.outputs.emailLines, refreshed.outputs.emailLines)).toEqual({ added: ["Mallory@evil.example"], removed: [] });
  expect(changedLines(state.inputs.emailLines, refreshed.inputs.emailLines)).toEqual({ added: ["Mallory@evil.example"], removed: [] });

  // The same shape as check's, so after `refresh` the program's own list previews as exactly the drift.
  const { checked } = await engine.plan(ROSTER_TYPE, "acme", { organizationId: org, emails: [...emails, "Mallory@evil.example"] }, refreshed);
  expect(refreshed.inputs).toEqual(checked);
});

test("emailLines is plain text to the display: never JSON, never a YAML list or map, even for emails made of YAML syntax", async () => {
  const org = orgByHand(emulator, "Odd");
  const odd = ["-dash@x.example", "#hash@x.example", "{a}@x.example", '"[b]"@x.example', "?q@x.example", "*star@x.example", '"a:b"@x.example', "!bang@x.example"];
  const { checked } = await engine.plan(ROSTER_TYPE, "odd", { organizationId: org, emails: odd });
  const text = checked.emailLines as string;
  expect(text.endsWith("\n")).toBe(true); // even one email is multi-line text: a line diff, not a character diff
  expect(() => JSON.parse(text)).toThrow();
  let decoded: unknown = "not YAML";
  try {
    decoded = parseYaml(text);
  } catch {
    // not YAML at all: shown as text
  }
  expect(decoded === null || typeof decoded !== "object").toBe(true);
  const one = await engine.plan(ROSTER_TYPE, "one", { organizationId: org, emails: ["alice@acme.example"] });
  expect(one.checked.emailLines).toBe("alice@acme.example\n");
});

test("while emails are unknown (preview) emailLines is unknown too, and an empty roster is empty text", async () => {
  const org = orgByHand(emulator, "Pending");
  const pending = await engine.plan(ROSTER_TYPE, "pending", { organizationId: org, emails: ["alice@acme.example", UNKNOWN] });
  expect(pending.checked.emailLines).toBe(UNKNOWN);
  const empty = await engine.plan(ROSTER_TYPE, "empty", { organizationId: org, emails: [] });
  expect(empty.checked.emailLines).toBe("");
});

test("refresh keeps every input check returned (maxRemovals, removeUnlisted), so the next preview shows no false change", async () => {
  const org = orgByHand(emulator, "Guarded");
  const program = { organizationId: org, emails: ["alice@acme.example"], removeUnlisted: true, maxRemovals: 7 };
  const { state } = await engine.up(ROSTER_TYPE, "guarded", program);
  const refreshed = (await engine.refresh(state))!;
  const { checked } = await engine.plan(ROSTER_TYPE, "guarded", program, refreshed);
  expect(refreshed.inputs).toEqual(checked);
});
