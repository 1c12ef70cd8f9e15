import { beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { settingsAt } from '../../server/modules/settings/repository.js';
import { TestClock } from '../../server/time/clock.js';
import { PASSWORD, TEST_TOTP_SECRET, totpCode, useTestApp } from '../helpers/context.js';

/**
 * The edges of a console session (server/auth/staff-auth.ts) on a frozen auth clock: the 12 hours and the
 * 5 minutes of the second step to the millisecond. The clock is frozen at the wall clock's time, so the
 * builders' logins (whose codes follow the wall clock) work before any test moves it.
 */
const authClock = new TestClock({ frozenAt: new Date() });
const t = useTestApp({ authClock });
const FINANCE = 'fin-edges@staff.test';

const step1 = (agent: ReturnType<typeof request.agent>, email = FINANCE) =>
  agent.post('/api/admin/session').send({ email, password: PASSWORD });
const step2 = async (agent: ReturnType<typeof request.agent>, code?: string) =>
  agent
    .post('/api/admin/session/second-factor')
    .send({ code: code ?? (await totpCode(FINANCE, TEST_TOTP_SECRET, authClock.now().getTime())) });

// Written directly: a login here would go through the code under test, and a broken login must fail the
// tests that use it, not skip the whole file.
beforeAll(async () => {
  await t.staffAccount('finance', FINANCE);
});

describe('console session edges (OPS-7)', () => {
  it(`OPS-7: a staff session busy every few minutes ends exactly the setting's hours after \
sign-in`, async () => {
    const s = await settingsAt(t.ctx.db, t.clock.now());
    const idleSeconds = s.staff_idle_minutes * 60;
    const totalSeconds = s.staff_session_hours * 3600;
    const staff = await t.staff('support', 'sup-12h@staff.test');
    const me = () => staff.get('/api/admin/me');
    let elapsed = 0;
    while (elapsed + idleSeconds - 60 < totalSeconds) {
      authClock.advance(idleSeconds - 60);
      elapsed += idleSeconds - 60;
      expect((await me()).status, `${elapsed} s after sign-in`).toBe(200);
    }
    authClock.advance(totalSeconds - elapsed - 0.001);
    expect((await me()).status).toBe(200);
    authClock.advance(0.001);
    const ended = await me();
    expect(ended.status).toBe(401);
    expect(ended.body.detail).toMatch(/session ended/);
  });

  it(`OPS-7: a staff session idle for 1 ms less than the setting lives; idle for the setting, \
it ends`, async () => {
    const s = await settingsAt(t.ctx.db, t.clock.now());
    const staff = await t.staff('support', 'sup-idle-edge@staff.test');
    authClock.advance(s.staff_idle_minutes * 60 - 0.001);
    expect((await staff.get('/api/admin/me')).status).toBe(200);
    authClock.advance(s.staff_idle_minutes * 60);
    expect((await staff.get('/api/admin/me')).status).toBe(401);
  });

  it('OPS-7: the second step is accepted 5 minutes after the password, and not 1 ms later', async () => {
    const onTime = request.agent(t.app);
    expect((await step1(onTime)).status).toBe(202);
    authClock.advance(5 * 60);
    const ok = await step2(onTime);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.email).toBe(FINANCE);

    const late = request.agent(t.app);
    expect((await step1(late)).status).toBe(202);
    authClock.advance(5 * 60 + 0.001);
    const refused = await step2(late);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/email and password first/);
    // The half-finished login is gone: a fresh code does not help either.
    authClock.advance(30);
    expect((await step2(late)).status).toBe(401);
  });

  it('OPS-7: each wrong code says so; the fifth sends the staff member back to the password', async () => {
    const agent = request.agent(t.app);
    expect((await step1(agent)).status).toBe(202);
    for (let i = 1; i <= 4; i++) {
      const wrong = await step2(agent, '000000');
      expect(wrong.status).toBe(401);
      expect(wrong.body.type).toMatch(/second-factor-wrong/);
      expect(wrong.body.detail, `try ${i}`).toMatch(/not right/);
    }
    const fifth = await step2(agent, '000000');
    expect(fifth.status).toBe(401);
    expect(fifth.body.detail).toMatch(/Too many wrong codes/);
    authClock.advance(30);
    expect((await step2(agent)).status).toBe(401);
  });

  it(`a CSRF token of the wrong length is refused like a wrong one (403) \
(no rule id in the rulebook)`, async () => {
    const staff = await t.staff('support', 'sup-csrf@staff.test');
    for (const token of ['short', `${staff.csrfToken}x`]) {
      const res = await staff.agent.delete('/api/admin/session').set('X-CSRF-Token', token);
      expect(res.status, token).toBe(403);
      expect(res.body.type).toBe('https://pasar.dev/problems/csrf-token-invalid');
    }
    expect((await staff.get('/api/admin/me')).status).toBe(200);
  });
});
