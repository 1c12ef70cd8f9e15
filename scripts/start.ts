import { existsSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { boot, describeDatabase } from './boot.js';
import { consoleDist, createApp } from '../server/app.js';
import { DEMO_STAFF, DEMO_TOTP_SECRET, DEMO_USERS, seedDemo } from '../server/seed.js';
import { scheduleNextLevelsRun } from '../server/modules/trust/levels.js';
import { scheduleNextReconciliation } from '../server/modules/ledger/reconcile.js';
import { scheduleNextOrphanCleanup } from '../server/storage/orphans.js';
import { keepIdleConnections, shutdownOnSignals } from '../server/lifecycle.js';
import { scheduleNextPaymentReconciliation } from '../server/modules/payments/reconcile.js';

// A development convenience: production and test instances are given a console built beforehand (npm run
// build), so several instances starting together never build it at the same time.
if (
  process.env.NODE_ENV !== 'production' &&
  process.env.NODE_ENV !== 'test' &&
  !existsSync(path.join(consoleDist, 'index.html'))
) {
  console.log('Building the console (first start)…');
  execFileSync(
    process.execPath,
    [
      path.resolve('node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'console/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit' },
  );
}

const { config, handle, applied } = await boot();
const { app, ctx } = createApp({ db: handle, config });
if (applied.length) console.log(`Migrated ${describeDatabase(config)}: ${applied.join(', ')}`);

const seeded = config.demo ? await seedDemo(ctx, config.demoPassword) : false;
// SEL-4: the daily seller-level run (deduplicated per day, so every start may schedule it).
await scheduleNextLevelsRun(ctx.db, ctx.clock.now());
// MNY-4: the daily ledger reconciliation shown on the dashboard.
await scheduleNextReconciliation(ctx.db, ctx.clock.now());
// Files left without a row by a failed transaction, deleted after a day.
await scheduleNextOrphanCleanup(ctx.db, ctx.clock.now());
// The payment provider's transactions against the ledger (with PAYMENT_GATEWAY=midtrans).
await scheduleNextPaymentReconciliation(ctx.db, ctx.clock.now());
ctx.scheduler.start(config.schedulerIntervalSeconds);

const server = app.listen(config.port, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const lines = [
    '',
    `Pasar is running on ${describeDatabase(config)}`,
    `  Console:   http://localhost:${port}/`,
    `  API:       http://localhost:${port}/api  (reference: http://localhost:${port}/api/docs)`,
  ];
  if (config.testClock) lines.push('  Test clock: ON (POST /api/admin/test-clock/advance)');
  if (config.demo) {
    lines.push(
      seeded
        ? '  Demo data seeded. Logins (password ' + config.demoPassword + '):'
        : '  Demo logins (password as when the data was seeded):',
    );
    for (const s of DEMO_STAFF) lines.push(`    ${s.role.padEnd(13)} ${s.email}`);
    lines.push(`    end users     ${DEMO_USERS.map((u) => u.email).join(', ')}`);
    lines.push(
      `  admin and finance also give a code (OPS-7) from the demo authenticator secret ${DEMO_TOTP_SECRET}`,
    );
  }
  console.log(lines.join('\n') + '\n');
});

keepIdleConnections(server);

shutdownOnSignals(ctx, handle, server);
