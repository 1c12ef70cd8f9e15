import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { pino } from 'pino';
import { PASSWORD, START, staffLogin, useTestApp, userClient } from '../helpers/context.js';
import { createApp } from '../../server/app.js';
import { TestClock } from '../../server/time/clock.js';

/** Issue #13, "security": each test failed on the code before the fix. */
const t = useTestApp();
const P = 'https://pasar.dev/problems/';

const register = (body: Record<string, unknown>) =>
  request(t.app)
    .post('/api/v1/auth/register')
    .send({ name: 'Dewi Lestari', password: 'Sandi Rahasia 42', ...body });

/** A 1×1 PNG (real bytes: the server checks them). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('Hardening: secrets, sessions, enumeration, passwords, caching, uploads', () => {
  it('request logs carry no bearer token, session cookie, CSRF token, password or link token', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { app } = createApp({
      db: t.database.handle,
      config: t.config,
      clock: new TestClock({ frozenAt: START }),
      logger: pino({ level: 'info' }, sink),
    });
    const u = await t.user();
    expect((await userClient(app, u).get('/api/v1/me')).status).toBe(200);
    const staff = await t.staff('admin');
    const agent = request.agent(app);
    const login = await staffLogin(agent, staff.email);
    expect(login.status).toBe(200);
    const csrf = login.body.csrfToken as string;
    // An error answer (a 403 here) logs the request too.
    await agent.post('/api/admin/staff').set('X-CSRF-Token', csrf).send({ email: 'x' });
    await agent.get('/api/admin/me');
    await request(app).post('/api/v1/auth/login').send({ email: u.email, password: 'Wrong-password-9' });
    // A support contact link carries its token in the query string (the request line is logged whole).
    await request(app).get('/api/v1/support/contact/thread?token=Contact-Link-Token-4242&page=2');
    const log = lines.join('');
    expect(log).toContain('/api/v1/support/contact/thread?token=%5BRedacted%5D&page=2');
    expect(log).not.toContain('Contact-Link-Token-4242');
    expect(log).toContain('/api/admin/me');
    expect(log).not.toContain(u.token);
    expect(log).not.toContain(csrf);
    expect(log).not.toMatch(/pasar\.sid=/);
    expect(log).not.toContain('Wrong-password-9');
    expect(log).toContain('[Redacted]');
  });

  it(`a password change needs the current password, has its own route and ends \
the other sessions`, async () => {
    const u = await t.user();
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: u.email, password: PASSWORD });
    expect(login.status).toBe(200);
    const otherDevice = userClient(t.app, { ...u, token: login.body.token as string });
    const viaPatch = await u.patch('/api/v1/me', { password: 'Sandi Rahasia 42' });
    expect(viaPatch.status).toBe(400);
    const wrong = await u.post('/api/v1/me/password', {
      currentPassword: 'not-it-at-all',
      newPassword: 'Sandi Rahasia 42',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body.type).toBe(`${P}current-password-wrong`);
    const weak = await u.post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: 'Password1' });
    expect(weak.status).toBe(400);
    const ok = await u.post('/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'Sandi Rahasia 42',
      signOutOtherSessions: true,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(204);
    expect((await otherDevice.get('/api/v1/me')).status).toBe(401);
    expect((await u.get('/api/v1/me')).status).toBe(200);
    const relog = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: u.email, password: 'Sandi Rahasia 42' });
    expect(relog.status).toBe(200);
  });

  it(`registering with a taken email answers like a new registration and mails \
the owner instead`, async () => {
    const owner = await t.user({ email: 'taken@example.test' });
    const fresh = await register({ email: 'fresh@example.test', username: 'freshone' });
    const taken = await register({ email: 'Taken@Example.test', username: 'takenagain' });
    expect(fresh.status).toBe(201);
    expect(taken.status).toBe(201);
    expect(Object.keys(taken.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(taken.body).toMatchObject({ status: 'pending_activation', email: 'taken@example.test' });
    const users = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', 'ilike', 'taken@example.test')
      .execute();
    expect(users).toEqual([{ id: owner.id }]);
    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select(['kind', 'body'])
      .where('recipient', '=', 'taken@example.test')
      .execute();
    expect(mails.map((m) => m.kind)).toEqual(['account.already-registered']);
    expect(mails[0]!.body).not.toMatch(/token=/);
  });

  it(`weak passwords are refused: common ones, ones made of the name, username or \
email; staff need 12+`, async () => {
    const cases: [string, Record<string, string>][] = [
      ['Password1', {}],
      ['      A1', {}],
      ['Dewilestari7', {}],
      ['Xk9dewi_writes', { username: 'dewi_writes', email: 'dw@example.test' }],
      ['Sunflower42dw', { email: 'sunflower42dw@example.test' }],
    ];
    for (const [i, [password, extra]] of cases.entries()) {
      const res = await register({
        email: `weak${i}@example.test`,
        username: `weak${i}`,
        ...extra,
        password,
      });
      expect(res.status, password).toBe(400);
      expect(
        res.body.errors.map((e: { field: string }) => e.field),
        password,
      ).toContain('body.password');
    }
    const strong = await register({ email: 'strong@example.test', username: 'strongone' });
    expect(strong.status).toBe(201);
    const admin = await t.staff('admin');
    const short = await admin.post('/api/admin/staff', {
      email: 'newsupport@staff.test',
      name: 'New Support',
      role: 'support',
      password: 'Kopi#Tubru9',
      reason: 'hiring',
    });
    expect(short.status).toBe(400);
    expect(short.body.errors).toContainEqual(
      expect.objectContaining({ field: 'body.password', message: expect.stringMatching(/12 characters/) }),
    );
    const long = await admin.post('/api/admin/staff', {
      email: 'newsupport@staff.test',
      name: 'New Support',
      role: 'support',
      password: 'Kopi-Tubruk-Manis-7',
      reason: 'hiring',
    });
    expect(long.status, JSON.stringify(long.body)).toBe(201);
  });

  it(`no-store on /api/v1/me*, /api/admin/me and every admin answer; anonymous \
health says only up`, async () => {
    const u = await t.user();
    for (const path of ['/api/v1/me', '/api/v1/me/balance', '/api/v1/me/earnings'])
      expect((await u.get(path)).headers['cache-control'], path).toMatch(/no-store/);
    const staff = await t.staff('admin');
    for (const path of ['/api/admin/me', '/api/admin/users', '/api/admin/nothing-here'])
      expect((await staff.get(path)).headers['cache-control'], path).toMatch(/no-store/);
    const health = await request(t.app).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'up' });
    const details = await staff.get('/api/admin/health');
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({ status: 'up', database: { reachable: true } });
    const support = await t.staff('support');
    expect((await support.get('/api/admin/health')).status).toBe(403);
  });

  it('uploads are checked by their bytes: an SVG/HTML polyglot declared image/png is refused', async () => {
    const u = await t.user();
    const polyglot = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>' +
        '<html><body>hi</body></html>',
    );
    const res = await u
      .upload('/api/v1/me/identity-verification')
      .attach('idPhoto', polyglot, { filename: 'ktp.png', contentType: 'image/png' })
      .attach('selfie', PNG, { filename: 'selfie.png', contentType: 'image/png' });
    expect(res.status).toBe(415);
    expect(res.body.type).toBe(`${P}unsupported-file-type`);
    // A real PNG declared as JPEG is stored as what it is.
    const ok = await u
      .upload('/api/v1/me/identity-verification')
      .attach('idPhoto', PNG, { filename: 'ktp.jpg', contentType: 'image/jpeg' })
      .attach('selfie', PNG, { filename: 'selfie.png', contentType: 'image/png' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const docs = await t.ctx.db
      .selectFrom('user_documents')
      .select('content_type')
      .where('user_id', '=', u.id)
      .execute();
    expect(docs.map((d) => d.content_type)).toEqual(['image/png', 'image/png']);
  });
});
