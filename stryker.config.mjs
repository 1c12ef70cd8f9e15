// @ts-check
/**
 * Mutation testing of the code that enforces the rulebook (issue #21). Not in CI: it is long.
 *   npm run test:mutation                  each file below with its test files (scripts/mutation/run.ts and
 *                                          plan.ts), results kept in tests/mutation/results/
 *   npx stryker run stryker.config.mjs     every file below against the whole suite at once (many hours)
 * Runs are incremental: only mutants in changed code (or whose tests changed) are run again. Reports:
 * reports/mutation/ (git-ignored).
 * Surviving mutants that are equivalent are listed, with a reason, in tests/mutation/equivalent-mutants.md.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts', related: true },
  // STRYKER_CHECKERS=none skips the TypeScript checker (faster on a small machine; type-invalid mutants are
  // then run and killed by the tests, or reported as runtime errors).
  checkers: process.env.STRYKER_CHECKERS === 'none' ? [] : ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  mutate: [
    'server/modules/*/rules.ts',
    'server/modules/*/machine.ts',
    'server/modules/ledger/ledger.ts',
    'server/http/idempotency.ts',
    'server/http/list.ts',
    'server/auth/*.ts',
    'server/time/business-days.ts',
  ],
  ignorePatterns: ['reports', 'console', 'tests/e2e', 'playwright-report', 'test-results', 'dist'],
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Half the logical cores (1 on the 2-core machine this runs on): every test runner drives the app, and its
  // requests keep PostgreSQL (or PGlite, in the runner itself) about as busy as the runner, so one runner per
  // two cores keeps both fed. Two runners on two cores also fight the database for CPU and push slow mutants
  // past timeoutMS. Override with --concurrency.
  concurrency: '50%',
  timeoutMS: 60_000,
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
