/** The human report: a header, one row per check, a summary and a verdict. */
import type { Status } from "./check";
import type { Report } from "./report";

const MARK: Record<Status, string> = { ok: "[✓]", info: "[i]", warn: "[!]", fail: "[✗]", skip: "[–]" };

/** `organization`: the id of the organization probed, if one was read. */
export function renderReport(report: Report, organization?: string): string {
  const { target, identity, requests, summary } = report;
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const tls = target.tls ? `${target.tls.protocol}, ${target.tls.issuer ?? "?"}, ${target.tls.daysLeft ?? "?"} days left` : "none (or not reached)";
  const lines = [
    `pulumi-maiagent doctor ${report.tool.version}`,
    `  API        ${target.baseUrl ?? "(not set)"}`,
    `  route      ${target.via}`,
    `  TLS        ${tls}`,
    `  key's user ${identity ? `${identity.name ?? "?"} <${identity.email ?? "?"}>` : "unknown"}`,
    `  probed     ${organization ? `organization ${organization}` : "no organization"}; GET, HEAD and OPTIONS only`,
    "",
  ];
  for (const check of report.checks) {
    lines.push(`${MARK[check.status]} ${check.id.padEnd(width)}  ${check.observed}`);
    if (check.action && check.status !== "ok") lines.push(`    ${" ".repeat(width)}  → ${check.action}`);
  }
  const counts = (["ok", "info", "warn", "fail", "skip"] as Status[]).map((s) => `${summary[s]} ${s}`).join(", ");
  const sent = requests.GET + requests.HEAD + requests.OPTIONS;
  lines.push(
    "",
    `${counts} in ${(report.durationMs / 1000).toFixed(1)} s; ${sent} requests (GET ${requests.GET}, HEAD ${requests.HEAD}, OPTIONS ${requests.OPTIONS}); nothing written.`,
    verdict(report),
  );
  return `${lines.join("\n")}\n`;
}

function verdict(report: Report): string {
  if (report.exitCode === 1) return "The provider will not work as configured: fix the [✗] rows first.";
  if (report.exitCode === 3) return "The provider works here, but read the [!] rows: they change what you should declare or set.";
  const skipped = report.summary.skip;
  if (skipped) return `The provider's assumptions hold wherever doctor could tell (${skipped} check${skipped === 1 ? "" : "s"} skipped: see [–]).`;
  return "The provider's assumptions hold on this deployment.";
}
