import { boot, describeDatabase } from './boot.js';
import { createApp } from '../server/app.js';
import { shutdownOnSignals } from '../server/lifecycle.js';

// The scheduler alone (OPS-4): as many of these as you like may run against one PostgreSQL.
const { config, handle } = await boot();
const { ctx } = createApp({ db: handle, config });
const interval = config.schedulerIntervalSeconds > 0 ? config.schedulerIntervalSeconds : 5;
ctx.scheduler.start(interval);
console.log(`Pasar worker: scheduler every ${interval}s on ${describeDatabase(config)}`);
shutdownOnSignals(ctx, handle, null);
