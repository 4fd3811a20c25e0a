/** http.headers and http.clock: read from every answer of the run, so they run last and send nothing. */
import { outcome, type Check } from "../check";
import { retryAfterMs } from "../http";

const LIMIT_HEADERS = ["x-ratelimit-limit", "ratelimit-limit", "ratelimit-policy", "x-rate-limit-limit"];

export const headers: Check = {
  id: "http.headers",
  title: "Rate limits",
  needs: ["api.root"],
  last: true,
  async run(probe) {
    const exchanges = probe.session.httpClient!.exchanges;
    const limited = exchanges.filter((e) => e.status === 429);
    const odd = limited.filter((e) => e.headers["retry-after"] !== undefined && retryAfterMs(e.headers["retry-after"]) === undefined);
    probe.evidence.push(...limited);
    const stated = exchanges.find((e) => LIMIT_HEADERS.some((h) => e.headers[h] !== undefined));
    if (odd.length) return outcome("warn", `a 429 with an unreadable Retry-After: "${String(odd[0].headers["retry-after"])}"`, { expected: "seconds or an HTTP-date", action: "The provider then backs off on its own; set maiagent:requestsPerSecond." });
    const forms = [...new Set(limited.map((e) => (/^\s*\d+\s*$/.test(String(e.headers["retry-after"] ?? "")) ? "seconds" : e.headers["retry-after"] ? "an HTTP-date" : "no Retry-After")))];
    const throttled = limited.length ? `; ${limited.length} answer${limited.length === 1 ? "" : "s"} 429 (Retry-After: ${forms.join(", ")})` : "";
    if (stated) {
      probe.evidence.push(stated);
      const said = LIMIT_HEADERS.filter((h) => stated.headers[h] !== undefined).map((h) => `${h}: ${String(stated.headers[h])}`);
      const remaining = stated.headers["x-ratelimit-remaining"] ?? stated.headers["ratelimit-remaining"];
      return outcome("info", `${said.join("; ")}${remaining === undefined ? "" : `, remaining ${String(remaining)}`}${throttled}`, {
        action: "Set maiagent:requestsPerSecond to the limit per second divided by the stacks that run at once.",
      });
    }
    if (limited.length) return outcome("info", `no rate-limit headers${throttled}`, { action: "The provider honours Retry-After; set maiagent:requestsPerSecond if many stacks share the key." });
    return outcome("ok", "no rate-limit headers and no 429 during this run");
  },
};

export const clock: Check = {
  id: "http.clock",
  title: "Clock",
  needs: ["api.root"],
  last: true,
  async run(probe) {
    const dated = [...probe.session.httpClient!.exchanges].reverse().find((e) => e.headers.date);
    if (!dated) return outcome("skip", "no answer carried a Date header");
    probe.evidence.push(dated);
    const skewS = Math.round((Date.parse(String(dated.headers.date)) - dated.at) / 1000);
    const seen = skewS === 0 ? "the server's clock agrees with this machine's" : `the server's clock is ${Math.abs(skewS)} s ${skewS > 0 ? "ahead of" : "behind"} this machine's`;
    if (Math.abs(skewS) > 30) {
      return outcome("warn", seen, { expected: "within 30 s", action: "An HTTP-date Retry-After would be misread by that much: sync this machine's clock (NTP)." });
    }
    return outcome("ok", seen);
  },
};
