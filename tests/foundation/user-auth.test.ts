import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { pino } from 'pino';
import { createApp } from '../../server/app.js';
import { TestClock } from '../../server/time/clock.js';
import { PASSWORD, START, useTestApp } from '../helpers/context.js';

const t = useTestApp();

async function login(email: string, password = PASSWORD) {
  return request(t.app).post('/api/v1/auth/login').send({ email, password });
}

describe('end-user bearer tokens', () => {
  it('login answers an opaque bearer token that GET /api/v1/me accepts; it is stored hashed', async () => {
    const u = await t.user();
    const res = await login(u.email.toUpperCase());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { id: u.id, email: u.email } });
    const token: string = res.body.token;
    expect(token).toMatch(/^psr_/);
    const me = await request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(u.id);
    const stored = await t.ctx.db
      .selectFrom('user_tokens')
      .select('token_hash')
      .where('user_id', '=', u.id)
      .execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
  });

  it('no token, a malformed token or an unknown token is 401 problem+json', async () => {
    for (const auth of [undefined, 'Bearer', 'Bearer psr_nothing', 'Basic abc']) {
      const req = request(t.app).get('/api/v1/me');
      const res = await (auth ? req.set('Authorization', auth) : req);
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('logout revokes the token', async () => {
    const u = await t.user();
    expect((await u.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await u.get('/api/v1/me')).status).toBe(401);
  });

  it('a token works 1 second before its 30 days end and is refused at their end (auth clock)', async () => {
    // The same database behind an app whose auth clock the test moves: tokens are issued and checked on it.
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
      const res = await request(app).post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD });
      expect(res.status).toBe(200);
      const me = () => request(app).get('/api/v1/me').set('Authorization', `Bearer ${res.body.token}`);
      authClock.advance(30 * 86_400 - 1);
      expect((await me()).status).toBe(200);
      authClock.advance(1);
      expect((await me()).status).toBe(401);
    } finally {
      await ctx.scheduler.stop();
    }
  });

  it('ACC-6: a blocked user cannot log in, and their existing tokens stop working', async () => {
    const u = await t.user();
    await t.ctx.db.updateTable('users').set({ status: 'blocked' }).where('id', '=', u.id).execute();
    const res = await login(u.email);
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('https://pasar.dev/problems/account-blocked');
    expect((await u.get('/api/v1/me')).status).toBe(401);
  });

  it(`ACC-5: a deactivated account's tokens stop working, even one the deactivation \
did not revoke`, async () => {
    const u = await t.user();
    expect((await u.get('/api/v1/me')).status).toBe(200);
    // Only the status changes (the token is not revoked): the auth check itself refuses a deactivated user.
    await t.ctx.db.updateTable('users').set({ status: 'deactivated' }).where('id', '=', u.id).execute();
    const res = await u.get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('https://pasar.dev/problems/unauthenticated');
  });

  it('a wrong password is 401; five failures lock the account with 429', async () => {
    const u = await t.user();
    for (let i = 0; i < 5; i++) expect((await login(u.email, 'Wrong12345')).status).toBe(401);
    const res = await login(u.email);
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('a user token does not open the staff API', async () => {
    const u = await t.user();
    expect((await u.get('/api/admin/me')).status).toBe(401);
  });
});
