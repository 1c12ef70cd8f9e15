import os from 'node:os';
import { defineConfig } from 'vitest/config';
import UnloadableFileReporter from './tests/mutation/unloadable-file-reporter.js';

/** The evidence, identity and attachment files, run a second time with files in an S3-compatible server. */
const S3_FILES = [
  'tests/resolution/refunds.test.ts',
  'tests/disputes/disputes.test.ts',
  'tests/trust/identity.test.ts',
];

// VITEST_INCLUDE narrows the files (comma-separated globs), e.g. for a quick mutation run on unit tests.
const include = process.env.VITEST_INCLUDE?.split(',') ?? ['tests/**/*.test.ts'];

export default defineConfig({
  test: {
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    // Each worker runs its files one after another in one process: the app's modules load once per worker
    // instead of once per file (about half the suite's time on 2 cores). Every file still gets its own
    // database and app (tests/helpers/context.ts), which starts by forgetting what module state another
    // file left. Stryker's runs keep one process per file, as their results were taken.
    isolate: !!process.env.STRYKER_MUTATOR_WORKER,
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine. The main
    // process only collects results, so use every core.
    maxWorkers: Math.max(2, os.availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
    // Under Stryker (its workers set STRYKER_MUTATOR_WORKER) a test file that cannot load counts as a failed
    // test, so a mutant that breaks a module at import is killed, not survived (tests/mutation/README.md).
    reporters: process.env.STRYKER_MUTATOR_WORKER ? ['default', new UnloadableFileReporter()] : ['default'],
    projects: [
      { extends: true, test: { name: 'main', include } },
      {
        extends: true,
        test: {
          name: 's3',
          include: process.env.VITEST_INCLUDE ? [] : S3_FILES,
          env: { NODE_ENV: 'test', PASAR_TEST_STORAGE: 's3' },
        },
      },
    ],
  },
});
