import { beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { pino } from 'pino';
import { createApp } from '../../server/app.js';
import { LOGIN_LIMITS } from '../../server/auth/rate-limit.js';
import { settingsAt } from '../../server/modules/settings/repository.js';
import { TestClock } from '../../server/time/clock.js';
import { PASSWORD, TEST_TOTP_SECRET, totpCode, useTestApp } from '../helpers/context.js';

/**
 * The console login and session code (server/auth/staff-auth.ts) at its edges: the email as typed, the
 * per-address and per-account limits and their answers, the second step's own limit, what a member who
 * must enrol may reach, the cookie, and how soon a changed session limit applies. A frozen auth clock at
 * the wall clock's time (TOTP codes follow it); the app trusts one proxy on loopback, so each test logs in
 * from its own X-Forwarded-For address and the per-address limit of one test does not reach another.
 */
const authClock = new TestClock({ frozenAt: new Date() });
const t = useTestApp({ authClock, env: { PASAR_TRUST_PROXY: 'loopback' } });
const FINANCE = 'fin-auth-edges@staff.test';
const OTHER_FINANCE = 'fin-auth-other@staff.test';
const SUPPORT = 'sup-auth-edges@staff.test';
const NOT_ENROLLED = 'fin-not-enrolled@staff.test';
const ADMIN = 'admin-auth-edges@staff.test';

type Agent = ReturnType<typeof request.agent>;
const cookieOf = (res: request.Response) => {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  return raw?.find((c) => c.startsWith('pasar.sid='));
};
const login = (agent: Agent, ip: string, email: string, password = PASSWORD) =>
  agent.post('/api/admin/session').set('X-Forwarded-For', ip).send({ email, password });
const code = (agent: Agent, ip: string, value: string) =>
  agent.post('/api/admin/session/second-factor').set('X-Forwarded-For', ip).send({ code: value });
const rightCode = (email: string) => totpCode(email, TEST_TOTP_SECRET, authClock.now().getTime());

// Written directly: a login here would go through the code under test.
beforeAll(async () => {
  await t.staffAccount('finance', FINANCE);
  await t.staffAccount('finance', OTHER_FINANCE);
  await t.staffAccount('support', SUPPORT);
  await t.staffAccount('admin', ADMIN);
  // A finance member whose role needs a second factor and who has none yet (as an admin creates them).
  const id = await t.staffAccount('finance', NOT_ENROLLED);
  await t.ctx.db.deleteFrom('staff_second_factors').where('staff_id', '=', id).execute();
});

/** An admin signed in with `agent` sets the staff idle limit (OPS-7), as the console's settings page does. */
const setIdleMinutes = (agent: ReturnType<typeof request.agent>, csrfToken: string, minutes: number) =>
  agent
    .put('/api/admin/settings')
    .set('X-CSRF-Token', csrfToken)
    .send({ values: { staff_idle_minutes: minutes }, reason: 'idle time for the test' });

describe('console login edges (OPS-7, issue #13)', () => {
  it(`OPS-7: the session limits are read from the settings at most every 5 seconds: a changed idle \
limit applies 5 s and 1 ms after the last read, not at 5 s`, async () => {
    const s = await settingsAt(t.ctx.db, t.clock.now());
    const newIdleMinutes = 1;
    expect(s.staff_idle_minutes).toBeGreaterThan(newIdleMinutes + 1);
    const from = '192.0.2.11';
    const a = request.agent(t.app);
    const b = request.agent(t.app);
    const c = request.agent(t.app);
    for (const agent of [a, b, c]) expect((await login(agent, from, SUPPORT)).status).toBe(200);
    const admin = request.agent(t.app);
    expect((await login(admin, from, ADMIN)).status).toBe(202);
    const signedIn = await code(admin, from, await rightCode(ADMIN));
    expect(signedIn.status).toBe(200);
    const setIdle = (minutes: number) => setIdleMinutes(admin, signedIn.body.csrfToken, minutes);
    // Both sessions idle past the new limit; the admin's request reads the limits afresh (old value).
    authClock.advance((newIdleMinutes + 1) * 60);
    const put = await setIdle(newIdleMinutes);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    // Read a moment ago (the same millisecond): the old limit still holds.
    expect((await c.get('/api/admin/me')).status).toBe(200);
    authClock.advance(5);
    expect((await a.get('/api/admin/me')).status).toBe(200);
    authClock.advance(0.001);
    const ended = await b.get('/api/admin/me');
    expect(ended.status).toBe(401);
    expect(ended.body.detail).toMatch(/session ended/);
    expect((await setIdle(s.staff_idle_minutes)).status).toBe(200);
  });

  it(`the login finds the account whatever the case of the email and the spaces around it \
(no rule id in the rulebook)`, async () => {
    const res = await login(request.agent(t.app), '192.0.2.1', `  ${SUPPORT.toUpperCase()} `);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.email).toBe(SUPPORT);
  });

  it(`an unknown email is refused like a wrong password, also with the password of the stand-in hash \
that keeps its answer as slow (no rule id in the rulebook)`, async () => {
    const agent = request.agent(t.app);
    const wrong = await login(agent, '192.0.2.2', SUPPORT, 'Wrong-guess-1');
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe('The email or password is wrong, or the staff account is disabled.');
    // passwords.ts verifies an unknown email's password against a hash of this text.
    const unknown = await login(agent, '192.0.2.2', 'nobody-here@staff.test', 'not-a-real-password-0');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it(`a console request without a session is told to log in first, and gets no cookie \
(no rule id in the rulebook)`, async () => {
    const res = await request(t.app).get('/api/admin/me');
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('https://pasar.dev/problems/unauthenticated');
    expect(res.body.detail).toBe('Log in to the console first (POST /api/admin/session).');
    expect(cookieOf(res)).toBeUndefined();
  });

  it(`issue #13: one address gets the per-address number of staff login attempts, the next is 429 with \
the minutes to wait; another address still logs in`, async () => {
    const { limit, windowSeconds } = LOGIN_LIMITS.perIp;
    const from = '192.0.2.3';
    for (let i = 0; i < limit; i++) {
      const res = await login(request.agent(t.app), from, `stranger${i}@staff.test`, 'Wrong-guess-1');
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const refused = await login(request.agent(t.app), from, SUPPORT);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(windowSeconds));
    expect(refused.body.detail).toBe(
      `Too many login attempts from this address. Try again in ${windowSeconds / 60} minutes.`,
    );
    expect((await login(request.agent(t.app), '192.0.2.4', SUPPORT)).status).toBe(200);
  });

  it(`issue #13: after the per-account number of failures the account is locked from that address, \
and the answer says for how many minutes`, async () => {
    const { limit, windowSeconds } = LOGIN_LIMITS.perAccountFailures;
    const from = '192.0.2.5';
    for (let i = 0; i < limit; i++)
      expect((await login(request.agent(t.app), from, SUPPORT, 'Wrong-guess-1')).status).toBe(401);
    const locked = await login(request.agent(t.app), from, SUPPORT);
    expect(locked.status).toBe(429);
    expect(locked.body.detail).toBe(
      `Too many failed logins for this account. Try again in ${windowSeconds / 60} minutes.`,
    );
  });

  it(`OPS-7: a member who must enrol a second factor reaches only their own pages and the logout; \
anything else says to enrol first`, async () => {
    const agent = request.agent(t.app);
    const first = await login(agent, '192.0.2.6', NOT_ENROLLED);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.secondFactorEnrolmentRequired).toBe(true);
    expect((await agent.get('/api/admin/me')).status).toBe(200);
    expect((await agent.get('/api/admin/me/second-factor')).status).toBe(200);
    expect((await agent.get('/api/admin/me/sessions')).status).toBe(200);
    const blocked = await agent.get('/api/admin/withdrawals');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({
      type: 'https://pasar.dev/problems/second-factor-enrolment-required',
      title: 'Set up your second factor first',
      detail:
        'Your role signs in with a second factor (OPS-7): enrol an authenticator app first' +
        ' (POST /api/admin/me/second-factor).',
    });
    const out = await agent.delete('/api/admin/session').set('X-CSRF-Token', first.body.csrfToken);
    expect(out.status, JSON.stringify(out.body)).toBe(204);
    expect((await agent.get('/api/admin/me')).status).toBe(401);
  });

  it(`OPS-7: ten codes per member in 15 minutes, counted afresh after a right one; the eleventh is 429 \
even when right, for that member only, until the window ends`, async () => {
    const from = '192.0.2.7';
    const wrongTimes = async (agent: Agent, n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await code(agent, from, '000000');
        expect(res.status).toBe(401);
        expect(res.body.title).toBe('Wrong code');
        expect(res.body.detail).toBe(
          i < 4
            ? 'The code is not right (or was used already): give the current code of your authenticator app' +
                ' or an unused recovery code.'
            : 'Too many wrong codes: sign in with your password again.',
        );
      }
    };
    // 4 wrong and a right one: in, and the count starts again.
    let agent = request.agent(t.app);
    expect((await login(agent, from, FINANCE)).status).toBe(202);
    await wrongTimes(agent, 4);
    authClock.advance(30);
    expect((await code(agent, from, await rightCode(FINANCE))).status).toBe(200);
    // 5 wrong (back to the password), then 4 wrong and a right one: 10 codes since the last right one.
    agent = request.agent(t.app);
    expect((await login(agent, from, FINANCE)).status).toBe(202);
    await wrongTimes(agent, 5);
    agent = request.agent(t.app);
    expect((await login(agent, from, FINANCE)).status).toBe(202);
    await wrongTimes(agent, 4);
    authClock.advance(30);
    expect((await code(agent, from, await rightCode(FINANCE))).status).toBe(200);
    // 10 wrong in two rounds, then the right code is refused: too many.
    for (let round = 0; round < 2; round++) {
      agent = request.agent(t.app);
      expect((await login(agent, from, FINANCE)).status).toBe(202);
      await wrongTimes(agent, 5);
    }
    agent = request.agent(t.app);
    expect((await login(agent, from, FINANCE)).status).toBe(202);
    authClock.advance(30);
    const refused = await code(agent, from, await rightCode(FINANCE));
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toBe('Too many codes tried. Try again later.');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(60);
    // Another member's second step is not affected.
    const other = request.agent(t.app);
    expect((await login(other, from, OTHER_FINANCE)).status).toBe(202);
    expect((await code(other, from, await rightCode(OTHER_FINANCE))).status).toBe(200);
    // 1 s before the window ends: still 429; at its end the code is taken.
    authClock.advance(retryAfter - 1);
    agent = request.agent(t.app);
    expect((await login(agent, from, FINANCE)).status).toBe(202);
    expect((await code(agent, from, await rightCode(FINANCE))).status).toBe(429);
    authClock.advance(1);
    expect((await code(agent, from, await rightCode(FINANCE))).status).toBe(200);
  });

  it(`OPS-7: a second step past its 5 minutes is dropped from the session, not only refused \
(no rule id in the rulebook for the row)`, async () => {
    const agent = request.agent(t.app);
    const first = await login(agent, '192.0.2.8', FINANCE);
    expect(first.status).toBe(202);
    const sid = decodeURIComponent(cookieOf(first)!.split(';')[0]!.split('=')[1]!).slice(2).split('.')[0]!;
    const sess = async () =>
      (
        await t.ctx.db
          .selectFrom('staff_sessions')
          .select('sess')
          .where('sid', '=', sid)
          .executeTakeFirstOrThrow()
      ).sess as Record<string, unknown>;
    expect(await sess()).toHaveProperty('pendingSecondFactor');
    authClock.advance(5 * 60 + 1);
    const late = await code(agent, '192.0.2.8', await rightCode(FINANCE));
    expect(late.status).toBe(401);
    expect(await sess()).not.toHaveProperty('pendingSecondFactor');
  });

  it(`the session cookie is for the whole site and every console answer renews it for 12 hours \
(no rule id in the rulebook)`, async () => {
    const agent = request.agent(t.app);
    const signedIn = await login(agent, '192.0.2.9', SUPPORT);
    expect(signedIn.status).toBe(200);
    expect(cookieOf(signedIn)).toMatch(/; Path=\/(;|$)/);
    // The auth clock is frozen: the session itself does not change, yet the cookie is sent again.
    const before = Date.now();
    const me = await agent.get('/api/admin/me');
    const after = Date.now();
    expect(me.status).toBe(200);
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookieOf(me) ?? '')?.[1] ?? '');
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 12 * 3_600_000);
    expect(expires).toBeLessThanOrEqual(after + 12 * 3_600_000);
  });

  it(`the browser a session was opened with is kept to 500 characters in the session list \
(no rule id in the rulebook)`, async () => {
    const agent = request.agent(t.app);
    const res = await agent
      .post('/api/admin/session')
      .set('X-Forwarded-For', '192.0.2.10')
      .set('User-Agent', 'B'.repeat(600))
      .send({ email: SUPPORT, password: PASSWORD });
    expect(res.status).toBe(200);
    const list = await agent.get('/api/admin/me/sessions');
    const current = (list.body as { current: boolean; userAgent: string }[]).find((s) => s.current);
    expect(current?.userAgent).toBe('B'.repeat(500));
  });
});

describe('console sessions on their own clock (OPS-7)', () => {
  it(`OPS-7: a session whose staff member was made inactive outside the console opens nothing \
(401), though the session row is still there`, async () => {
    const email = 'sup-made-inactive@staff.test';
    const id = await t.staffAccount('support', email);
    const agent = request.agent(t.app);
    expect((await login(agent, '192.0.2.13', email)).status).toBe(200);
    await t.ctx.db.updateTable('staff').set({ active: false }).where('id', '=', id).execute();
    expect(
      await t.ctx.db.selectFrom('staff_sessions').select('sid').where('staff_id', '=', id).execute(),
    ).toHaveLength(1);
    const res = await agent.get('/api/admin/me');
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('https://pasar.dev/problems/unauthenticated');
  });

  it(`OPS-7: when the auth clock steps back (a corrected system clock) the session limits are read from \
the settings again at once`, async () => {
    let nowMs = authClock.now().getTime();
    const clock = { now: () => new Date(nowMs) };
    const { app, ctx } = createApp({
      db: t.database.handle,
      config: t.config,
      clock: t.clock,
      authClock: clock,
      logger: pino({ level: 'silent' }),
    });
    try {
      const s = await settingsAt(t.ctx.db, t.clock.now());
      const from = '192.0.2.14';
      const member = request.agent(app);
      expect((await login(member, from, SUPPORT)).status).toBe(200);
      const admin = request.agent(app);
      expect((await login(admin, from, ADMIN)).status).toBe(202);
      const signedIn = await code(admin, from, await totpCode(ADMIN, TEST_TOTP_SECRET, nowMs));
      expect(signedIn.status).toBe(200);
      const setIdle = (minutes: number) => setIdleMinutes(admin, signedIn.body.csrfToken, minutes);
      // 10 minutes on, the limits are read (the old idle time) and the idle time is set to 1 minute.
      nowMs += 10 * 60_000;
      expect((await setIdle(1)).status).toBe(200);
      // The clock is set back 7 minutes: the member, idle 3 minutes by it, is over the new limit at once.
      nowMs -= 7 * 60_000;
      const res = await member.get('/api/admin/me');
      expect(res.status).toBe(401);
      expect(res.body.detail).toMatch(/session ended/);
      expect((await setIdle(s.staff_idle_minutes)).status).toBe(200);
    } finally {
      await ctx.scheduler.stop();
    }
  });
});

describe('ending the session in use (OPS-7)', () => {
  it(`OPS-7: a staff member who ends the session in use from their session list is signed out: its row \
stays gone and the next request is 401`, async () => {
    const agent = request.agent(t.app);
    const signedIn = await login(agent, '192.0.2.15', SUPPORT);
    expect(signedIn.status).toBe(200);
    const list = await agent.get('/api/admin/me/sessions');
    const current = (list.body as { id: number; current: boolean }[]).find((s) => s.current)!;
    // A second later, as in a browser: the request marks the session seen, so the session changes.
    authClock.advance(1);
    const ended = await agent
      .delete(`/api/admin/me/sessions/${current.id}`)
      .set('X-CSRF-Token', signedIn.body.csrfToken);
    expect(ended.status).toBe(204);
    const sid = decodeURIComponent(cookieOf(signedIn)!.split(';')[0]!.split('=')[1]!).slice(2).split('.')[0]!;
    expect(
      await t.ctx.db.selectFrom('staff_sessions').select('id').where('sid', '=', sid).executeTakeFirst(),
    ).toBeUndefined();
    expect((await agent.get('/api/admin/me')).status).toBe(401);
  });
});

describe('the session cookie in production (no rule id in the rulebook)', () => {
  it(`behind a trusted proxy that says https the cookie is Secure; without a trusted proxy the header \
is not believed and no cookie is set over plain http`, async () => {
    const cookieFrom = async (trustProxy: typeof t.config.trustProxy) => {
      const { app, ctx } = createApp({
        db: t.database.handle,
        config: { ...t.config, env: 'production', trustProxy },
        clock: t.clock,
        authClock,
        logger: pino({ level: 'silent' }),
      });
      try {
        const res = await request(app)
          .post('/api/admin/session')
          .set('X-Forwarded-Proto', 'https')
          .set('X-Forwarded-For', '192.0.2.12')
          .send({ email: SUPPORT, password: PASSWORD });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        return cookieOf(res);
      } finally {
        await ctx.scheduler.stop();
      }
    };
    expect(await cookieFrom('loopback')).toMatch(/; Secure/);
    expect(await cookieFrom(false)).toBeUndefined();
  });
});
