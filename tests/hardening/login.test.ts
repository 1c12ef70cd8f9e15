import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { PASSWORD, START, useTestApp } from '../helpers/context.js';
import { pino } from 'pino';
import { createApp } from '../../server/app.js';
import { TestClock } from '../../server/time/clock.js';
import { loadConfig } from '../../server/config.js';

/**
 * Issue #13, item 17. This app sits behind one trusted proxy on loopback (PASAR_TRUST_PROXY), so
 * X-Forwarded-For is the client address, as a real proxy would write it.
 */
const t = useTestApp({ env: { PASAR_TRUST_PROXY: 'loopback' } });
const ATTACKER = '203.0.113.7';
const OWNER = '198.51.100.2';

describe('Hardening: login throttling per account and address; the proxy setting', () => {
  it(`five wrong user passwords from one address slow that address down, not the \
owner elsewhere`, async () => {
    const u = await t.user();
    const login = (ip: string, password: string) =>
      request(t.app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email: u.email, password });
    for (let i = 0; i < 5; i++) expect((await login(ATTACKER, 'Wrong-guess-1')).status).toBe(401);
    expect((await login(ATTACKER, PASSWORD)).status).toBe(429);
    expect((await login(OWNER, PASSWORD)).status).toBe(200);
  });

  it('the same for staff: an attacker cannot lock a known staff account out', async () => {
    const staff = await t.staff('finance', 'target@staff.test');
    const login = (ip: string, password: string) =>
      request(t.app)
        .post('/api/admin/session')
        .set('X-Forwarded-For', ip)
        .send({ email: staff.email, password });
    for (let i = 0; i < 5; i++) expect((await login(ATTACKER, 'Wrong-guess-1')).status).toBe(401);
    expect((await login(ATTACKER, PASSWORD)).status).toBe(429);
    // The owner's password is accepted: 202, the second step (OPS-7) is next.
    expect((await login(OWNER, PASSWORD)).status).toBe(202);
  });

  it(`the failures of an account and address count for 15 minutes from the first: Retry-After counts down, \
and the login works again at the end (auth clock)`, async () => {
    const authClock = new TestClock({ frozenAt: START });
    const { app, ctx } = createApp({
      db: t.database.handle,
      config: t.config,
      clock: t.clock,
      authClock,
      logger: pino({ level: 'silent' }),
    });
    try {
      const u = await t.user();
      const login = (password: string, email = u.email) =>
        request(app).post('/api/v1/auth/login').set('X-Forwarded-For', ATTACKER).send({ email, password });
      // A successful login wipes the failures before it.
      for (let i = 0; i < 4; i++) expect((await login('Wrong-guess-1')).status).toBe(401);
      expect((await login(PASSWORD)).status).toBe(200);
      // The same account however its address is written.
      expect((await login('Wrong-guess-1', ` ${u.email.toUpperCase()} `)).status).toBe(401);
      authClock.advance(60);
      for (let i = 0; i < 4; i++) expect((await login('Wrong-guess-1')).status).toBe(401);
      const locked = await login(PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.headers['retry-after']).toBe(String(15 * 60 - 60));
      authClock.advance(15 * 60 - 60 - 1);
      const last = await login(PASSWORD);
      expect(last.status).toBe(429);
      expect(last.headers['retry-after']).toBe('1');
      authClock.advance(1);
      expect((await login(PASSWORD)).status).toBe(200);
    } finally {
      await ctx.scheduler.stop();
    }
  });

  it(`thirty logins from one address in 15 minutes are served; the next is 429 until \
the window ends`, async () => {
    // A frozen auth clock: on the wall clock a second may pass during the 31 logins (Retry-After 899).
    const { app, ctx } = createApp({
      db: t.database.handle,
      config: t.config,
      clock: t.clock,
      authClock: new TestClock({ frozenAt: START }),
      logger: pino({ level: 'silent' }),
    });
    try {
      const from = '192.0.2.77';
      const login = (i: number) =>
        request(app)
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', from)
          .send({ email: `stranger${i}@example.test`, password: 'Wrong-guess-1' });
      for (let i = 0; i < 30; i++) expect((await login(i)).status, `attempt ${i + 1}`).toBe(401);
      const refused = await login(30);
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe(String(15 * 60));
    } finally {
      await ctx.scheduler.stop();
    }
  });

  it(`without PASAR_TRUST_PROXY (the default, also in production) X-Forwarded-For \
does not escape the per-IP limit`, async () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(32),
      PASAR_ENCRYPTION_KEY: 'ab'.repeat(32),
      PASAR_COMPANY_NAME: 'PT Contoh',
      PASAR_COMPANY_ADDRESS: 'Jakarta',
      PASAR_COMPANY_NPWP: '012345678901000',
    });
    const { app } = createApp({
      db: t.database.handle,
      config: { ...t.config, env: 'production', trustProxy: config.trustProxy },
      clock: new TestClock({ frozenAt: START }),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await request(app)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `192.0.2.${i + 1}`)
        .send({ email: `nobody${i}@example.test`, password: 'Wrong-guess-1' });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    expect(config.trustProxy).toBe(false);
    expect(() => loadConfig({ PASAR_TRUST_PROXY: 'true' })).toThrow(/PASAR_TRUST_PROXY/);
    expect(loadConfig({ PASAR_TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });
});
