// Packs the package (as `npm publish` would) and installs the tarball into a throwaway Pulumi project under
// .tmp/project, then records the `__provider` strings a user's program produces with that installed copy.
// Host tests start the dynamic-provider host in that directory, as the engine does (cwd = project dir).
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const tmp = path.join(root, ".tmp");
const project = path.join(tmp, "project");

module.exports = async function globalSetup() {
  if (!fs.existsSync(path.join(root, "dist/provider/runtime.js"))) {
    throw new Error("dist/ is missing: run `npm test` (it builds first) or `npm run build`.");
  }
  fs.rmSync(project, { recursive: true, force: true });
  fs.mkdirSync(path.join(project, "node_modules", "pulumi-maiagent"), { recursive: true });
  const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", tmp], { cwd: root, encoding: "utf8" }));
  const tarball = path.join(tmp, packed[0].filename);
  execFileSync("tar", ["-xzf", tarball, "-C", path.join(project, "node_modules", "pulumi-maiagent"), "--strip-components=1"]);
  fs.rmSync(tarball);
  // The installed package's own dependencies (got, zod, hpagent) resolve from the repository's node_modules
  // above .tmp, the versions package-lock.json pins; so does @pulumi/pulumi, unless MAIAGENT_TEST_SDK names a
  // folder with another install of it (`npm run test:sdk-min`): then the project uses that one, for
  // serialization and as the provider host, as a user's project on that version would.
  const sdk = process.env.MAIAGENT_TEST_SDK;
  if (sdk) {
    const installed = path.resolve(root, sdk, "node_modules/@pulumi/pulumi");
    if (!fs.existsSync(installed)) throw new Error(`MAIAGENT_TEST_SDK=${sdk}: no ${installed}; run \`npm run test:sdk-min\`.`);
    fs.mkdirSync(path.join(project, "node_modules", "@pulumi"), { recursive: true });
    fs.symlinkSync(installed, path.join(project, "node_modules", "@pulumi", "pulumi"), "dir");
  }
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "maiagent-test-project", private: true }));
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: maiagent-test\nruntime: nodejs\n");
  fs.copyFileSync(path.join(__dirname, "serialize-providers.js"), path.join(project, "serialize-providers.js"));
  const providers = execFileSync(process.execPath, ["serialize-providers.js"], {
    cwd: project,
    encoding: "utf8",
    env: { ...process.env, MAIAGENT_API_KEY: "serialization-canary-key" },
  });
  fs.writeFileSync(path.join(project, "providers.json"), providers);
};
