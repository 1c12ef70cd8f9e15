import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { generate } from 'otplib';
import { PASSWORD, staffLogin, totpCode, useTestApp } from '../helpers/context.js';
import { lastMessage, tokenIn } from './helpers.js';

const t = useTestApp();
const STRONG = 'Kopi-Tubruk-Manis-Pagi-7';

/** A staff account made by an admin through the API, as production makes them: no second factor yet. */
async function newStaff(role: 'finance' | 'support' | 'admin', email: string) {
  const admin = await t.staff('admin');
  const res = await admin.post('/api/admin/staff', { email, name: `New ${role}`, role, password: STRONG });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

/** Enrols through the API and answers the secret and recovery codes. */
async function enrol(agent: ReturnType<typeof request.agent>, csrf: string, email: string) {
  const start = await agent.post('/api/admin/me/second-factor').set('X-CSRF-Token', csrf);
  expect(start.status, JSON.stringify(start.body)).toBe(200);
  expect(start.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Pasar:.*secret=/);
  expect(start.body.qrCode).toMatch(/^data:image\/png;base64,/);
  const secret = start.body.secret as string;
  const done = await agent
    .post('/api/admin/me/second-factor/confirm')
    .set('X-CSRF-Token', csrf)
    .send({ code: await totpCode(email, secret) });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return { secret, recoveryCodes: done.body.recoveryCodes as string[] };
}

describe('staff second factor (OPS-7)', () => {
  it(`OPS-7: finance without a second factor can only enrol; after enrolment the \
login takes two steps`, async () => {
    await newStaff('finance', 'fin-new@staff.test');
    const agent = request.agent(t.app);
    const first = await agent
      .post('/api/admin/session')
      .send({ email: 'fin-new@staff.test', password: STRONG });
    expect(first.status).toBe(200);
    expect(first.body.secondFactorEnrolmentRequired).toBe(true);
    const csrf = first.body.csrfToken as string;
    const blocked = await agent.get('/api/admin/withdrawals');
    expect(blocked.status).toBe(403);
    expect(blocked.body.type).toMatch(/second-factor-enrolment-required/);
    const { secret, recoveryCodes } = await enrol(agent, csrf, 'fin-new@staff.test');
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // Stored hashed: no code in clear in the database.
    const stored = await t.ctx.db.selectFrom('staff_recovery_codes').select('code_hash').execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);
    expect((await agent.get('/api/admin/withdrawals')).status).toBe(200);

    const fresh = request.agent(t.app);
    const step1 = await fresh
      .post('/api/admin/session')
      .send({ email: 'fin-new@staff.test', password: STRONG });
    expect(step1.status).toBe(202);
    expect(step1.body).toMatchObject({ secondFactor: 'totp' });
    expect(step1.body).not.toHaveProperty('csrfToken');
    // Half-way in is not in.
    expect((await fresh.get('/api/admin/me')).status).toBe(401);
    const wrong = await fresh.post('/api/admin/session/second-factor').send({ code: '000000' });
    expect(wrong.status).toBe(401);
    const ok = await fresh
      .post('/api/admin/session/second-factor')
      .send({ code: await totpCode('fin-new@staff.test', secret) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ role: 'finance', secondFactorEnrolmentRequired: false });
    expect((await fresh.get('/api/admin/withdrawals')).status).toBe(200);
  });

  it(`OPS-7: TOTP secrets are kept sealed: none in clear, one moved to another \
account does not open, a clear one is sealed on use`, async () => {
    await newStaff('finance', 'fin-sealed@staff.test');
    const agent = request.agent(t.app);
    const first = await agent
      .post('/api/admin/session')
      .send({ email: 'fin-sealed@staff.test', password: STRONG });
    const { secret } = await enrol(agent, first.body.csrfToken as string, 'fin-sealed@staff.test');
    const row = (id: number) =>
      t.ctx.db
        .selectFrom('staff_second_factors')
        .selectAll()
        .where('staff_id', '=', id)
        .executeTakeFirstOrThrow();
    const sealedId = (
      await t.ctx.db
        .selectFrom('staff')
        .select('id')
        .where('email', '=', 'fin-sealed@staff.test')
        .executeTakeFirstOrThrow()
    ).id;
    const sealed = (await row(sealedId)).secret;
    expect(sealed).toMatch(/^enc:v1:/);
    expect(sealed).not.toContain(secret);

    // Another finance member's row given the sealed secret: the code of that secret does not sign them in.
    await t.staff('finance', 'fin-moved@staff.test');
    const movedId = (
      await t.ctx.db
        .selectFrom('staff')
        .select('id')
        .where('email', '=', 'fin-moved@staff.test')
        .executeTakeFirstOrThrow()
    ).id;
    await t.ctx.db
      .updateTable('staff_second_factors')
      .set({ secret: sealed })
      .where('staff_id', '=', movedId)
      .execute();
    const moved = request.agent(t.app);
    await moved.post('/api/admin/session').send({ email: 'fin-moved@staff.test', password: PASSWORD });
    const refused = await moved
      .post('/api/admin/session/second-factor')
      .send({ code: await generate({ secret }) });
    expect(refused.status).toBe(401);

    // A secret stored in clear before sealing existed still works once and is sealed by that sign-in.
    await t.ctx.db
      .updateTable('staff_second_factors')
      .set({ secret })
      .where('staff_id', '=', movedId)
      .execute();
    const legacy = request.agent(t.app);
    await legacy.post('/api/admin/session').send({ email: 'fin-moved@staff.test', password: PASSWORD });
    const ok = await legacy
      .post('/api/admin/session/second-factor')
      .send({ code: await totpCode('fin-moved@staff.test', secret) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const resealed = (await row(movedId)).secret;
    expect(resealed).toMatch(/^enc:v1:/);
    expect(resealed).not.toContain(secret);
  });

  it('OPS-7: a TOTP code is accepted once, and each recovery code works once', async () => {
    const finance = await t.staff('finance', 'fin-codes@staff.test');
    void finance;
    const agent = request.agent(t.app);
    await agent.post('/api/admin/session').send({ email: 'fin-codes@staff.test', password: PASSWORD });
    const code = await totpCode('fin-codes@staff.test');
    expect((await agent.post('/api/admin/session/second-factor').send({ code })).status).toBe(200);
    const again = request.agent(t.app);
    await again.post('/api/admin/session').send({ email: 'fin-codes@staff.test', password: PASSWORD });
    expect((await again.post('/api/admin/session/second-factor').send({ code })).status).toBe(401);

    // A member enrolled through the API uses a recovery code instead of the app.
    await newStaff('admin', 'adm-recover@staff.test');
    const a = request.agent(t.app);
    const login = await a
      .post('/api/admin/session')
      .send({ email: 'adm-recover@staff.test', password: STRONG });
    const { recoveryCodes } = await enrol(a, login.body.csrfToken, 'adm-recover@staff.test');
    const useRecovery = async (c: string) => {
      const b = request.agent(t.app);
      expect(
        (await b.post('/api/admin/session').send({ email: 'adm-recover@staff.test', password: STRONG }))
          .status,
      ).toBe(202);
      return (await b.post('/api/admin/session/second-factor').send({ code: c })).status;
    };
    expect(await useRecovery(recoveryCodes[3]!.toUpperCase())).toBe(200);
    expect(await useRecovery(recoveryCodes[3]!)).toBe(401);
    const status = await a.get('/api/admin/me/second-factor');
    expect(status.body).toMatchObject({ required: true, enrolled: true, recoveryCodesLeft: 9 });
  });

  it('OPS-7: the second step refuses five wrong codes, then the password must be given again', async () => {
    await t.staff('finance', 'fin-tries@staff.test');
    const agent = request.agent(t.app);
    await agent.post('/api/admin/session').send({ email: 'fin-tries@staff.test', password: PASSWORD });
    for (let i = 0; i < 5; i++)
      expect((await agent.post('/api/admin/session/second-factor').send({ code: '999999' })).status).toBe(
        401,
      );
    const late = await agent
      .post('/api/admin/session/second-factor')
      .send({ code: await totpCode('fin-tries@staff.test') });
    expect(late.status).toBe(401);
    expect(late.body.detail).toMatch(/password first/);
  });

  it(`OPS-7: support signs in with a password alone unless the setting asks for a \
second factor`, async () => {
    await newStaff('support', 'sup-2fa@staff.test');
    const once = await request(t.app)
      .post('/api/admin/session')
      .send({ email: 'sup-2fa@staff.test', password: STRONG });
    expect(once.status).toBe(200);
    expect(once.body.secondFactorEnrolmentRequired).toBe(false);
    const admin = await t.staff('admin');
    const put = await admin.put('/api/admin/settings', {
      values: { second_factor_support: 1 },
      reason: 'support handles refunds now',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const twice = await request(t.app)
      .post('/api/admin/session')
      .send({ email: 'sup-2fa@staff.test', password: STRONG });
    expect(twice.body.secondFactorEnrolmentRequired).toBe(true);
    await admin.put('/api/admin/settings', {
      values: { second_factor_support: 0 },
      reason: 'back to default',
    });
  });

  it(`OPS-7: an admin resets a colleague's second factor with a reason (audited), \
never their own`, async () => {
    const admin = await t.staff('admin');
    const colleague = await t.staff('finance', 'fin-lost@staff.test');
    expect(
      (await admin.post(`/api/admin/staff/${admin.id}/second-factor/reset`, { reason: 'lost my phone' }))
        .status,
    ).toBe(403);
    expect((await admin.post(`/api/admin/staff/${colleague.id}/second-factor/reset`, {})).status).toBe(422);
    const res = await admin.post(`/api/admin/staff/${colleague.id}/second-factor/reset`, {
      reason: 'phone lost, identity checked by video call',
    });
    expect(res.status).toBe(204);
    // Their sessions ended; at the next login they must enrol again.
    expect((await colleague.get('/api/admin/me')).status).toBe(401);
    const login = await request(t.app)
      .post('/api/admin/session')
      .send({ email: 'fin-lost@staff.test', password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.secondFactorEnrolmentRequired).toBe(true);
    const audit = await admin.get(
      `/api/admin/audit-log?filter=` +
        encodeURIComponent(JSON.stringify({ action: 'staff.second-factor-reset' })),
    );
    expect(audit.body[0]).toMatchObject({
      actorId: admin.id,
      reason: 'phone lost, identity checked by video call',
    });
    const support = await t.staff('support');
    expect(
      (await support.post(`/api/admin/staff/${colleague.id}/second-factor/reset`, { reason: 'x y z' }))
        .status,
    ).toBe(403);
  });

  it('OPS-7: staff see and end their own sessions; an admin ends anyone’s', async () => {
    await t.staff('support', 'sup-sessions@staff.test');
    const a = request.agent(t.app);
    const b = request.agent(t.app);
    const la = await staffLogin(a, 'sup-sessions@staff.test');
    await staffLogin(b, 'sup-sessions@staff.test');
    const list = await a.get('/api/admin/me/sessions');
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThanOrEqual(2);
    const other = list.body.find((s: { current: boolean }) => !s.current);
    expect(other).toMatchObject({ createdAt: expect.any(String), lastSeenAt: expect.any(String) });
    expect(
      (await a.delete(`/api/admin/me/sessions/${other.id}`).set('X-CSRF-Token', la.body.csrfToken)).status,
    ).toBe(204);
    expect((await b.get('/api/admin/me')).status).toBe(401);
    const admin = await t.staff('admin');
    const id = la.body.id as number;
    const theirs = (await admin.get(`/api/admin/staff/${id}/sessions`)).body as { id: number }[];
    expect(theirs.map((s) => s.id)).not.toContain(other.id);
    expect(theirs.length).toBeGreaterThanOrEqual(1);
    expect(
      (await admin.post(`/api/admin/staff/${id}/sessions/end`, { reason: 'laptop stolen' })).status,
    ).toBe(204);
    expect((await a.get('/api/admin/me')).status).toBe(401);
    expect((await admin.get(`/api/admin/staff/${id}/sessions`)).body).toEqual([]);
  });

  it(`OPS-7: a staff member resets a forgotten password by email link and changes \
it with the current one`, async () => {
    await newStaff('support', 'sup-forgot@staff.test');
    const unknown = await request(t.app)
      .post('/api/admin/password-reset')
      .send({ email: 'ghost@staff.test' });
    const known = await request(t.app)
      .post('/api/admin/password-reset')
      .send({ email: 'sup-forgot@staff.test' });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);
    const token = tokenIn((await lastMessage(t, 'sup-forgot@staff.test', 'staff.password-reset'))!.body);
    const short = await request(t.app)
      .post('/api/admin/password-reset/confirm')
      .send({ token, password: 'Short-Pw-9' });
    expect(short.status).toBe(400);
    const NEW = 'Gunung-Rinjani-Pagi-2026';
    expect(
      (await request(t.app).post('/api/admin/password-reset/confirm').send({ token, password: NEW })).status,
    ).toBe(204);
    expect(
      (await request(t.app).post('/api/admin/password-reset/confirm').send({ token, password: NEW })).status,
    ).toBe(409);
    const agent = request.agent(t.app);
    const login = await agent
      .post('/api/admin/session')
      .send({ email: 'sup-forgot@staff.test', password: NEW });
    expect(login.status).toBe(200);
    const csrf = login.body.csrfToken as string;
    const wrong = await agent
      .post('/api/admin/me/password')
      .set('X-CSRF-Token', csrf)
      .send({ currentPassword: 'nope', newPassword: 'Danau-Toba-Senja-2027' });
    expect(wrong.status).toBe(403);
    const ok = await agent
      .post('/api/admin/me/password')
      .set('X-CSRF-Token', csrf)
      .send({ currentPassword: NEW, newPassword: 'Danau-Toba-Senja-2027' });
    expect(ok.status).toBe(204);
    expect((await agent.get('/api/admin/me')).status).toBe(200);
  });

  it('OPS-7: the demo secret is not what test staff use (each computes its own code)', async () => {
    // A code from another secret is refused: the second factor really checks the secret.
    await t.staff('finance', 'fin-other@staff.test');
    const agent = request.agent(t.app);
    await agent.post('/api/admin/session').send({ email: 'fin-other@staff.test', password: PASSWORD });
    const code = await generate({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    expect((await agent.post('/api/admin/session/second-factor').send({ code })).status).toBe(401);
  });
});
