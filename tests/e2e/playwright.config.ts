import { defineConfig } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 3100);
/**
 * A fresh embedded database per run, without the demo seed: every test starts from the reset fixture
 * (POST /api/test/reset, PASAR_TEST_CLOCK=1 only) and builds what its story needs.
 */
const dataDir = path.join(os.tmpdir(), `pasar-e2e-${process.pid}-${Date.now()}`);

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // The machine is shared and slow at times: a console page may take more than the default 5 s.
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium, never a downloaded browser.
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    // Each staff member logs in once; the specs reuse the session through storageState.
    { name: 'setup', testMatch: /auth\.setup\.ts/, use: { browserName: 'chromium' } },
    {
      name: 'chromium',
      testMatch: /.*\.spec\.ts/,
      dependencies: ['setup'],
      use: { browserName: 'chromium' },
    },
  ],
  webServer: {
    command: 'node_modules/.bin/tsx scripts/start.ts',
    cwd: path.resolve(import.meta.dirname, '../..'),
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      PASAR_DATA_DIR: dataDir,
      DATABASE_URL: '',
      PASAR_TEST_CLOCK: '1',
      PASAR_DEMO: '0',
      PASAR_SCHEDULER_INTERVAL: '1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
    },
  },
});
