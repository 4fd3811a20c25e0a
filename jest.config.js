/** Tests load the compiled package (dist/) through Node's own require, as the provider host does;
 * ts-jest only compiles the test files and the emulator. See test/helpers/native.ts. */
module.exports = {
  testEnvironment: "<rootDir>/test/helpers/native-environment.js",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // The fresh-clone test runs a whole `npm ci`: `npm run test:clone` (CI runs it after `npm test`).
  testPathIgnorePatterns: ["/node_modules/", "\\.clone\\.test\\.ts$"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "test/tsconfig.json" }] },
  testTimeout: 60000,
  maxWorkers: 2,
  verbose: true, // shows each behaviour, and why a test was skipped
  globalSetup: "<rootDir>/test/helpers/global-setup.js",
};
