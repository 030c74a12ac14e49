/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // lib/ imports its siblings as './x.js' (what node needs once built); jest reads the .ts.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // The entry files only re-export (index.ts, testing.ts) or start the CLI (cli.ts).
  // lib/generated/ is derived from the registry by scripts/generate.mjs (ajv's standalone validators among it).
  collectCoverageFrom: ['lib/**/*.ts', '!lib/index.ts', '!lib/testing.ts', '!lib/cli.ts', '!lib/generated/**'],
  coverageReporters: ['text-summary', 'lcov'],
  // Two guards stay uncovered on purpose: a reply after another handler already answered, and an
  // abort that lands between two microtasks. Everything else is exercised.
  coverageThreshold: { global: { lines: 100, statements: 99.5, functions: 100, branches: 99 } },
};
