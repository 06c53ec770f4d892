// The jest suite: every test/**/*.test.ts, one module registry per spec file (jest's default), TypeScript
// transpiled by @swc/jest (types are checked by `tsc -b` in `npm test`). `npx jest test/x.test.ts` runs one spec,
// `npx jest --watch` reruns the specs a change touches (the roots include the app and the sandbox, so it sees them).
'use strict';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    // The code is CommonJS (tsconfig.json "module": "commonjs"), ES2022 as Node 22 runs it.
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  // Copies of the project (the build's, Stryker's sandbox) and outputs are not part of the suite.
  modulePathIgnorePatterns: [
    '<rootDir>/dist/',
    '<rootDir>/build/',
    '<rootDir>/.stryker-tmp/',
    '<rootDir>/reports/',
  ],
  // 2 cores: one worker each. No workerIdleMemoryLimit: zapier-platform-core's memory guard (process.exit above
  // 450 MB RSS after 250 runs) counts runs per module registry, so per spec file, and no spec runs 250 of them.
  maxWorkers: 2,
  // Some specs wait on the app's own time bounds (a cache call given up, a claim waited on) through real
  // HTTP to the local Zapier service; on a busy 2-core machine jest's 5 s default cuts them off.
  testTimeout: 20_000,
};
