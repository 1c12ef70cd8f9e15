import { pino } from 'pino';
import { connect } from '../../../db/connect.js';
import { createApp } from '../../../server/app.js';
import { loadConfig } from '../../../server/config.js';

// One scheduler worker of the jobs and mail benchmarks: the product's scheduler, handlers and sweeps (outbox
// delivery through SMTP_URL when set), polling every 20 ms while idle, until the parent stops it.
// DATABASE_URL names the benchmark's database.
const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
const handle = await connect({ databaseUrl: config.databaseUrl, poolSize: 2 });
const { ctx } = createApp({ db: handle, config, logger: pino({ level: 'warn' }) });
let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});
console.log('ready');
while (!stopping) {
  const { jobs, swept } = await ctx.scheduler.runDue();
  if (jobs === 0 && swept === 0) await new Promise((r) => setTimeout(r, 20));
}
ctx.mailer.close?.();
await handle.close();
process.exit(0);
