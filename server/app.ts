import { rollUpPlatformBalances } from './modules/ledger/platform-balances.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { DbHandle } from '../db/connect.js';
import type { Config } from './config.js';
import { createLogger, withoutSecrets } from './logging.js';
import type { AppContext } from './context.js';
import { projectRoot } from '../db/checkout.js';
import { systemClock, TestClock, type Clock } from './time/clock.js';
import { Scheduler } from './jobs/scheduler.js';
import { RateLimiter } from './auth/rate-limit.js';
import { createStaffAuth } from './auth/staff-auth.js';
import { createUserAuth } from './auth/user-auth.js';
import { forgetUsers } from './auth/user-tokens.js';
import { ReadCache } from './http/read-cache.js';
import { mountRoutes, type RouteDef } from './http/route.js';
import { notFoundHandler, problemHandler } from './http/problem.js';
import { serveConsole } from './http/console-assets.js';
import { DevelopmentMailer, SmtpMailer, type Mailer } from './modules/outbox/mailer.js';
import { deliverOutbox } from './modules/outbox/delivery.js';
import { systemRoutes } from './modules/system/routes.js';
import { sessionRoutes, staffRoutes } from './modules/staff/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { settingsRoutes } from './modules/settings/routes.js';
import { outboxRoutes } from './modules/outbox/routes.js';
import { jobRoutes } from './modules/jobs/routes.js';
import { testClockRoutes } from './modules/testclock/routes.js';
import { accountRoutes } from './modules/accounts/routes.js';
import { accountAdminRoutes } from './modules/accounts/admin-routes.js';
import { sellerRoutes } from './modules/sellers/routes.js';
import { catalogueRoutes } from './modules/catalogue/routes.js';
import { orderRoutes } from './modules/orders/routes.js';
import { ledgerRoutes } from './modules/ledger/routes.js';
import { reviewAdminRoutes } from './modules/reviews/routes.js';
import { resolutionRoutes } from './modules/resolution/routes.js';
import { refundRoutes } from './modules/refunds/routes.js';
import { supportQueueRoutes } from './modules/support/routes.js';
import { disputeRoutes } from './modules/disputes/routes.js';
import { trustRoutes } from './modules/trust/routes.js';
import { JOB_SELLER_LEVELS, recomputeLevels, scheduleNextLevelsRun } from './modules/trust/levels.js';
import { systemActor } from './modules/audit/audit.js';
import { reportRoutes } from './modules/trust/report-routes.js';
import { endSuspension, JOB_END_SUSPENSION } from './modules/trust/service.js';
import { withdrawalRoutes } from './modules/withdrawals/routes.js';
import { identityRoutes } from './modules/identity/routes.js';
import { moderationRoutes } from './modules/moderation/routes.js';
import { invoiceRoutes } from './modules/invoices/routes.js';
import { ticketRoutes } from './modules/tickets/routes.js';
import { decisionRoutes } from './modules/decisions/routes.js';
import { queueRoutes } from './modules/queues/routes.js';
import { searchRoutes } from './modules/search/routes.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import {
  JOB_TICKET_CLOSE,
  JOB_TICKET_REMINDER,
  JOB_TICKET_SOLVE,
  ticketTimer,
} from './modules/tickets/service.js';
import { JOB_RECONCILE, reconcile, scheduleNextReconciliation } from './modules/ledger/reconcile.js';
import { disputeDeadline, JOB_DISPUTE_FEE, JOB_DISPUTE_RESPONSE } from './modules/disputes/service.js';
import { expireRequest, JOB_RESOLUTION_EXPIRE } from './modules/resolution/service.js';
import { autoAccept, clearEarnings, JOB_AUTO_ACCEPT, JOB_CLEARANCE } from './modules/orders/service.js';
import { clearEarningsBatch } from './modules/orders/clearance.js';
import {
  JOB_ACTIVATION_RESEND,
  JOB_PASSWORD_RESET,
  resendActivation,
  sendPasswordReset,
} from './modules/accounts/recovery.js';
import { JOB_STAFF_PASSWORD_RESET, sendStaffPasswordReset } from './modules/staff/access.js';
import { DevelopmentSmsSender, withSms, type SmsSender } from './modules/accounts/sms.js';
import { LocalFolderStorage, type FileStorage } from './storage/storage.js';
import { S3Storage } from './storage/s3.js';
import { cleanOrphanFiles, JOB_ORPHAN_FILES, scheduleNextOrphanCleanup } from './storage/orphans.js';
import { SandboxGateway, type PaymentGateway } from './modules/payments/gateway.js';
import { MidtransGateway } from './modules/payments/midtrans.js';
import { paymentRoutes } from './modules/payments/routes.js';
import { dashboardRoutes } from './modules/dashboards/routes.js';
import { userViewRoutes } from './modules/user-view/routes.js';
import {
  JOB_PAYMENT_RECONCILE,
  reconcilePayments,
  scheduleNextPaymentReconciliation,
} from './modules/payments/reconcile.js';

export { projectRoot };

export const consoleDist = path.join(
  projectRoot(path.dirname(fileURLToPath(import.meta.url))),
  'console/dist',
);

export interface AppOptions {
  db: DbHandle;
  config: Config;
  /** Domain clock; defaults to a TestClock when config.testClock, else the system clock. */
  clock?: Clock;
  authClock?: Clock;
  mailer?: Mailer;
  /** Where SMS go (ACC-10); the development sender keeps them readable in the SMS outbox. */
  sms?: SmsSender;
  logger?: Logger;
  gateway?: PaymentGateway;
  storage?: FileStorage;
}

export interface App {
  app: Express;
  ctx: AppContext;
  routes: readonly RouteDef[];
}

export function createApp(options: AppOptions): App {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const testClock =
    options.clock instanceof TestClock
      ? options.clock
      : !options.clock && config.testClock
        ? new TestClock()
        : null;
  const clock = options.clock ?? testClock ?? systemClock;
  const authClock = options.authClock ?? systemClock;
  const ctx: AppContext = {
    db: options.db.db,
    dbKind: options.db.kind,
    config,
    clock,
    testClock: config.testClock ? testClock : null,
    authClock,
    scheduler: new Scheduler(options.db.db, clock, logger),
    mailer: withSms(
      options.mailer ??
        (config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new DevelopmentMailer(logger)),
      options.sms ?? new DevelopmentSmsSender(logger),
    ),
    limiter: new RateLimiter(options.db.db, authClock),
    logger,
    gateway:
      options.gateway ??
      (config.payments.gateway === 'midtrans'
        ? new MidtransGateway(config.payments, options.db.kind === 'postgres' ? options.db.db : undefined)
        : new SandboxGateway()),
    storage:
      options.storage ??
      (config.storage.kind === 's3'
        ? new S3Storage(config.storage)
        : new LocalFolderStorage(config.uploadDir)),
    lifecycle: { draining: false },
    readCache: new ReadCache(config.readCacheMs, authClock),
  };

  const staffAuth = createStaffAuth(ctx);
  ctx.scheduler.sweep('outbox', () => deliverOutbox(ctx.db, ctx.clock, ctx.mailer));
  ctx.scheduler.sweep('expired-sessions', () => staffAuth.store.prune());
  ctx.scheduler.sweep('platform-balances', () => rollUpPlatformBalances(ctx.db));
  ctx.scheduler.handle(JOB_AUTO_ACCEPT, (trx, job) => autoAccept(ctx, trx, job.payload));
  ctx.scheduler.handle(JOB_RESOLUTION_EXPIRE, (trx, job) => expireRequest(ctx, trx, job.payload));
  ctx.scheduler.handle(JOB_DISPUTE_RESPONSE, (trx, job) =>
    disputeDeadline(ctx, trx, 'response', job.payload.disputeId),
  );
  ctx.scheduler.handle(JOB_DISPUTE_FEE, (trx, job) =>
    disputeDeadline(ctx, trx, 'fee', job.payload.disputeId),
  );
  ctx.scheduler.handle(JOB_END_SUSPENSION, (trx, job) => endSuspension(ctx, trx, job.payload));
  ctx.scheduler.handle(JOB_SELLER_LEVELS, async (trx) => {
    await recomputeLevels(trx, ctx, systemActor);
    await scheduleNextLevelsRun(trx, ctx.clock.now());
  });
  ctx.scheduler.handle(JOB_RECONCILE, async (trx) => {
    await reconcile(trx, ctx.clock);
    await scheduleNextReconciliation(trx, ctx.clock.now());
  });
  ctx.scheduler.handle(JOB_PAYMENT_RECONCILE, async (trx) => {
    if (ctx.gateway instanceof MidtransGateway) await reconcilePayments(trx, ctx.gateway, ctx.clock.now());
    await scheduleNextPaymentReconciliation(trx, ctx.clock.now());
  });
  ctx.scheduler.handle(JOB_ORPHAN_FILES, async (trx) => {
    await cleanOrphanFiles(trx, ctx.storage, ctx.clock.now(), ctx.logger);
    await scheduleNextOrphanCleanup(trx, ctx.clock.now());
  });
  ctx.scheduler.handle(JOB_CLEARANCE, (trx, job) => clearEarnings(ctx, trx, job.payload));
  ctx.scheduler.handleBatch(JOB_CLEARANCE, (trx, jobs) => clearEarningsBatch(ctx, trx, jobs));
  for (const kind of [JOB_TICKET_REMINDER, JOB_TICKET_SOLVE, JOB_TICKET_CLOSE] as const)
    ctx.scheduler.handle(kind, (trx, job) => ticketTimer(ctx, trx, kind, job.payload));
  ctx.scheduler.handle(JOB_PASSWORD_RESET, async (trx, job) => {
    await sendPasswordReset(ctx, trx, job.payload.email);
  });
  ctx.scheduler.handle(JOB_STAFF_PASSWORD_RESET, (trx, job) =>
    sendStaffPasswordReset(ctx, trx, job.payload.email),
  );
  ctx.scheduler.handle(JOB_ACTIVATION_RESEND, async (trx, job) => {
    await resendActivation(ctx, trx, job.payload.email);
  });

  const routes: RouteDef[] = [];
  routes.push(
    ...systemRoutes(ctx, () => routes),
    ...sessionRoutes(ctx, staffAuth),
    ...staffRoutes(ctx),
    ...auditRoutes(ctx),
    ...settingsRoutes(ctx),
    ...outboxRoutes(ctx),
    ...jobRoutes(ctx),
    ...accountRoutes(ctx),
    ...accountAdminRoutes(ctx),
    ...sellerRoutes(ctx),
    ...catalogueRoutes(ctx),
    ...orderRoutes(ctx),
    ...ledgerRoutes(ctx),
    ...reviewAdminRoutes(ctx),
    ...resolutionRoutes(ctx),
    ...refundRoutes(ctx),
    ...supportQueueRoutes(ctx),
    ...disputeRoutes(ctx),
    ...trustRoutes(ctx),
    ...reportRoutes(ctx),
    ...withdrawalRoutes(ctx),
    ...identityRoutes(ctx),
    ...moderationRoutes(ctx),
    ...invoiceRoutes(ctx),
    ...ticketRoutes(ctx),
    ...queueRoutes(ctx),
    ...searchRoutes(ctx),
    ...notificationRoutes(ctx),
    ...paymentRoutes(ctx),
    ...decisionRoutes(ctx),
    ...dashboardRoutes(ctx),
    ...userViewRoutes(ctx, () => routes),
  );
  if (ctx.testClock) routes.push(...testClockRoutes(ctx, ctx.testClock));

  const app = express();
  app.disable('x-powered-by');
  // No ETag (a hash of every answer's body, issue #14): API answers are not cached by clients; the
  // console's files get theirs from express.static.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // MUI (react-admin) and swagger-ui inject styles at run time.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': config.env === 'production' ? [] : null,
        },
      },
    }),
  );
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api') },
      // Whatever logger the app is given, request and response headers are logged without credentials.
      serializers: {
        req: (req: { headers?: Record<string, unknown>; url?: unknown; query?: unknown }) =>
          withoutSecrets(req),
        res: (res: { headers?: Record<string, unknown> }) => withoutSecrets(res),
      },
    }),
  );
  // Issue #14: what this process changes is seen at once by its read caches. When a state-changing request
  // ends (its transaction committed or failed), kept public answers are dropped, and the rows of the users
  // it may have changed: an end user changes only their own row; staff, public routes (login, activation,
  // password reset) and the console may change anyone's.
  app.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS')
      res.once('close', () => {
        ctx.readCache.changed();
        forgetUsers(req.authUser && req.originalUrl.startsWith('/api/v1/') ? [req.authUser.id] : undefined);
      });
    next();
  });
  app.use('/api', express.json({ limit: '1mb' }));
  // Personal and back-office answers (the CSRF token in /api/admin/me among them) are never cached.
  const noStore: RequestHandler = (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
  app.use(['/api/admin', '/api/v1/me'], noStore);
  app.use('/api/admin', ...staffAuth.middleware);

  mountRoutes(
    app,
    routes,
    {
      staff: staffAuth.requireStaff,
      csrf: staffAuth.csrf,
      user: createUserAuth(ctx),
    },
    { db: ctx.db, now: () => ctx.clock.now() },
  );

  app.use(
    '/api/docs',
    swaggerUi.serveFiles(undefined, { swaggerOptions: { url: '/api/openapi.json' } }),
    swaggerUi.setup(undefined, {
      customSiteTitle: 'Pasar API reference',
      swaggerOptions: { url: '/api/openapi.json', persistAuthorization: true },
    }),
  );
  app.use('/api', notFoundHandler);

  if (existsSync(consoleDist)) {
    serveConsole(app, consoleDist);
  }
  app.use(notFoundHandler);
  app.use(problemHandler);
  return { app, ctx, routes };
}
