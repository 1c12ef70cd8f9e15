import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { PASSWORD, useTestApp } from '../helpers/context.js';
import { lastMessage, login, messagesTo, registerPending, tokenIn } from './helpers.js';

const t = useTestApp();
const NEW_PASSWORD = 'Lentera-Senja-4471';

const askReset = (email: string) => request(t.app).post('/api/v1/auth/password-reset').send({ email });
const confirm = (token: string, password = NEW_PASSWORD) =>
  request(t.app).post('/api/v1/auth/password-reset/confirm').send({ token, password });

describe('password reset and activation resend (ACC-8)', () => {
  it(`ACC-8: a reset answers the same for a known and an unknown address, and \
only the owner gets a link`, async () => {
    const u = await t.user();
    const known = await askReset(u.email);
    const unknown = await askReset('nobody-here@example.test');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
    const mail = await lastMessage(t, u.email, 'account.password-reset');
    expect(mail?.body).toMatch(/password-reset\/confirm\?token=/);
    expect(await lastMessage(t, 'nobody-here@example.test')).toBeUndefined();
  });

  it(`ACC-8: the link works once, ends every session of the account, and the new \
password signs in`, async () => {
    const u = await t.user();
    const other = await login(t, u.email, PASSWORD);
    expect(other.status).toBe(200);
    await askReset(u.email);
    const token = tokenIn((await lastMessage(t, u.email, 'account.password-reset'))!.body);
    expect((await request(t.app).get(`/api/v1/auth/password-reset/confirm?token=${token}`)).body.valid).toBe(
      true,
    );
    const res = await confirm(token);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    // Every token of the account ended: the builder's and the one from the login.
    expect((await u.get('/api/v1/me')).status).toBe(401);
    expect(
      (await request(t.app).get('/api/v1/me').set('Authorization', `Bearer ${other.body.token}`)).status,
    ).toBe(401);
    const again = await confirm(token, 'Another-Lantern-9922');
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/link-used/);
    expect((await login(t, u.email, PASSWORD)).status).toBe(401);
    expect((await login(t, u.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('ACC-8: a reset link expires after the policy setting (30 minutes), by the test clock', async () => {
    const u = await t.user();
    await askReset(u.email);
    const token = tokenIn((await lastMessage(t, u.email, 'account.password-reset'))!.body);
    await t.advance(30 * 60);
    const res = await confirm(token);
    expect(res.status).toBe(422);
    expect(res.body.type).toMatch(/link-expired/);

    // One second before the limit it still works.
    await askReset(u.email);
    const fresh = tokenIn((await lastMessage(t, u.email, 'account.password-reset'))!.body);
    await t.advance(30 * 60 - 1);
    expect((await confirm(fresh)).status).toBe(204);
  });

  it(`ACC-8: a newer reset link replaces the earlier one; a weak password is \
refused without using the link`, async () => {
    const u = await t.user({ name: 'Wulan Sekar' });
    await askReset(u.email);
    const first = tokenIn((await lastMessage(t, u.email, 'account.password-reset'))!.body);
    await askReset(u.email);
    const second = tokenIn((await lastMessage(t, u.email, 'account.password-reset'))!.body);
    expect(second).not.toBe(first);
    expect((await confirm(first)).body.type).toMatch(/link-superseded/);
    const weak = await confirm(second, 'Password1');
    expect(weak.status).toBe(400);
    expect((await confirm(second, 'Wulansekar2026x')).status).toBe(400);
    expect((await confirm(second)).status).toBe(204);
  });

  it('ACC-8: reset requests are limited per address, the same for an unknown address', async () => {
    const statuses = async (email: string) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) out.push((await askReset(email)).status);
      return out;
    };
    const u = await t.user();
    expect(await statuses(u.email)).toEqual([202, 202, 202, 202, 202, 429]);
    expect(await statuses('limit-unknown@example.test')).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it(`ACC-8: an activation resend answers the same for every address, and earlier \
links stop working`, async () => {
    const first = await registerPending(t, 'pending1@example.test', 'pending1');
    const active = await t.user();
    const resend = (email: string) => request(t.app).post('/api/v1/auth/activation/resend').send({ email });
    const a = await resend('pending1@example.test');
    const b = await resend(active.email);
    const c = await resend('nobody-at-all@example.test');
    expect([a.status, b.status, c.status]).toEqual([202, 202, 202]);
    expect(b.body).toEqual(a.body);
    expect(c.body).toEqual(a.body);
    const mails = await messagesTo(t, 'pending1@example.test', 'account.activation');
    expect(mails).toHaveLength(2);
    expect(await messagesTo(t, active.email, 'account.activation')).toHaveLength(0);
    const old = await request(t.app).post('/api/v1/auth/activate').send({ token: first });
    expect(old.status).toBe(422);
    expect(old.body.type).toMatch(/activation-token-superseded/);
    const latest = tokenIn(mails.at(-1)!.body);
    expect((await request(t.app).post('/api/v1/auth/activate').send({ token: latest })).body.status).toBe(
      'active',
    );
  });
});
