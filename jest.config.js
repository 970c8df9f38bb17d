/** Jest runs the TypeScript sources directly; Azurite is started once for all suites. */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/azurite-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/azurite-global-teardown.ts',
  testTimeout: 60000,
};
