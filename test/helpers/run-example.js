// Runs a Pulumi program under pulumi.runtime.setMocks, compiled by the same ts-node set-up the Pulumi
// nodejs language host uses (@pulumi/pulumi/tsutils, tsconfig.json at the project root).
// Prints the resources the program registered as JSON. Usage: node run-example.js <program.ts>
const path = require("node:path");
const tsutils = require("@pulumi/pulumi/tsutils");

const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
require(tsnodeRequire).register({ compiler: typescriptRequire, project: "tsconfig.json", skipProject: false, compilerOptions: {} });
const pulumi = require("@pulumi/pulumi");

const registered = [];
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: { ...args.inputs, memberId: `${args.name}-member` } };
    },
    call: (args) => args.inputs,
  },
  "maiagent-quickstart",
  "dev",
  false,
);
// The mocks see only inputs; resource options (retainOnDelete, hideDiffs) are read from the request the engine would get.
const retained = {};
const dependsOn = {};
const hiddenDiffs = {};
const monitor = pulumi.runtime.getMonitor();
const register = monitor.registerResource.bind(monitor);
monitor.registerResource = (req, callback) => {
  retained[`${req.getType()} ${req.getName()}`] = req.getRetainondelete();
  dependsOn[`${req.getType()} ${req.getName()}`] = req.getDependenciesList().map((urn) => urn.split("::").slice(-2).join(" "));
  hiddenDiffs[`${req.getType()} ${req.getName()}`] = req.getHidediffsList();
  return register(req, callback);
};
const program = require(path.resolve(process.argv[2]));
pulumi
  .output(program)
  .apply((outputs) => process.stdout.write(JSON.stringify({ registered, retained, hiddenDiffs, dependsOn, outputs, gotLoaded: Object.keys(require.cache).some((k) => k.includes(`${path.sep}got${path.sep}`)) })));
