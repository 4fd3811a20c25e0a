/** list.*: how organization lists page, compared with what the provider's scan assumes. */
import { pageSizeMessage } from "../../../api/scan";
import { outcome, said, type Check } from "../check";
import { asPage } from "../shapes";

const NEEDS_AUTH = ["auth.identity"];

export const pageSize: Check = {
  id: "list.pageSize",
  title: "Oversize page size",
  needs: NEEDS_AUTH,
  async run(probe) {
    const answer = await probe.get("organizations/", { query: { pageSize: "1000" } });
    const expected = "pageSize=1000 clamped to the server's maximum, or refused with a 400 naming the page size";
    if (answer.status === 400) {
      const message = pageSizeMessage(answer.body);
      if (message === undefined) {
        return outcome("fail", `pageSize=1000 answered ${said(answer)} without naming the page size`, { expected, action: "Every scan would fail: report this answer (doctor --json) to the package." });
      }
      const size = await probe.see(probe.session.listSize());
      return outcome("info", `pageSize=1000 refused: "${message}"`, { expected, action: `Scans ask for ${size ?? "the server's default"} per page instead, as the first 400 teaches them.` });
    }
    const page = asPage(answer.body);
    if (answer.status !== 200 || !page) return outcome("fail", `GET organizations/ answered ${said(answer)}`, { expected: "200 with a page" });
    if (!page.paged) return outcome("info", `not paginated: all ${page.results.length} organizations in one array`, { expected, action: "The scan reads it as one page." });
    if (page.results.length >= page.count) return outcome("skip", `only ${page.count} organization${page.count === 1 ? "" : "s"} visible: too few rows to tell whether 1000 is clamped`);
    return outcome("info", `pageSize=1000 clamped to ${page.results.length} (of ${page.count})`, { expected, action: `Scans read ${page.results.length} per page, several pages at once.` });
  },
};

export const pageSizeParam: Check = {
  id: "list.pageSizeParam",
  title: "Page-size parameter",
  needs: NEEDS_AUTH,
  async run(probe) {
    const camel = asPage((await probe.get("organizations/", { query: { pageSize: "1" } })).body);
    if (!camel) return outcome("skip", "the organization list did not answer with a page");
    if (camel.count <= 1) return outcome("skip", `only ${camel.count} organization visible: too few rows to tell`);
    if (camel.results.length <= 1) return outcome("ok", "pageSize=1 is honoured");
    const served = camel.results.length;
    const snake = asPage((await probe.get("organizations/", { query: { page_size: "1" } })).body);
    const works = snake && snake.results.length <= 1 ? "page_size works instead" : "neither pageSize nor page_size is honoured";
    const perScan = (n: number) => Math.ceil(n / served);
    return outcome("warn", `pageSize is ignored; ${works}; the server serves ${served} per page`, {
      expected: "pageSize honoured (the provider sends pageSize)",
      action: `Each scan reads ${served} per page: ${perScan(camel.count)} requests for the ${camel.count} organizations here, ${perScan(1000)} per 1000 members, instead of 1.`,
    });
  },
};

export const next: Check = {
  id: "list.next",
  title: "Next-page links",
  needs: NEEDS_AUTH,
  async run(probe) {
    const { baseUrl } = probe.session.settings!;
    const page = asPage((await probe.get("organizations/", { query: { pageSize: "1" } })).body);
    if (!page || typeof page.next !== "string") return outcome("skip", "no multi-page answer to look at (one page only)");
    const link = new URL(page.next, baseUrl);
    const base = new URL(baseUrl);
    const seen = `next is ${link.origin}${link.pathname}`;
    const action = "The provider reads pages by number and never follows next, but the server's idea of its own URL is wrong (a proxy without X-Forwarded-Proto/Host).";
    if (base.protocol === "https:" && link.protocol !== "https:") return outcome("warn", `${seen}: plain http`, { expected: base.origin, action });
    if (link.host !== base.host) return outcome("warn", `${seen}: another ${link.hostname === base.hostname ? "port" : "host"}`, { expected: base.origin, action });
    return outcome("ok", `${seen}: same origin`);
  },
};
