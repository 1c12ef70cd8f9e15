import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { verifyPassword } from '../../server/auth/passwords.js';
import { PASSWORD, useTestApp } from '../helpers/context.js';

const t = useTestApp();

const cookieOf = (res: request.Response) => {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  return raw?.find((c) => c.startsWith('pasar.sid='));
};

describe('staff auth', () => {
  it(`logs in with the right password: HttpOnly SameSite=Lax cookie, staff, role \
and CSRF token`, async () => {
    await t.staff('support', 'login-ok@staff.test');
    const res = await request(t.app)
      .post('/api/admin/session')
      .send({ email: 'login-ok@staff.test', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'login-ok@staff.test', role: 'support' });
    expect(res.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(res.body).not.toHaveProperty('password_hash');
    const cookie = cookieOf(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // Secure only in production
  });

  it('passwords are stored as argon2id hashes', async () => {
    await t.staff('finance', 'hash@staff.test');
    const row = await t.ctx.db
      .selectFrom('staff')
      .select('password_hash')
      .where('email', '=', 'hash@staff.test')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.password_hash, PASSWORD)).toBe(true);
  });

  it('a wrong password is 401 with the same answer as an unknown email', async () => {
    await t.staff('trust_safety', 'wrong@staff.test');
    const wrong = await request(t.app)
      .post('/api/admin/session')
      .send({ email: 'wrong@staff.test', password: 'Nope12345' });
    const unknown = await request(t.app)
      .post('/api/admin/session')
      .send({ email: 'nobody@staff.test', password: 'Nope12345' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.type).toBe(unknown.body.type);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(cookieOf(wrong)).toBeUndefined();
  });

  it(`five failed logins lock the account with 429 and Retry-After, even with the \
right password`, async () => {
    await t.staff('finance', 'locked@staff.test');
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await request(t.app)
            .post('/api/admin/session')
            .send({ email: 'locked@staff.test', password: 'Wrong1234' })
        ).status,
      ).toBe(401);
    }
    const res = await request(t.app)
      .post('/api/admin/session')
      .send({ email: 'locked@staff.test', password: PASSWORD });
    expect(res.status).toBe(429);
    expect(res.body.type).toBe('https://pasar.dev/problems/rate-limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('the session id is regenerated at login (no session fixation)', async () => {
    await t.staff('support', 'fixation@staff.test');
    const agent = request.agent(t.app);
    // An anonymous visit that gets a session (e.g. a failed login) must not keep its id after login.
    const before = await agent
      .post('/api/admin/session')
      .send({ email: 'fixation@staff.test', password: 'Wrong1234' });
    const planted = cookieOf(before)?.split(';')[0] ?? 'pasar.sid=s%3Aplanted.sig';
    const login = await request(t.app)
      .post('/api/admin/session')
      .set('Cookie', planted)
      .send({ email: 'fixation@staff.test', password: PASSWORD });
    expect(login.status).toBe(200);
    const issued = cookieOf(login)!.split(';')[0];
    expect(issued).not.toBe(planted);
    // The planted id is not logged in.
    expect((await request(t.app).get('/api/admin/me').set('Cookie', planted)).status).toBe(401);
    expect((await request(t.app).get('/api/admin/me').set('Cookie', issued!)).status).toBe(200);
  });

  it('a state-changing request without the CSRF token, or with a wrong one, is 403', async () => {
    const admin = await t.staff('admin');
    const body = {
      email: 'new-staff@staff.test',
      name: 'New',
      role: 'support',
      password: 'Kopi-Tubruk-Manis-7',
    };
    const none = await admin.agent.post('/api/admin/staff').send(body);
    expect(none.status).toBe(403);
    expect(none.body.type).toBe('https://pasar.dev/problems/csrf-token-invalid');
    const wrong = await admin.agent.post('/api/admin/staff').set('X-CSRF-Token', 'x'.repeat(43)).send(body);
    expect(wrong.status).toBe(403);
    expect(
      await t.ctx.db
        .selectFrom('staff')
        .where('email', '=', 'new-staff@staff.test')
        .select('id')
        .executeTakeFirst(),
    ).toBeUndefined();
    const ok = await admin.post('/api/admin/staff', body);
    expect(ok.status).toBe(201);
  });

  it('GET /api/admin/me answers the staff member, the role and the CSRF token', async () => {
    const c = await t.staff('trust_safety');
    const me = await c.get('/api/admin/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ role: 'trust_safety', csrfToken: c.csrfToken });
  });

  it('logout destroys the session: the old cookie no longer works', async () => {
    await t.staff('support', 'logout@staff.test');
    const agent = request.agent(t.app);
    const login = await agent
      .post('/api/admin/session')
      .send({ email: 'logout@staff.test', password: PASSWORD });
    const cookie = cookieOf(login)!.split(';')[0]!;
    const out = await agent.delete('/api/admin/session').set('X-CSRF-Token', login.body.csrfToken);
    expect(out.status).toBe(204);
    const sid = decodeURIComponent(cookie.split('=')[1]!).slice(2).split('.')[0]!;
    expect(
      await t.ctx.db.selectFrom('staff_sessions').where('sid', '=', sid).select('sid').executeTakeFirst(),
    ).toBeUndefined();
    expect((await request(t.app).get('/api/admin/me').set('Cookie', cookie)).status).toBe(401);
  });

  it('a deactivated staff member is logged out of existing sessions and cannot log in', async () => {
    const victim = await t.staff('finance', 'leaver@staff.test');
    const admin = await t.staff('admin');
    const res = await admin.put(`/api/admin/staff/${victim.id}`, {
      active: false,
      reason: 'left the company',
    });
    expect(res.status).toBe(200);
    expect((await victim.get('/api/admin/me')).status).toBe(401);
    expect(
      (
        await request(t.app)
          .post('/api/admin/session')
          .send({ email: 'leaver@staff.test', password: PASSWORD })
      ).status,
    ).toBe(401);
  });

  it('OPS-3: logins and staff changes are in the audit log', async () => {
    const admin = await t.staff('admin');
    const res = await admin.get(
      `/api/admin/audit-log?filter=${encodeURIComponent(JSON.stringify({ action: 'staff.change' }))}`,
    );
    expect(res.status).toBe(200);
    expect(res.body[0]).toMatchObject({
      action: 'staff.change',
      reason: 'left the company',
      actorId: admin.id,
    });
  });
});

describe('audit log (OPS-3)', () => {
  it('OPS-3: the audit table is append-only: UPDATE and DELETE are refused by the database', async () => {
    await t.staff('admin');
    const row = await t.ctx.db.selectFrom('audit_log').select('id').executeTakeFirstOrThrow();
    await expect(
      t.ctx.db.updateTable('audit_log').set({ reason: 'rewritten' }).where('id', '=', row.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.ctx.db.deleteFrom('audit_log').where('id', '=', row.id).execute()).rejects.toThrow(
      /append-only/,
    );
  });

  it('OPS-3: the audit log is read-only over HTTP (no PUT or DELETE route)', async () => {
    const admin = await t.staff('admin');
    expect((await admin.delete('/api/admin/audit-log/1')).status).toBe(404);
    expect((await admin.put('/api/admin/audit-log/1', {})).status).toBe(404);
  });

  it('OPS-3: every staff member sees their own activity', async () => {
    const support = await t.staff('support');
    const res = await support.get('/api/admin/my-activity');
    expect(res.status).toBe(200);
    expect(res.body.every((r: { actorId: number }) => r.actorId === support.id)).toBe(true);
    expect(res.body.map((r: { action: string }) => r.action)).toContain('staff.login');
  });
});
