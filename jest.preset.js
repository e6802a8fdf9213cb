/** Shared Jest settings: SWC transpiles TypeScript (type checking is the `typecheck` target's job). */
const path = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: path.join(__dirname, '/') }),
  reporters: ['default', path.join(__dirname, 'tools/scripts/jest-count-reporter.js')],
};

/** Unit tests: `*.spec.ts` beside the source; no I/O beyond the file system. */
function unitConfig(dir, displayName) {
  return { ...base, displayName, rootDir: dir, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
}

/**
 * Integration tests: `*.int-spec.ts` against real TimescaleDB. The global setup finds a server and
 * migrates a template database once; each test file clones its own database from it. With
 * `communityEdition`, a community-edition server too, for the tests parametrised over testEditions().
 */
function integrationConfig(dir, displayName, options = { communityEdition: false }) {
  const testing = path.join(__dirname, 'libs/db/src/testing');
  return {
    ...base,
    displayName: `${displayName}:integration`,
    rootDir: dir,
    testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
    globalSetup: path.join(testing, 'jest-global-setup.ts'),
    globalTeardown: path.join(testing, 'jest-global-teardown.ts'),
    globals: { sentimentIngestCommunityEdition: options.communityEdition === true },
    testTimeout: 60_000,
    // two cores: more workers only queue on the database
    maxWorkers: 2,
  };
}

module.exports = { ...base, base, unitConfig, integrationConfig };
