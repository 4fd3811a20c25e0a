/** What the API does beyond the seeds (DESIGN §7), through the real provider host: deletes and logo clearing. */
import type { Emulator } from "./emulator/server";
import { useFixture } from "./helpers/shared-fixture";
import { rejection } from "./helpers/native";
import type { Engine } from "./helpers/engine";
import { MEMBER_TYPE, ORG_TYPE } from "./helpers/host";

let emulator: Emulator;
let engine: Engine;

useFixture((f) => ({ emulator, engine } = f));
beforeEach(() => {
  emulator.faults.clear();
  emulator.requests.splice(0);
  emulator.setOptions({ allowOrganizationDelete: false, acceptNullLogos: true });
});

const requestLine = () => emulator.requests.map((r) => `${r.method} ${r.status}`);

describe("destroying an organization where DELETE is not allowed (405 whether or not it exists)", () => {
  test("succeeds when a GET then finds it already gone: one DELETE, one GET", async () => {
    const { state } = await engine.up(ORG_TYPE, "acme", { name: "Acme" });
    emulator.state.orgs.delete(state.id);
    emulator.requests.splice(0);
    await engine.destroy(state);
    expect(requestLine()).toEqual(["DELETE 405", "GET 404"]);
  });

  test("fails with the retainOnDelete guidance when the GET finds it still there", async () => {
    const { state } = await engine.up(ORG_TYPE, "acme", { name: "Acme" });
    emulator.requests.splice(0);
    const error = await rejection(engine.destroy(state));
    expect(error.message).toMatch(/HTTP 405.*still exists.*retainOnDelete: true/);
    expect(requestLine()).toEqual(["DELETE 405", "GET 200"]);
    expect(emulator.state.orgs.has(state.id)).toBe(true);
  });
});

describe("a DELETE that worked but answered 5xx is retried, and the 404 it then gets counts as deleted", () => {
  test("for an organization, on a server that allows deleting them", async () => {
    emulator.setOptions({ allowOrganizationDelete: true });
    const { state } = await engine.up(ORG_TYPE, "acme", { name: "Acme" });
    emulator.faults.add({ kind: "status", status: 500, when: "after", method: "DELETE" });
    emulator.requests.splice(0);
    await engine.destroy(state);
    expect(requestLine()).toEqual(["DELETE 500", "DELETE 404"]);
    expect(emulator.state.orgs.has(state.id)).toBe(false);
  });

  test("for a member", async () => {
    const org = (await engine.up(ORG_TYPE, "acme", { name: "Acme" })).state;
    const { state } = await engine.up(MEMBER_TYPE, "alice", { organizationId: org.id, email: "alice@acme.example" });
    emulator.faults.add({ kind: "status", status: 500, when: "after", method: "DELETE" });
    emulator.requests.splice(0);
    await engine.destroy(state);
    expect(requestLine()).toEqual(["DELETE 500", "DELETE 404"]);
    expect(emulator.state.membersOf(org.id)).toHaveLength(0);
  });
});

describe.each([
  ["a server that accepts null logos", true, ["PUT 200"]],
  ["a server whose logo fields refuse null (DRF URLField without allow_null)", false, ["PUT 400", "PUT 200"]],
])("removing a logo from the program on %s", (_label, acceptNullLogos, puts) => {
  test("clears it in place, and the next plan shows no change", async () => {
    emulator.setOptions({ acceptNullLogos });
    const logos = { compactLogo: "https://acme.example/c.png", fullLogo: "https://acme.example/f.png" };
    const created = (await engine.up(ORG_TYPE, "acme", { name: "Acme", ...logos })).state;
    emulator.requests.splice(0);
    const { state, op } = await engine.up(ORG_TYPE, "acme", { name: "Acme", fullLogo: logos.fullLogo }, created);
    expect(op).toBe("update");
    expect(requestLine()).toEqual(puts);
    expect(emulator.state.orgs.get(state.id)).toMatchObject({ compactLogo: null, fullLogo: logos.fullLogo });
    expect(state.outputs).toMatchObject({ compactLogo: null, fullLogo: logos.fullLogo });
    expect((await engine.plan(ORG_TYPE, "acme", { name: "Acme", fullLogo: logos.fullLogo }, state)).diff!.changes).toBe("DIFF_NONE");
  });
});
