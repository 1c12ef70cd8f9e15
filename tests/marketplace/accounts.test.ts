import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';

const t = useTestApp();
const register = (body: Record<string, unknown>) =>
  request(t.app)
    .post('/api/v1/auth/register')
    .send({ name: 'Test Person', password: 'Rahasia-Kuat-2026', ...body });

describe('accounts (ACC)', () => {
  it('ACC-1: registration is free and pending until the activation link; the link works once', async () => {
    const res = await register({ email: 'acc1@example.test', username: 'acc1' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending_activation');
    const msg = await t.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'acc1@example.test')
      .executeTakeFirstOrThrow();
    expect(msg.body).toMatch(/\/api\/v1\/auth\/activate\?token=/);
    const token = /token=([\w-]+)/.exec(msg.body)![1]!;
    expect((await request(t.app).post('/api/v1/auth/activate').send({ token })).body.status).toBe('active');
    expect((await request(t.app).post('/api/v1/auth/activate').send({ token })).status).toBe(409);
    expect(
      (
        await request(t.app)
          .post('/api/v1/auth/activate')
          .send({ token: 'x'.repeat(32) })
      ).status,
    ).toBe(422);
  });

  it(`ACC-1, WRN-7: a pending account blocked by trust & safety cannot be activated by its \
link (409 that says why)`, async () => {
    expect((await register({ email: 'acc1b@example.test', username: 'acc1b' })).status).toBe(201);
    const user = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'acc1b@example.test')
      .executeTakeFirstOrThrow();
    const trust = await t.staff('trust_safety');
    expect((await trust.get(`/api/admin/users/${user.id}`)).body.allowedActions).toEqual(['block', 'warn']);
    expect(
      (await trust.post(`/api/admin/users/${user.id}/block`, { reason: 'Bot registrations' })).status,
    ).toBe(200);
    const msg = await t.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'acc1b@example.test')
      .where('kind', '=', 'account.activation')
      .executeTakeFirstOrThrow();
    const token = /token=([\w-]+)/.exec(msg.body)![1]!;
    const res = await request(t.app).post('/api/v1/auth/activate').send({ token });
    expect({
      status: res.status,
      type: res.body.type,
      title: res.body.title,
      detail: res.body.detail,
    }).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/account-not-pending',
      title: 'Account not pending',
      detail: 'The account is blocked.',
    });
  });

  it(`ACC-2: an email belongs to one account for ever, case-insensitively, even \
after deactivation or a block`, async () => {
    // A taken email answers like a new registration (no enumeration, issue #13) but creates no account.
    const accountsOf = (email: string) =>
      t.ctx.db.selectFrom('users').select('id').where('email', 'ilike', email).execute();
    const u = await t.user({ email: 'once@example.test' });
    expect((await register({ email: 'ONCE@example.test', username: 'once2' })).status).toBe(201);
    expect(await accountsOf('once@example.test')).toEqual([{ id: u.id }]);
    expect((await u.post('/api/v1/me/deactivate', { reason: 'privacy' })).status).toBe(204);
    const again = await register({ email: 'once@example.test', username: 'once3' });
    expect(again.status).toBe(201);
    expect(await accountsOf('once@example.test')).toEqual([{ id: u.id }]);
    const blocked = await t.user({ email: 'blocked@example.test' });
    await t.ctx.db.updateTable('users').set({ status: 'blocked' }).where('id', '=', blocked.id).execute();
    expect((await register({ email: 'Blocked@Example.test', username: 'blocked2' })).status).toBe(201);
    expect(await accountsOf('blocked@example.test')).toEqual([{ id: blocked.id }]);
    expect(
      await t.ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', 'in', ['once2', 'once3', 'blocked2'])
        .execute(),
    ).toEqual([]);
  });

  it('ACC-3: a password needs 8 characters, an upper-case letter and a digit', async () => {
    for (const password of ['Short1', 'alllowercase1', 'NoDigitsHere']) {
      const res = await register({ email: `p${password}@example.test`, username: `p${password}`, password });
      expect(res.status, password).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('body.password');
    }
    expect(
      (await register({ email: 'good@example.test', username: 'goodpass', password: 'Bagus-Kopi-1234' }))
        .status,
    ).toBe(201);
  });

  it('ACC-4: the username cannot be changed; other profile fields can', async () => {
    const u = await t.user();
    const res = await u.patch('/api/v1/me', { username: 'newname' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('body.username');
    const ok = await u.patch('/api/v1/me', { name: 'Renamed Person', bio: 'I draw', country: 'id' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: 'Renamed Person', username: u.username, country: 'ID' });
  });

  it(`ACC-5: deactivation needs a reason from the list and is refused while the \
user holds funds`, async () => {
    const o = await makeOrder(t, { upTo: 'completed' });
    const held = await o.seller.post('/api/v1/me/deactivate', { reason: 'privacy' });
    expect(held.status).toBe(409);
    expect(held.body.type).toBe('https://pasar.dev/problems/account-holds-funds');
    expect(held.body.detail).toMatch(/contact support/i);
    const u = await t.user();
    expect((await u.post('/api/v1/me/deactivate', { reason: 'because' })).status).toBe(400);
    expect(
      (await u.post('/api/v1/me/deactivate', { reason: 'found_another_platform', note: 'moving on' })).status,
    ).toBe(204);
    expect((await u.get('/api/v1/me')).status).toBe(401);
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: u.email, password: 'Rahasia-Kuat-2026' });
    expect(login.status).toBe(403);
  });

  it(`ACC-7: a phone number is recorded on the account, unverified until it is \
verified; changing it clears the verification`, async () => {
    const u = await t.user();
    const res = await u.post('/api/v1/me/phone', { phone: '+62 812 3456 7890' });
    expect(res.body).toMatchObject({ phone: '+6281234567890' });
    expect((await u.get('/api/v1/me')).body).toMatchObject({ phone: '+6281234567890', phoneVerified: false });
    await t.ctx.db
      .updateTable('users')
      .set({ phone_verified_at: t.clock.now() })
      .where('id', '=', u.id)
      .execute();
    expect((await u.get('/api/v1/me')).body.phoneVerified).toBe(true);
    expect((await u.post('/api/v1/me/phone', { phone: '+62 813 0000 0000' })).status).toBe(202);
    expect((await u.get('/api/v1/me')).body.phoneVerified).toBe(false);
    expect((await u.post('/api/v1/me/phone', { phone: 'call me' })).status).toBe(400);
  });

  it('ACC-6: a blocked account cannot log in; a pending one is told to activate', async () => {
    await register({ email: 'pending6@example.test', username: 'pending6' });
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: 'pending6@example.test', password: 'Rahasia-Kuat-2026' });
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/activat/i);
  });
});

describe('becoming a seller (SEL)', () => {
  const form = {
    skills: ['copywriting'],
    experience: 'Three years writing for e-commerce brands.',
    education: 'Sastra Inggris, UGM',
    portfolio: ['https://example.test/p'],
  };

  it('SEL-1: the application records skills, experience, education and portfolio', async () => {
    const u = await t.user();
    const res = await u.post('/api/v1/seller-application', form);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      skills: ['copywriting'],
      portfolio: ['https://example.test/p'],
    });
    expect((await u.post('/api/v1/seller-application', { ...form, portfolio: ['not a url'] })).status).toBe(
      400,
    );
  });

  it(`SEL-2: the SLA is 3 business days; reject and request-changes need a reason \
the applicant sees`, async () => {
    const u = await t.user();
    const app = (await u.post('/api/v1/seller-application', form)).body;
    // Submitted Monday 09:00 WIB → due Thursday 09:00 WIB.
    expect(app.slaDueAt).toBe('2026-11-26T02:00:00.000Z');
    const trust = await t.staff('trust_safety');
    expect((await trust.post(`/api/admin/seller-applications/${app.id}/request-changes`, {})).status).toBe(
      422,
    );
    expect(
      (
        await trust.post(`/api/admin/seller-applications/${app.id}/request-changes`, {
          reason: 'Add portfolio samples',
        })
      ).status,
    ).toBe(200);
    const mine = await u.get('/api/v1/seller-application');
    expect(mine.body).toMatchObject({ status: 'changes_requested', decisionReason: 'Add portfolio samples' });
    await t.advance(86_400);
    const resubmitted = await u.put('/api/v1/seller-application', {
      ...form,
      portfolio: ['https://example.test/a', 'https://example.test/b'],
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.status).toBe('submitted');
    expect(new Date(resubmitted.body.slaDueAt).getTime()).toBeGreaterThan(new Date(app.slaDueAt).getTime());
    expect(
      (
        await trust.post(`/api/admin/seller-applications/${app.id}/reject`, {
          reason: 'Portfolio does not show the claimed skills',
        })
      ).status,
    ).toBe(200);
    expect((await u.get('/api/v1/seller-application')).body.decisionReason).toBe(
      'Portfolio does not show the claimed skills',
    );
    expect((await u.get('/api/v1/me')).body.isSeller).toBe(false);
    expect(
      (await trust.post(`/api/admin/seller-applications/${app.id}/approve`, { reason: 'Portfolio ok' }))
        .status,
    ).toBe(409);
  });

  it('SEL-2, OPS-6: approval makes the user a seller, audited; it too needs a reason', async () => {
    const u = await t.user();
    const app = (await u.post('/api/v1/seller-application', form)).body;
    const trust = await t.staff('trust_safety');
    const bare = await trust.post(`/api/admin/seller-applications/${app.id}/approve`, {});
    expect(bare.status).toBe(422);
    expect(bare.body.errors).toEqual([expect.objectContaining({ field: 'body.reason' })]);
    expect((await u.get('/api/v1/me')).body.isSeller).toBe(false);
    expect(
      (await trust.post(`/api/admin/seller-applications/${app.id}/approve`, { reason: 'Portfolio ok' }))
        .status,
    ).toBe(200);
    expect((await u.get('/api/v1/me')).body.isSeller).toBe(true);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'seller-application.approve')
      .where('subject_id', '=', String(app.id))
      .executeTakeFirstOrThrow();
    expect(log.actor_id).toBe(trust.id);
    const support = await t.staff('support');
    expect(
      (await support.post(`/api/admin/seller-applications/${app.id}/approve`, { reason: 'Portfolio ok' }))
        .status,
    ).toBe(403);
  });

  it(`SEL-2: the actions offered on an application follow its state, for the applicant and for \
trust & safety, and an action out of turn is a 409 that says why`, async () => {
    const u = await t.user();
    const app = (await u.post('/api/v1/seller-application', form)).body;
    const trust = await t.staff('trust_safety');
    const staffView = async () => (await trust.get(`/api/admin/seller-applications/${app.id}`)).body;
    const applicantView = async () => (await u.get('/api/v1/seller-application')).body;
    const problem = (slug: string, title: string, detail: string) => ({
      type: `https://pasar.dev/problems/${slug}`,
      title,
      detail,
    });

    expect((await staffView()).allowedActions).toEqual(['approve', 'reject', 'request-changes']);
    expect((await applicantView()).allowedActions).toEqual([]);
    const early = await u.put('/api/v1/seller-application', form);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject(
      problem(
        'application-not-editable',
        'Application cannot be edited',
        'The application is submitted; it can be edited only after the team asked for changes.',
      ),
    );

    const asked = await trust.post(`/api/admin/seller-applications/${app.id}/request-changes`, {
      reason: 'Add portfolio samples',
    });
    expect(asked.status).toBe(200);
    expect((await staffView()).allowedActions).toEqual(['reject']);
    expect((await applicantView()).allowedActions).toEqual(['applicant-resubmit']);
    for (const decision of ['approve', 'request-changes'] as const) {
      const res = await trust.post(`/api/admin/seller-applications/${app.id}/${decision}`, {
        reason: 'Looks fine',
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject(
        problem(
          'application-state-conflict',
          'Already decided',
          `The application is changes requested; ${decision} needs it to be submitted.`,
        ),
      );
    }

    const rejected = await trust.post(`/api/admin/seller-applications/${app.id}/reject`, {
      reason: 'Not enough',
    });
    expect(rejected.status).toBe(200);
    expect((await staffView()).allowedActions).toEqual([]);
    expect((await applicantView()).allowedActions).toEqual([]);
    const again = await trust.post(`/api/admin/seller-applications/${app.id}/reject`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject(
      problem(
        'application-state-conflict',
        'Already decided',
        'The application is rejected; reject needs it to be submitted or changes_requested.',
      ),
    );
    const late = await u.put('/api/v1/seller-application', form);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject(
      problem(
        'application-not-editable',
        'Application cannot be edited',
        'The application is rejected; it can be edited only after the team asked for changes.',
      ),
    );
  });

  it('SEL-3: one open application per user at a time', async () => {
    const u = await t.user();
    expect((await u.post('/api/v1/seller-application', form)).status).toBe(201);
    const second = await u.post('/api/v1/seller-application', form);
    expect(second.status).toBe(409);
    expect(second.body.type).toBe('https://pasar.dev/problems/application-open');
  });
});
