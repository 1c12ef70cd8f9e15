import { beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import type session from 'express-session';
import { sql } from 'kysely';
import { DatabaseSessionStore } from '../../server/auth/session-store.js';
import { TestClock } from '../../server/time/clock.js';
import { itOnPostgres, PASSWORD, useTestApp } from '../helpers/context.js';

/**
 * The database store of console sessions (server/auth/session-store.ts) on a frozen auth clock: what a row
 * records, when it expires, when it stops opening anything and when the sweep removes it.
 */
const authClock = new TestClock({ frozenAt: new Date() });
const t = useTestApp({ authClock });
/** The session cookie's lifetime (staff-auth.ts), renewed by every request; OPS-7's limits are apart. */
const COOKIE_MS = 12 * 3_600_000;
const FINANCE = 'fin-store@staff.test';

// A finance member with a second factor, written directly: a login here would go through the store under
// test, and a broken store must fail the tests that read it, not skip the whole file.
beforeAll(async () => {
  await t.staffAccount('finance', FINANCE);
});

const sidOf = (res: request.Response) => {
  const raw = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = raw?.find((c) => c.startsWith('pasar.sid='))?.split(';')[0];
  return decodeURIComponent(cookie!.split('=')[1]!).slice(2).split('.')[0]!;
};
const row = (sid: string) =>
  t.ctx.db.selectFrom('staff_sessions').selectAll().where('sid', '=', sid).executeTakeFirst();
const expireAt = (sid: string, at: Date) =>
  t.ctx.db.updateTable('staff_sessions').set({ expires_at: at }).where('sid', '=', sid).execute();
const later = (ms: number) => new Date(authClock.now().getTime() + ms);

async function signIn(email: string, userAgent = 'Console Test/1.0') {
  await t.staff('support', email);
  const agent = request.agent(t.app);
  const res = await agent
    .post('/api/admin/session')
    .set('User-Agent', userAgent)
    .send({ email, password: PASSWORD });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { agent, res, sid: sidOf(res) };
}

describe('console session store (OPS-7)', () => {
  it(`OPS-7: a session's row says who, from where, on what device, since when and last seen, and \
expires the cookie's lifetime after the last request`, async () => {
    const { agent, res, sid } = await signIn('sup-store@staff.test');
    const signedIn = authClock.now();
    expect(await row(sid)).toMatchObject({
      staff_id: res.body.id,
      created_at: signedIn,
      last_seen_at: signedIn,
      user_agent: 'Console Test/1.0',
      expires_at: later(COOKIE_MS),
    });
    authClock.advance(60);
    expect((await agent.get('/api/admin/me').set('User-Agent', 'Console Test/1.0')).status).toBe(200);
    expect(await row(sid)).toMatchObject({
      created_at: signedIn,
      last_seen_at: authClock.now(),
      expires_at: later(COOKIE_MS),
    });
    const list = await agent.get('/api/admin/me/sessions');
    const current = list.body.find((s: { current: boolean }) => s.current);
    expect(current).toMatchObject({
      createdAt: signedIn.toISOString(),
      lastSeenAt: authClock.now().toISOString(),
      userAgent: 'Console Test/1.0',
      ip: expect.any(String),
    });
  });

  it('OPS-7: a session row opens nothing from its expiry on, and does 1 ms before it', async () => {
    const { agent, sid } = await signIn('sup-expiry@staff.test');
    await expireAt(sid, authClock.now());
    expect((await agent.get('/api/admin/me')).status).toBe(401);
    await expireAt(sid, later(1));
    expect((await agent.get('/api/admin/me')).status).toBe(200);
  });

  it('OPS-7: the sweep removes session rows from their expiry on, not before', async () => {
    const a = await signIn('sup-sweep-a@staff.test');
    const b = await signIn('sup-sweep-b@staff.test');
    await expireAt(a.sid, authClock.now());
    await expireAt(b.sid, later(1));
    await t.ctx.scheduler.runDue();
    expect(await row(a.sid)).toBeUndefined();
    expect(await row(b.sid)).toBeDefined();
  });

  it(`OPS-7: a login half-way (second step pending) is a session of no one whose expiry each \
request renews`, async () => {
    const agent = request.agent(t.app);
    const first = await agent.post('/api/admin/session').send({ email: FINANCE, password: PASSWORD });
    expect(first.status).toBe(202);
    const sid = sidOf(first);
    expect(await row(sid)).toMatchObject({ staff_id: null, created_at: null, expires_at: later(COOKIE_MS) });
    authClock.advance(60);
    expect((await agent.get('/api/admin/me')).status).toBe(401);
    expect(await row(sid)).toMatchObject({ staff_id: null, expires_at: later(COOKIE_MS) });
  });
});

/**
 * The store on its own, where no console request can reach: express-session always hands it a cookie with a
 * lifetime, a staff id from `serializeUser`, a signed sid and a callback. The store's type allows less.
 */
describe('console sessions ended while in use', () => {
  itOnPostgres(
    `OPS-7: a session ended while one of its requests still runs stays ended: the request's save at its \
end does not bring the row back (PostgreSQL only)`,
    async () => {
      const { agent, sid } = await signIn('inflight@staff.test');
      expect((await agent.get('/api/admin/me')).status).toBe(200);
      const { pending } = await t.ctx.db.transaction().execute(async (trx) => {
        // The request loads its session, then waits for the staff table while its session is ended.
        await sql`lock table staff in access exclusive mode`.execute(trx);
        authClock.advance(1); // a second later: the request changes the session (last seen) and saves it
        const pending = agent.get('/api/admin/me').then((r) => r);
        for (let i = 0; i < 100; i++) {
          const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_locks
            where not granted and relation = 'staff'::regclass`.execute(t.ctx.db);
          if (waiting.rows[0]!.n > 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await t.ctx.db.deleteFrom('staff_sessions').where('sid', '=', sid).execute();
        return { pending }; // not awaited here: the request goes on once the lock is released
      });
      expect((await pending).status).toBe(200);
      expect(await row(sid)).toBeUndefined();
      expect((await agent.get('/api/admin/me')).status).toBe(401);
    },
  );
});

describe('console session store, called directly (no rule id in the rulebook)', () => {
  const store = () => new DatabaseSessionStore(t.ctx.db, authClock);
  const cookie = (originalMaxAge: number | null) => ({ originalMaxAge }) as session.Cookie;
  /** Calls one of the store's methods and answers what its callback got; fails if it is not called. */
  const callback = (call: (cb: (err?: unknown) => void) => void) =>
    new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the callback was never called')), 5_000);
      call((err) => {
        clearTimeout(timer);
        resolve(err);
      });
    });
  /** Runs `act` and answers the promise rejections left unhandled in the meantime. */
  async function unhandledDuring(act: () => Promise<void>) {
    const seen: unknown[] = [];
    const listener = (reason: unknown) => seen.push(reason);
    process.on('unhandledRejection', listener);
    try {
      await act();
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('unhandledRejection', listener);
    }
    return seen;
  }
  // PostgreSQL refuses a NUL character in text: every query on such a sid fails.
  const BROKEN_SID = 'broken\u0000sid';

  it(`a session with no cookie lifetime expires 12 hours on, one with a lifetime that long on, in whole \
seconds`, async () => {
    const s = store();
    expect(await callback((cb) => s.set('direct-no-cookie', {} as session.SessionData, cb))).toBeUndefined();
    expect(await row('direct-no-cookie')).toMatchObject({ expires_at: later(12 * 3_600_000) });
    const sess = { cookie: cookie(3_600_000 + 499) } as session.SessionData;
    expect(await callback((cb) => s.set('direct-1h', sess, cb))).toBeUndefined();
    expect(await row('direct-1h')).toMatchObject({ expires_at: later(3_600_000) });
    const nullAge = { cookie: cookie(null) } as session.SessionData;
    expect(await callback((cb) => s.touch('direct-1h', nullAge, cb))).toBeUndefined();
    expect(await row('direct-1h')).toMatchObject({ expires_at: later(12 * 3_600_000) });
  });

  it("only a positive whole staff id is written as the session's staff member", async () => {
    const s = store();
    const staffOf = async (user: unknown) => {
      const sid = `direct-user-${String(user)}`;
      const sess = { cookie: cookie(COOKIE_MS), passport: { user } } as unknown as session.SessionData;
      expect(await callback((cb) => s.set(sid, sess, cb)), String(user)).toBeUndefined();
      return (await row(sid))?.staff_id;
    };
    expect(await staffOf(7)).toBe(7);
    expect(await staffOf('7')).toBe(7);
    for (const user of [0, -7, 7.5, 'seven', 2 ** 53]) expect(await staffOf(user), String(user)).toBeNull();
  });

  it('a database error reaches the callback of get, set, touch and destroy', async () => {
    const s = store();
    const sess = { cookie: cookie(COOKIE_MS) } as session.SessionData;
    expect(await callback((cb) => s.get(BROKEN_SID, cb))).toBeInstanceOf(Error);
    expect(await callback((cb) => s.set(BROKEN_SID, sess, cb))).toBeInstanceOf(Error);
    expect(await callback((cb) => s.touch(BROKEN_SID, sess, cb))).toBeInstanceOf(Error);
    expect(await callback((cb) => s.destroy(BROKEN_SID, cb))).toBeInstanceOf(Error);
  });

  it('set, touch and destroy work without a callback, and fail without one quietly', async () => {
    const s = store();
    const sess = { cookie: cookie(COOKIE_MS) } as session.SessionData;
    /** Waits up to 5 seconds for `done`, and says whether it came. */
    const until = async (done: () => Promise<boolean>) => {
      for (let i = 0; i < 250; i++) {
        if (await done()) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    };
    const unhandled = await unhandledDuring(async () => {
      s.set('direct-no-cb', sess);
      expect(await until(async () => (await row('direct-no-cb')) !== undefined)).toBe(true);
      authClock.advance(60);
      s.touch('direct-no-cb', sess);
      const renewed = later(COOKIE_MS).getTime();
      expect(await until(async () => (await row('direct-no-cb'))?.expires_at.getTime() === renewed)).toBe(
        true,
      );
      s.destroy('direct-no-cb');
      expect(await until(async () => (await row('direct-no-cb')) === undefined)).toBe(true);
      s.set(BROKEN_SID, sess);
      s.touch(BROKEN_SID, sess);
      s.destroy(BROKEN_SID);
      // The same calls with a callback, sent after them, have failed: so have they (and a moment more).
      await callback((cb) => s.set(BROKEN_SID, sess, cb));
      await callback((cb) => s.touch(BROKEN_SID, sess, cb));
      await callback((cb) => s.destroy(BROKEN_SID, cb));
    });
    expect(unhandled).toEqual([]);
  });
});
