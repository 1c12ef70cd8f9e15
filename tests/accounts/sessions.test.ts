import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { PASSWORD, useTestApp } from '../helpers/context.js';
import { lastMessage, login, messagesTo, tokenIn } from './helpers.js';

const t = useTestApp();
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('sessions (ACC-11)', () => {
  it(`ACC-11: a user sees each session (opened, last used, address, device, this \
one) and ends one`, async () => {
    const u = await t.user();
    const phone = await login(t, u.email, PASSWORD, 'Pasar Android 3.1');
    const laptop = await login(t, u.email, PASSWORD, 'Firefox on Linux');
    const list = await request(t.app).get('/api/v1/me/sessions').set(bearer(laptop.body.token));
    expect(list.status).toBe(200);
    // The builder's token and the two logins.
    expect(list.body).toHaveLength(3);
    const current = list.body.filter((s: { current: boolean }) => s.current);
    expect(current).toHaveLength(1);
    expect(current[0]).toMatchObject({ userAgent: 'Firefox on Linux', ip: expect.any(String) });
    expect(current[0].createdAt).toEqual(expect.any(String));
    const phoneSession = list.body.find((s: { userAgent: string }) => s.userAgent === 'Pasar Android 3.1');
    const end = await request(t.app)
      .delete(`/api/v1/me/sessions/${phoneSession.id}`)
      .set(bearer(laptop.body.token));
    expect(end.status).toBe(204);
    expect((await request(t.app).get('/api/v1/me').set(bearer(phone.body.token))).status).toBe(401);
    expect((await request(t.app).get('/api/v1/me').set(bearer(laptop.body.token))).status).toBe(200);
    // Someone else's session id is not found, and stays alive.
    const stranger = await t.user();
    expect((await stranger.delete(`/api/v1/me/sessions/${current[0].id}`)).status).toBe(404);
    expect((await request(t.app).get('/api/v1/me').set(bearer(laptop.body.token))).status).toBe(200);
  });

  it('ACC-11: sign out everywhere ends every session, this one too', async () => {
    const u = await t.user();
    const a = await login(t, u.email, PASSWORD);
    expect((await request(t.app).post('/api/v1/auth/logout-all').set(bearer(a.body.token))).status).toBe(204);
    expect((await request(t.app).get('/api/v1/me').set(bearer(a.body.token))).status).toBe(401);
    expect((await u.get('/api/v1/me')).status).toBe(401);
  });

  it(`ACC-11: a sign-in from a new device is notified with the time in the user \
zone and a link that ends it`, async () => {
    const u = await t.user();
    expect((await u.patch('/api/v1/me', { timezone: 'Asia/Jayapura', locale: 'en' })).status).toBe(200);
    await login(t, u.email, PASSWORD, 'Known Browser');
    await login(t, u.email, PASSWORD, 'Known Browser');
    expect(await messagesTo(t, u.email, 'account.new-sign-in')).toHaveLength(0);
    const intruder = await login(t, u.email, PASSWORD, 'Strange Browser');
    const notice = await lastMessage(t, u.email, 'account.new-sign-in');
    expect(notice?.body).toContain('Strange Browser');
    // 2026-11-23 02:00 UTC is 11:00 in Jayapura (UTC+9).
    expect(notice?.body).toMatch(/23 November 2026.*11:00/);
    const token = tokenIn(notice!.body);
    expect((await request(t.app).get(`/api/v1/auth/sessions/end?token=${token}`)).status).toBe(200);
    expect((await request(t.app).get('/api/v1/me').set(bearer(intruder.body.token))).status).toBe(401);
    expect((await u.get('/api/v1/me')).status).toBe(200);
  });

  it('ACC-11: every sign-in, failed or not, is in the history staff read', async () => {
    const u = await t.user();
    await login(t, u.email, 'Wrong-Password-1');
    await login(t, u.email, PASSWORD);
    const rows = await t.ctx.db
      .selectFrom('sign_ins')
      .select(['success', 'failure'])
      .where('user_id', '=', u.id)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { success: false, failure: 'wrong-password' },
      { success: true, failure: null },
    ]);
  });
});
