/** Which @pulumi/pulumi the host tests run: the locked one, or MAIAGENT_TEST_SDK's (`npm run test:sdk-min`). */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { PROJECT, ROOT, sdkVersion } from "./helpers/host";

const expected = sdkVersion(process.env.MAIAGENT_TEST_SDK ? path.resolve(ROOT, process.env.MAIAGENT_TEST_SDK) : ROOT);

test(`the provider host and the serialization run @pulumi/pulumi ${expected}`, () => {
  // What the host script does first: resolve the dynamic-provider host from the project directory.
  const script = "console.log(require(require.resolve('@pulumi/pulumi/cmd/dynamic-provider/index.js').replace(/cmd.dynamic-provider.index\\.js$/, 'package.json')).version)";
  expect(execFileSync(process.execPath, ["-e", script], { cwd: PROJECT, encoding: "utf8" }).trim()).toBe(expected);
});

test("the provider host's project loads pulumi-maiagent/runtime from the packed, installed copy, not the repository", () => {
  const script = "console.log(require('fs').realpathSync(require.resolve('pulumi-maiagent/runtime')))";
  const resolved = execFileSync(process.execPath, ["-e", script], { cwd: PROJECT, encoding: "utf8" }).trim();
  expect(resolved).toBe(path.join(PROJECT, "node_modules/pulumi-maiagent/dist/provider/runtime.js"));
});
