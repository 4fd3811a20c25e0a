/** doctor's verdicts that no emulator can provoke on demand: a certificate about to expire, a wrong name. */
import { loadDist } from "./helpers/native";

test("a certificate with fewer than 14 days left warns; 14 is ok (the committed one lasts until 2126)", () => {
  const { tlsOutcome } = loadDist<typeof import("../provider/cli/doctor/checks/net")>("provider/cli/doctor/checks/net.js");
  const facts = { protocol: "TLSv1.3", issuer: "Example CA", nameMatches: true, trusted: true, trustError: null };
  expect(tlsOutcome({ ...facts, daysLeft: 13 }, "api.example")).toMatchObject({ status: "warn", observed: "certificate expires soon: TLSv1.3, issued by Example CA, 13 days left" });
  expect(tlsOutcome({ ...facts, daysLeft: 14 }, "api.example").status).toBe("ok");
  expect(tlsOutcome({ ...facts, daysLeft: 300, nameMatches: false }, "api.example")).toMatchObject({ status: "fail", observed: expect.stringContaining("does not name api.example") });
});
