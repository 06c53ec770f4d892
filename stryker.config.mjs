// Mutation testing of the exactly-once, security and user-input path (`npm run mutate`; not part of CI or
// `npm test`).
//
// The machine is shared, so measure one file at a time with the tests that matter for it:
//   MUTATE=src/client/http.ts npm run mutate
// With no MUTATE every file below is mutated against the union of their tests (slow: avoid on a
// shared machine). Results are incremental, one file per target (reports/stryker-incremental/, kept out of
// git: they quote test failures, request headers included): a re-run only tests the mutants whose code or
// covering tests changed. Static mutants (run while a module loads) keep their old verdict even when new tests
// would kill them: measure a score with `--force`.
//
// Coverage is measured per test at run time ("perTest"), not guessed from imports, so the fuzz and
// end-to-end suites count for every mutant they really execute.
/** File under test → the test files that exercise it. */
const TARGETS = {
  'src/business-code.ts': ['test/business-code.test.ts', 'test/authentication.test.ts'],
  'src/client/http.ts': [
    'test/client/http.test.ts',
    'test/client/paths.test.ts',
    'test/client/users.test.ts',
    'test/authentication.test.ts',
    'test/client/errors.test.ts',
    'test/client/redact.test.ts',
    'test/secret-guard.test.ts',
  ],
  'src/client/paths.ts': [
    'test/client/paths.test.ts',
    'test/webhooks/pipeline.test.ts',
    'test/creates/api-request.test.ts',
  ],
  'src/client/errors.ts': [
    'test/client/errors.test.ts',
    'test/client/http.test.ts',
    'test/authentication.test.ts',
    'test/client/redact.test.ts',
    'test/secret-guard.test.ts',
  ],
  'src/client/redact.ts': [
    'test/client/redact.test.ts',
    'test/secret-guard.test.ts',
    'test/client/http.test.ts',
  ],
  'src/secret-guard.ts': [
    'test/secret-guard.test.ts',
    'test/client/http.test.ts',
    'test/client/redact.test.ts',
    'test/creates/api-request.test.ts',
  ],
  'src/read-input.ts': [
    'test/read-input.test.ts',
    'test/searches/find-by.test.ts',
    'test/creates/update-custom-fields.test.ts',
    'test/creates/add-invoice-payment.test.ts',
    'test/creates/add-unit-rental-charge.test.ts',
  ],
  'src/dates.ts': [
    'test/dates.test.ts',
    'test/read-input.test.ts',
    'test/creates/add-invoice-payment.test.ts',
    'test/creates/add-unit-rental-charge.test.ts',
  ],
  'src/webhooks/signature.ts': [
    'test/webhooks/signature.test.ts',
    'test/webhooks/pipeline.test.ts',
    'test/webhooks/pipeline-fuzz.test.ts',
    'test/triggers/instant.test.ts',
    'test/zapier-local/lifecycle.test.ts',
  ],
  'src/webhooks/pipeline.ts': [
    'test/webhooks/pipeline.test.ts',
    'test/webhooks/pipeline-log.test.ts',
    'test/webhooks/dedupe.test.ts',
    'test/triggers/invoice-paid.test.ts',
    'test/webhooks/pipeline-fuzz.test.ts',
    'test/triggers/instant.test.ts',
    'test/zapier-local/lifecycle.test.ts',
    // releasing claims that cannot be released, marks that cannot be written: stated by the failure table
    'test/failure-semantics.test.ts',
  ],
  'src/webhooks/dedupe.ts': [
    'test/webhooks/dedupe.test.ts',
    'test/failure-semantics.test.ts',
    'test/triggers/invoice-paid.test.ts',
  ],
  'src/write-lock.ts': ['test/write-lock.test.ts', 'test/failure-semantics.test.ts'],
  'src/webhooks/fetch.ts': [
    'test/webhooks/fetch.test.ts',
    'test/webhooks/pipeline.test.ts',
    'test/triggers/instant.test.ts',
  ],
  'src/webhooks/paid-episodes.ts': ['test/triggers/invoice-paid.test.ts', 'test/failure-semantics.test.ts'],
  'src/webhooks/judge-event.ts': ['test/webhooks/judge-event.test.ts', 'test/webhooks/pipeline.test.ts'],
  'src/cache.ts': ['test/cache.test.ts', 'test/failure-semantics.test.ts'],
  // each stated by its own spec: the end-to-end failure table would run for every mutant of these
  'src/webhooks/delivery-failures.ts': ['test/webhooks/delivery-failures.test.ts'],
  'src/time-limit.ts': ['test/time-limit.test.ts', 'test/write-lock.test.ts'],
  'src/creates/create-task.ts': ['test/creates/create-task.test.ts', 'test/failure-semantics.test.ts'],
};

const chosen = process.env.MUTATE ? [process.env.MUTATE] : Object.keys(TARGETS);
for (const file of chosen)
  if (!TARGETS[file])
    throw new Error(`MUTATE=${file} is not on the mutation-tested path: ${Object.keys(TARGETS).join(', ')}`);
const slug = chosen.length === 1 ? chosen[0].replace(/^src\//, '').replace(/[/.]/g, '_') : 'all';
const tests = [...new Set(chosen.flatMap((file) => TARGETS[file]))];

export default {
  packageManager: 'npm',
  testRunner: 'jest',
  plugins: ['@stryker-mutator/jest-runner'],
  mutate: chosen,
  jest: {
    // The suite's own jest.config.js, limited to the target's spec files (Stryker runs them in band).
    projectType: 'custom',
    configFile: 'jest.config.js',
    enableFindRelatedTests: false,
    config: { testMatch: tests.map((file) => `<rootDir>/${file}`) },
  },
  coverageAnalysis: 'perTest',
  concurrency: 1,
  incremental: true,
  incrementalFile: `reports/stryker-incremental/${slug}.json`,
  timeoutMS: 15000,
  timeoutFactor: 2,
  ignorePatterns: ['build', 'dist', '*.zip', 'reports', 'coverage'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${slug}.json` },
  thresholds: { high: 95, low: 85, break: null },
};
