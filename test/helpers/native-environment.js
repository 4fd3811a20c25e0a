// Jest's module system cannot load ESM-only got: it intercepts require() and does not implement require(esm).
// Tests therefore load the compiled package (dist/) through Node's own require, exactly as the Pulumi
// dynamic-provider host does. The environment runs outside jest's sandbox, so its `require` is Node's.
const { TestEnvironment } = require("jest-environment-node");

class NativeRequireEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.nativeRequire = require;
    // jest gives tests a copy of process.env; code loaded with nativeRequire reads the real one.
    this.global.nativeEnv = process.env;
  }
}
module.exports = NativeRequireEnvironment;
