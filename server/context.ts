import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, InTransaction } from '../db/schema.js';
import type { DatabaseKind } from '../db/connect.js';
import type { Config } from './config.js';
import type { Clock, TestClock } from './time/clock.js';
import type { Scheduler } from './jobs/scheduler.js';
import type { Mailer } from './modules/outbox/mailer.js';
import type { RateLimiter } from './auth/rate-limit.js';
import type { FileStorage } from './storage/storage.js';
import type { PaymentGateway } from './modules/payments/gateway.js';
import type { ReadCache } from './http/read-cache.js';

/** Everything a use case may need, built once per process (or per test). */
export interface AppContext {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  config: Config;
  /** Domain time (OPS-4). A TestClock when PASAR_TEST_CLOCK=1. */
  clock: Clock;
  testClock: TestClock | null;
  /** Time for security plumbing (session and token expiry, login rate limits). */
  authClock: Clock;
  scheduler: Scheduler;
  mailer: Mailer;
  limiter: RateLimiter;
  logger: Logger;
  /** The payment provider; the sandbox outside production integrations. */
  gateway: PaymentGateway;
  storage: FileStorage;
  /** Set when the process is shutting down (SIGTERM): readiness answers 503 so no new traffic comes. */
  lifecycle: { draining: boolean };
  /** Public answers kept a moment (issue #14), dropped by every change this process makes. */
  readCache: ReadCache;
}

/** A use case's own transaction: the default of its `run` option (a caller may pass one it is inside). */
export const transactionOf =
  (ctx: Pick<AppContext, 'db'>): InTransaction =>
  (work) =>
    ctx.db.transaction().execute(work);
