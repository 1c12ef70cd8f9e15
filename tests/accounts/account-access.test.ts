import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { PASSWORD, useTestApp } from '../helpers/context.js';
import { lastMessage, login, messagesTo, registerPending, tokenIn } from './helpers.js';

const t = useTestApp();

describe('account access panel (ACC-8, ACC-11)', () => {
  it(`ACC-8: support sees why a pending user cannot sign in and resends the \
activation with a reason (audited)`, async () => {
    const first = await registerPending(t, 'stuck@example.test', 'stuck1');
    const user = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'stuck@example.test')
      .executeTakeFirstOrThrow();
    const support = await t.staff('support');
    const panel = await support.get(`/api/admin/users/${user.id}/access`);
    expect(panel.status).toBe(200);
    expect(panel.body).toMatchObject({ status: 'pending_activation', canSignIn: false });
    expect(panel.body.reasons[0]).toMatch(/pending activation/);
    expect(panel.body.activation.lastLinkLive).toBe(true);
    expect((await support.post(`/api/admin/users/${user.id}/activation/resend`, {})).status).toBe(422);
    const res = await support.post(`/api/admin/users/${user.id}/activation/resend`, {
      reason: 'user says the mail never came',
    });
    expect(res.status).toBe(204);
    const mails = await messagesTo(t, 'stuck@example.test', 'account.activation');
    expect(mails).toHaveLength(2);
    expect((await request(t.app).post('/api/v1/auth/activate').send({ token: first })).status).toBe(422);
    const token = tokenIn(mails.at(-1)!.body);
    expect((await request(t.app).post('/api/v1/auth/activate').send({ token })).status).toBe(200);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['actor_id', 'reason'])
      .where('action', '=', 'account.activation-resend')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: support.id, reason: 'user says the mail never came' });
    // An active account has nothing to resend.
    expect(
      (await support.post(`/api/admin/users/${user.id}/activation/resend`, { reason: 'again please' }))
        .status,
    ).toBe(409);
  });

  it(`ACC-11: support reads the last sign-ins and sessions, ends them all, and \
sends a password reset`, async () => {
    const u = await t.user();
    await login(t, u.email, 'Wrong-Password-1', 'Phone Browser');
    await login(t, u.email, PASSWORD, 'Phone Browser');
    const support = await t.staff('support');
    const panel = await support.get(`/api/admin/users/${u.id}/access`);
    expect(panel.body.signIns.map((s: { success: boolean }) => s.success)).toEqual([true, false]);
    expect(panel.body.signIns[0]).toMatchObject({ userAgent: 'Phone Browser', ip: expect.any(String) });
    expect(panel.body.sessions).toHaveLength(2);
    expect(panel.body.verification).toEqual({ email: true, phone: false, identity: false });
    expect(
      (await support.post(`/api/admin/users/${u.id}/sessions/end`, { reason: 'phone stolen' })).status,
    ).toBe(204);
    expect((await u.get('/api/v1/me')).status).toBe(401);
    expect(
      (await support.post(`/api/admin/users/${u.id}/password-reset`, { reason: 'asked by phone' })).status,
    ).toBe(204);
    expect((await lastMessage(t, u.email, 'account.password-reset'))?.body).toMatch(/token=/);
    const finance = await t.staff('finance');
    expect((await finance.get(`/api/admin/users/${u.id}/access`)).status).toBe(403);
  });
});
