import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { PASSWORD, useTestApp, type UserClient } from '../helpers/context.js';
import { lastMessage, login, tokenIn } from './helpers.js';

const t = useTestApp();

const smsCode = async (phone: string) => {
  const sms = await lastMessage(t, `sms:${phone}`, 'sms.phone-code');
  return /\b(\d{6})\b/.exec(sms!.body)![1]!;
};
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function verifiedPhone(u: UserClient, phone: string) {
  expect((await u.post('/api/v1/me/phone', { phone })).status).toBe(202);
  const res = await u.post('/api/v1/me/phone/verify', { code: await smsCode('+6281234567890') });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('email change (ACC-9)', () => {
  it(`ACC-9: the change needs the password, mails a link to the new address and a \
notice to the old, and applies on the link`, async () => {
    const u = await t.user();
    const old = u.email;
    const wrong = await u.post('/api/v1/me/email', {
      newEmail: 'moved@example.test',
      password: 'Not-It-123',
    });
    expect(wrong.status).toBe(403);
    const res = await u.post('/api/v1/me/email', { newEmail: 'Moved@Example.test', password: PASSWORD });
    expect(res.status).toBe(202);
    expect(res.body.next).toBe('confirm-link');
    const notice = await lastMessage(t, old, 'account.email-change-requested');
    expect(notice?.body).toContain('moved@example.test');
    // Nothing changed before the link is followed.
    expect((await u.get('/api/v1/me')).body.email).toBe(old);
    const link = await lastMessage(t, 'moved@example.test', 'account.email-change-confirm');
    const token = tokenIn(link!.body);
    const done = await request(t.app).get(`/api/v1/auth/email-change/confirm?token=${token}`);
    expect(done.status).toBe(200);
    expect(done.body.email).toBe('moved@example.test');
    expect((await lastMessage(t, old, 'account.email-changed'))?.body).toContain('moved@example.test');
    expect((await request(t.app).post('/api/v1/auth/email-change/confirm').send({ token })).status).toBe(409);
    expect((await login(t, 'moved@example.test', PASSWORD)).status).toBe(200);
    expect((await login(t, old, PASSWORD)).status).toBe(401);
  });

  it('ACC-9: ACC-2: the old address stays reserved: registering it creates no account', async () => {
    const u = await t.user();
    const old = u.email;
    await u.post('/api/v1/me/email', { newEmail: 'reserved-next@example.test', password: PASSWORD });
    const token = tokenIn((await lastMessage(t, 'reserved-next@example.test'))!.body);
    expect((await request(t.app).post('/api/v1/auth/email-change/confirm').send({ token })).status).toBe(200);
    const reg = await request(t.app)
      .post('/api/v1/auth/register')
      .send({ name: 'Someone Else', email: old.toUpperCase(), username: 'takeover1', password: PASSWORD });
    expect(reg.status).toBe(201);
    expect(
      await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'takeover1').execute(),
    ).toEqual([]);
    // And another account cannot move onto it either: its owner is told, no link is sent.
    const other = await t.user();
    const move = await other.post('/api/v1/me/email', { newEmail: old, password: PASSWORD });
    expect(move.status).toBe(202);
    expect(move.body.next).toBe('confirm-link');
    expect((await lastMessage(t, old))?.body).not.toMatch(/token=/);
  });

  it('ACC-9: a taken address gets the same answer as a free one (no enumeration)', async () => {
    const taken = await t.user();
    const u = await t.user();
    const a = await u.post('/api/v1/me/email', { newEmail: taken.email, password: PASSWORD });
    const b = await u.post('/api/v1/me/email', { newEmail: 'free-address@example.test', password: PASSWORD });
    expect(a.status).toBe(b.status);
    expect(a.body).toEqual(b.body);
    expect((await lastMessage(t, taken.email, 'account.email-unavailable'))?.body).toBeDefined();
  });

  it('ACC-9: with a verified phone, the change also needs a code texted to it (policy setting)', async () => {
    const u = await t.user();
    await verifiedPhone(u, '0812-3456-7890');
    const first = await u.post('/api/v1/me/email', {
      newEmail: 'with-phone@example.test',
      password: PASSWORD,
    });
    expect(first.status).toBe(202);
    expect(first.body.next).toBe('phone-code');
    expect(await lastMessage(t, 'with-phone@example.test')).toBeUndefined();
    const code = await smsCode('+6281234567890');
    const wrong = await u.post('/api/v1/me/email', {
      newEmail: 'with-phone@example.test',
      password: PASSWORD,
      phoneCode: wrongCode(code),
    });
    expect(wrong.status).toBe(422);
    const ok = await u.post('/api/v1/me/email', {
      newEmail: 'with-phone@example.test',
      password: PASSWORD,
      phoneCode: code,
    });
    expect(ok.body.next).toBe('confirm-link');
    expect(await lastMessage(t, 'with-phone@example.test', 'account.email-change-confirm')).toBeDefined();
  });
});

describe('phone verification (ACC-10)', () => {
  it(`ACC-10: an Indonesian number in any usual writing is stored as E.164 and \
verified with the texted 6-digit code`, async () => {
    const u = await t.user();
    const res = await u.post('/api/v1/me/phone', { phone: '0812 3456 7890' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.phone).toBe('+6281234567890');
    expect((await u.get('/api/v1/me')).body).toMatchObject({ phone: '+6281234567890', phoneVerified: false });
    const ok = await u.post('/api/v1/me/phone/verify', { code: await smsCode('+6281234567890') });
    expect(ok.status).toBe(200);
    expect(ok.body.phoneVerified).toBe(true);
    expect((await u.post('/api/v1/me/phone', { phone: 'call me maybe' })).status).toBe(400);
    expect((await u.patch('/api/v1/me', { phone: '+6281300000000' })).status).toBe(422);
  });

  it('ACC-10: a code allows 5 tries, then it is dead even when right', async () => {
    const u = await t.user();
    await u.post('/api/v1/me/phone', { phone: '+62 813 1111 2222' });
    const code = await smsCode('+6281311112222');
    for (let i = 0; i < 5; i++) {
      const res = await u.post('/api/v1/me/phone/verify', { code: wrongCode(code) });
      expect(res.status).toBe(422);
      expect(res.body.attemptsLeft).toBe(4 - i);
    }
    const late = await u.post('/api/v1/me/phone/verify', { code });
    expect(late.body.type).toMatch(/phone-code-exhausted/);
    expect((await u.get('/api/v1/me')).body.phoneVerified).toBe(false);
  });

  it('ACC-10: a code works 10 minutes (policy setting), by the test clock', async () => {
    const u = await t.user();
    await u.post('/api/v1/me/phone', { phone: '+6281322223333' });
    const code = await smsCode('+6281322223333');
    await t.advance(10 * 60);
    const res = await u.post('/api/v1/me/phone/verify', { code });
    expect(res.body.type).toMatch(/phone-code-expired/);
    await u.post('/api/v1/me/phone', { phone: '+6281322223333' });
    const fresh = await smsCode('+6281322223333');
    await t.advance(10 * 60 - 1);
    expect((await u.post('/api/v1/me/phone/verify', { code: fresh })).status).toBe(200);
  });

  it('ACC-10: sending codes is limited', async () => {
    const u = await t.user();
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await u.post('/api/v1/me/phone', { phone: '+6281344445555' })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it('ACC-10: the phone number is never shown to other users', async () => {
    const seller = await t.seller();
    await verifiedPhone(seller, '+6281234567890');
    const buyer = await t.user();
    const profile = await buyer.get(`/api/v1/users/${seller.id}`);
    expect(profile.status).toBe(200);
    expect(JSON.stringify(profile.body)).not.toContain('81234567890');
  });
});

describe('SMS outbox (ACC-10)', () => {
  it('ACC-10: admins read texted codes in the SMS outbox, not among the mails', async () => {
    const u = await t.user();
    await u.post('/api/v1/me/phone', { phone: '+6281355556666' });
    await t.ctx.scheduler.runDue();
    const admin = await t.staff('admin');
    const list = await admin.get('/api/admin/sms-outbox?filter={"q":"81355556666"}');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ to: '+6281355556666', kind: 'sms.phone-code', status: 'sent' });
    expect(list.body[0].text).toMatch(/\b\d{6}\b/);
    const mails = await admin.get('/api/admin/outbox?filter={"q":"81355556666"}');
    expect(mails.body).toEqual([]);
    expect((await (await t.staff('support')).get('/api/admin/sms-outbox')).status).toBe(403);
  });
});
