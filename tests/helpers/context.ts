import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject, it } from 'vitest';
import request from 'supertest';
import type { Express } from 'express';
import { pino } from 'pino';
import { createApp } from '../../server/app.js';
import type { AppContext } from '../../server/context.js';
import { loadConfig, type Config } from '../../server/config.js';
import { TestClock } from '../../server/time/clock.js';
import type { RouteDef } from '../../server/http/route.js';
import type { StaffRole } from '../../db/schema.js';
import { hashPassword } from '../../server/auth/passwords.js';
import { forgetAllTokens, issueToken } from '../../server/auth/user-tokens.js';
import { forgetStatementNames } from '../../db/prepared.js';
import { trialBalance } from '../../server/modules/ledger/ledger.js';
import { sealTotpSecret } from '../../server/modules/staff/second-factor.js';
import { freshDatabase, type TestDatabase } from './databases.js';
import { startS3Server, type TestS3Server } from './s3.js';
import { generate } from 'otplib';
import type { Clock } from '../../server/time/clock.js';

export const PASSWORD = 'Rahasia-Kuat-2026';
/** OPS-7: the authenticator secret of every test staff member whose role needs a second factor. */
export const TEST_TOTP_SECRET = 'PASARTESTTOTPSECRETFORTESTSONLY2';

const usedSteps = new Map<string, number>();
/**
 * A TOTP code for a staff member, never one of a time step this process already used for them (the server
 * accepts each step once, and one step ahead for clock drift).
 */
export async function totpCode(
  email: string,
  secret = TEST_TOTP_SECRET,
  nowMs = Date.now(),
): Promise<string> {
  const current = Math.floor(nowMs / 30_000);
  const step = Math.max(current, (usedSteps.get(email) ?? -1) + 1);
  if (step > current + 1) throw new Error(`no fresh TOTP step for ${email} before ${(step - 1) * 30} s`);
  usedSteps.set(email, step);
  return generate({ secret, epoch: step * 30 });
}

/**
 * A console login as the console makes it: the password, then (202) the second step with a code (OPS-7).
 * Answers the final response.
 */
export async function staffLogin(
  agent: ReturnType<typeof request.agent>,
  email: string,
  password = PASSWORD,
  secret = TEST_TOTP_SECRET,
): Promise<request.Response> {
  const first = await agent.post('/api/admin/session').send({ email, password });
  if (first.status !== 202) return first;
  return agent.post('/api/admin/session/second-factor').send({ code: await totpCode(email, secret) });
}

/**
 * For tests whose requests race for row locks: they run only on the real PostgreSQL
 * (TEST_DATABASE_URL), because on PGlite every request queues on its one connection and a
 * missing lock cannot show. Their titles end in "(PostgreSQL only)".
 */
export const itOnPostgres = it.runIf(Boolean(process.env.TEST_DATABASE_URL));

/** The moment every test clock starts at: Monday 2026-11-23 09:00 in Jakarta. */
export const START = new Date('2026-11-23T02:00:00Z');

export interface TestApp {
  app: Express;
  ctx: AppContext;
  routes: readonly RouteDef[];
  clock: TestClock;
  database: TestDatabase;
  config: Config;
  /** The S3-compatible server of this file, when it stores files in S3. */
  s3?: TestS3Server;
  /** Logs in a staff member (created on first use) and returns a CSRF-aware client. */
  staff(role: StaffRole, email?: string): Promise<StaffClient>;
  /**
   * Creates a staff member (enrolled in a second factor where the role needs one) without logging in: for
   * the tests of the login itself, whose setup must not go through the code they test. Returns the id.
   */
  staffAccount(role: StaffRole, email: string): Promise<number>;
  /** Creates an active end user and returns a bearer-token client. */
  user(overrides?: Partial<{ name: string; email: string; username: string }>): Promise<UserClient>;
  /** An active user who is an approved seller. */
  seller(): Promise<UserClient>;
  /** Moves the test clock and runs all due scheduler work, as the test-clock route does. */
  advance(seconds: number): Promise<void>;
}

export interface StaffClient {
  id: number;
  role: StaffRole;
  email: string;
  csrfToken: string;
  agent: ReturnType<typeof request.agent>;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

export interface UserClient {
  id: number;
  email: string;
  username: string;
  token: string;
  /** Trust & safety approve this seller's service under review (CAT-1), as the queue does. */
  approveService(serviceId: number): Promise<void>;
  /** A POST with the token and no body yet, for multipart `.attach()`. */
  upload(path: string): request.Test;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

let counter = 0;
const unique = () => `${process.pid}${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface TestAppOptions {
  /** Extra environment; a function is read in the app's `beforeAll`, after the file's own earlier hooks
   * (e.g. a test server that picks its port). */
  env?: Record<string, string> | (() => Record<string, string>);
  /** For tests that break the ledger on purpose. */
  skipLedgerCheck?: boolean;
  /**
   * `s3`: files go to an S3-compatible server (s3rver) started for this file. Default: `PASAR_TEST_STORAGE`
   * (the `s3` vitest project runs the evidence, identity and attachment files so), else the local folder.
   */
  storage?: 'local' | 's3';
  /** Security plumbing's clock (staff session limits, token expiry), for tests of those limits. */
  authClock?: Clock;
}

/**
 * One app on one fresh database per test file (`const t = useTestApp()` at the top of
 * the file); the fields are ready inside tests and hooks.
 */
export function useTestApp(options: TestAppOptions = {}): TestApp {
  const t = {} as TestApp;
  const staffByEmail = new Map<string, number>();
  let passwordHash: string;

  beforeAll(async () => {
    // A worker runs files one after another (vitest.config.ts: isolate false): start this file's database
    // with nothing another file's left in this process.
    usedSteps.clear();
    forgetAllTokens();
    forgetStatementNames();
    t.database = await freshDatabase(inject('templateDatabase'), inject('pgliteDump'));
    if ((options.storage ?? process.env.PASAR_TEST_STORAGE) === 's3') t.s3 = await startS3Server();
    t.config = loadConfig({
      NODE_ENV: 'test',
      PASAR_TEST_CLOCK: '1',
      PASAR_UPLOAD_DIR: mkdtempSync(path.join(os.tmpdir(), 'pasar-uploads-')),
      ...t.s3?.env,
      ...(typeof options.env === 'function' ? options.env() : options.env),
    });
    t.clock = new TestClock({ frozenAt: START });
    const { app, ctx, routes } = createApp({
      db: t.database.handle,
      config: t.config,
      clock: t.clock,
      ...(options.authClock ? { authClock: options.authClock } : {}),
      logger: pino({ level: 'silent' }),
    });
    Object.assign(t, { app, ctx, routes });
    passwordHash = await hashPassword(PASSWORD);
  });

  afterAll(async () => {
    await t.ctx?.scheduler.stop();
    t.ctx?.mailer.close?.();
    // MNY-4 after every test file: whatever the file did, the books balance (as `npm run ledger:check`
    // checks).
    if (t.ctx && !options.skipLedgerCheck) {
      const tb = await trialBalance(t.ctx.db);
      if (!tb.ok) {
        await t.database.drop();
        throw new Error(`ledger check failed after this test file: ${JSON.stringify(tb)}`);
      }
    }
    await t.database?.drop();
    await t.s3?.close();
  });

  t.advance = async (seconds: number) => {
    const res = await (await t.staff('admin')).post('/api/admin/test-clock/advance', { seconds });
    if (res.status !== 200) throw new Error(`advance failed: ${res.status} ${JSON.stringify(res.body)}`);
  };

  // One client per email, made once even when callers ask at the same time (parallel setup publishing
  // services asks for trust & safety from several places): the promise is what is kept.
  const clients = new Map<string, Promise<StaffClient>>();
  t.staff = (role, email = `${role}@staff.test`) => {
    const existing = clients.get(email);
    if (existing) return existing;
    const made = makeStaff(role, email);
    clients.set(email, made);
    made.catch(() => clients.delete(email));
    return made;
  };
  const staffAccount = async (role: StaffRole, email: string): Promise<number> => {
    let id = staffByEmail.get(email);
    if (!id) {
      const row = await t.ctx.db
        .insertInto('staff')
        .values({
          email,
          name: `Test ${role}`,
          role,
          password_hash: passwordHash,
          created_at: t.clock.now(),
          last_login_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
      staffByEmail.set(email, id);
      // OPS-7: roles that always need a second factor come enrolled, with the test secret.
      if (role === 'admin' || role === 'finance')
        await t.ctx.db
          .insertInto('staff_second_factors')
          .values({
            staff_id: id,
            secret: sealTotpSecret(t.ctx.config.encryptionKey, id, TEST_TOTP_SECRET),
            created_at: t.clock.now(),
            confirmed_at: t.clock.now(),
            last_time_step: null,
          })
          .execute();
    }
    return id;
  };
  t.staffAccount = staffAccount;
  const makeStaff = async (role: StaffRole, email: string): Promise<StaffClient> => {
    const id = await staffAccount(role, email);
    const agent = request.agent(t.app);
    const login = await staffLogin(agent, email);
    if (login.status !== 200)
      throw new Error(`staff login failed: ${login.status} ${JSON.stringify(login.body)}`);
    const csrfToken: string = login.body.csrfToken;
    const client: StaffClient = {
      id,
      role,
      email,
      csrfToken,
      agent,
      get: (p) => agent.get(p),
      post: (p, b) =>
        agent
          .post(p)
          .set('X-CSRF-Token', csrfToken)
          .send(b ?? {}),
      put: (p, b) =>
        agent
          .put(p)
          .set('X-CSRF-Token', csrfToken)
          .send(b ?? {}),
      patch: (p, b) =>
        agent
          .patch(p)
          .set('X-CSRF-Token', csrfToken)
          .send(b ?? {}),
      delete: (p) => agent.delete(p).set('X-CSRF-Token', csrfToken),
    };
    return client;
  };

  t.user = async (overrides = {}) => {
    const u = unique();
    const values = { name: `User ${u}`, email: `user${u}@example.test`, username: `user${u}`, ...overrides };
    const row = await t.ctx.db
      .insertInto('users')
      .values({
        ...values,
        password_hash: passwordHash,
        status: 'active',
        created_at: t.clock.now(),
        activated_at: t.clock.now(),
        suspended_until: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A token issued directly, as the login route does: builders must not spend the per-IP login budget.
    const { token } = await issueToken(t.ctx.db, row.id, t.ctx.authClock.now());
    return userClient(
      t.app,
      { id: row.id, email: values.email, username: values.username, token },
      (serviceId) => approveService(serviceId),
    );
  };

  const approveService = async (serviceId: number) => {
    const trust = await t.staff('trust_safety');
    const open = await trust
      .get('/api/admin/service-reviews')
      .query({ filter: JSON.stringify({ serviceId, status: 'open' }) });
    const review = (open.body as { id: number }[])[0];
    if (!review) throw new Error(`no open review of service ${serviceId}: ${JSON.stringify(open.body)}`);
    const res = await trust.post(`/api/admin/service-reviews/${review.id}/approve`, {
      reason: 'Meets the guidelines',
    });
    if (res.status !== 200) throw new Error(`approve failed: ${res.status} ${JSON.stringify(res.body)}`);
  };

  t.seller = async () => {
    const u = await t.user();
    await t.ctx.db.updateTable('users').set({ is_seller: true }).where('id', '=', u.id).execute();
    return u;
  };

  return t;
}

export function userClient(
  app: Express,
  u: { id: number; email: string; username: string; token: string },
  approveService: (serviceId: number) => Promise<void> = () => {
    throw new Error('this client cannot approve services');
  },
): UserClient {
  const auth = `Bearer ${u.token}`;
  return {
    ...u,
    approveService,
    upload: (p) => request(app).post(p).set('Authorization', auth),
    get: (p) => request(app).get(p).set('Authorization', auth),
    post: (p, b) =>
      request(app)
        .post(p)
        .set('Authorization', auth)
        .send(b ?? {}),
    put: (p, b) =>
      request(app)
        .put(p)
        .set('Authorization', auth)
        .send(b ?? {}),
    patch: (p, b) =>
      request(app)
        .patch(p)
        .set('Authorization', auth)
        .send(b ?? {}),
    delete: (p) => request(app).delete(p).set('Authorization', auth),
  };
}
