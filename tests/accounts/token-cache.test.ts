import { describe, expect, it } from 'vitest';
import request from 'supertest';
import type { KyselyPlugin } from 'kysely';
import {
  findTokenUser,
  forgetUsers,
  issueToken,
  revocationMarks,
  revokeToken,
} from '../../server/auth/user-tokens.js';
import { TestClock } from '../../server/time/clock.js';
import { itOnPostgres, PASSWORD, useTestApp } from '../helpers/context.js';

/**
 * The cache of verified bearer tokens (server/auth/user-tokens.ts), seen from outside. A token revoked by
 * another process (here: SQL) is still accepted for at most 10 seconds of the auth clock; the user's row
 * behind it is trusted for PASAR_READ_CACHE_MS (here the production default, 2 s, shorter than the token
 * cache); `last_used_at` is written at most once a minute. The auth clock is frozen so the tests stand on
 * those edges. This file's app sits behind a trusted proxy on loopback, so X-Forwarded-For is the address.
 */
const authClock = new TestClock({ frozenAt: new Date('2026-11-02T03:00:00Z') });
const READ_CACHE_MS = 2_000;
const t = useTestApp({
  env: { PASAR_READ_CACHE_MS: String(READ_CACHE_MS), PASAR_TRUST_PROXY: 'loopback' },
  authClock,
});
const CACHE_SECONDS = 10;
const TOUCH_SECONDS = 60;
const NEW_PASSWORD = 'Sandi Rahasia 42';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const me = (token: string) => request(t.app).get('/api/v1/me').set(bearer(token));
const login = (email: string, password = PASSWORD) =>
  request(t.app).post('/api/v1/auth/login').send({ email, password });

async function tokenRow(userId: number) {
  return t.ctx.db
    .selectFrom('user_tokens')
    .select(['id', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
}
const revokeBySql = (tokenId: number) =>
  t.ctx.db
    .updateTable('user_tokens')
    .set({ revoked_at: authClock.now() })
    .where('id', '=', tokenId)
    .execute();
const renameBySql = (userId: number, name: string) =>
  t.ctx.db.updateTable('users').set({ name }).where('id', '=', userId).execute();

/** A database handle that, once, lets "another request" change users' rows while a statement is read. */
function changeWhileReading(): KyselyPlugin {
  let fired = false;
  return {
    transformQuery: (args) => args.node,
    transformResult: (args) => {
      if (!fired) {
        fired = true;
        forgetUsers();
      }
      return Promise.resolve(args.result);
    },
  };
}

describe('verified-token cache', () => {
  it(`a token revoked elsewhere is accepted from the cache until 10 seconds after it was \
checked, refused at that moment, whoever else signs in meanwhile (no rule id in the rulebook)`, async () => {
    const u = await t.user();
    expect((await u.get('/api/v1/me')).status).toBe(200);
    const { id } = await tokenRow(u.id);
    await revokeBySql(id);
    // Another user's token verified in between does not push this one out of the cache.
    const other = await t.user();
    expect((await other.get('/api/v1/me')).status).toBe(200);
    authClock.advance(CACHE_SECONDS - 0.001);
    expect((await u.get('/api/v1/me')).status).toBe(200);
    authClock.advance(0.001);
    expect((await u.get('/api/v1/me')).status).toBe(401);
  });

  it(`a cached token is refused at its expiry even inside the cache's 10 seconds \
(no rule id in the rulebook)`, async () => {
    const u = await t.user();
    const { id } = await tokenRow(u.id);
    const expiresAt = new Date(authClock.now().getTime() + 5_000);
    await t.ctx.db.updateTable('user_tokens').set({ expires_at: expiresAt }).where('id', '=', id).execute();
    expect((await u.get('/api/v1/me')).status).toBe(200);
    authClock.advance(4.999);
    expect((await u.get('/api/v1/me')).status).toBe(200);
    authClock.advance(0.001);
    expect((await u.get('/api/v1/me')).status).toBe(401);
  });

  it(`a user whose row is gone while their token is cached is refused (401) \
(no rule id in the rulebook)`, async () => {
    const u = await t.user();
    expect((await u.get('/api/v1/me')).status).toBe(200);
    // Past the user row's cache, inside the token's: the row is read again, and is not there.
    authClock.advance(READ_CACHE_MS / 1000);
    await t.ctx.db.deleteFrom('user_tokens').where('user_id', '=', u.id).execute();
    await t.ctx.db.deleteFrom('users').where('id', '=', u.id).execute();
    expect((await u.get('/api/v1/me')).status).toBe(401);
  });

  it(`ACC-11: a session's "last used" is written on its first use, then at most once a minute, \
from the cache or from the database`, async () => {
    const u = await t.user();
    const lastUsed = async () => {
      const res = await u.get('/api/v1/me/sessions');
      expect(res.status).toBe(200);
      return res.body[0].lastUsedAt as string | null;
    };
    expect((await tokenRow(u.id)).last_used_at).toBeNull();
    const first = authClock.now().toISOString();
    expect(await lastUsed()).toBe(first);
    // Within the cache's 10 seconds: the entry in memory remembers the write.
    authClock.advance(5);
    expect(await lastUsed()).toBe(first);
    // Past the cache: the entry read again from the database keeps its `last_used_at`.
    authClock.advance(TOUCH_SECONDS - 5 - 0.001);
    expect(await lastUsed()).toBe(first);
    authClock.advance(0.001);
    const second = authClock.now().toISOString();
    expect(await lastUsed()).toBe(second);
    authClock.advance(1);
    expect(await lastUsed()).toBe(second);
  });

  it(`ACC-11: a session keeps at most 100 characters of the address it was opened from`, async () => {
    const u = await t.user();
    const address = 'a'.repeat(150);
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', address)
      .send({ email: u.email, password: PASSWORD });
    expect(res.status).toBe(200);
    const list = await request(t.app).get('/api/v1/me/sessions').set(bearer(res.body.token));
    const current = list.body.find((s: { current: boolean }) => s.current);
    expect(current.ip).toBe(address.slice(0, 100));
  });
});

describe("the user's row behind a cached token (issue #14)", () => {
  it(`a change made elsewhere is seen once the row is PASAR_READ_CACHE_MS old, not before; the row \
read again is kept as long (no rule id in the rulebook)`, async () => {
    const u = await t.user();
    const name = async () => (await u.get('/api/v1/me')).body.name as string;
    const before = await name();
    await renameBySql(u.id, 'Renamed Elsewhere');
    expect(await name()).toBe(before);
    authClock.advance(READ_CACHE_MS / 1000 - 0.001);
    expect(await name()).toBe(before);
    authClock.advance(0.001);
    expect(await name()).toBe('Renamed Elsewhere');
    await renameBySql(u.id, 'Renamed Twice');
    expect(await name()).toBe('Renamed Elsewhere');
    // The token itself is still trusted from its own cache (10 s) while the row is read again.
    const { id } = await tokenRow(u.id);
    await revokeBySql(id);
    authClock.advance(READ_CACHE_MS / 1000);
    expect(await name()).toBe('Renamed Twice');
  });

  it(`a change by one user drops only that user's cached row (no rule id in the rulebook)`, async () => {
    const a = await t.user();
    const b = await t.user();
    const before = (await b.get('/api/v1/me')).body.name as string;
    await renameBySql(b.id, 'Renamed Elsewhere');
    expect((await a.patch('/api/v1/me', { bio: 'A change of mine' })).status).toBe(200);
    expect((await b.get('/api/v1/me')).body.name).toBe(before);
    authClock.advance(READ_CACHE_MS / 1000);
    expect((await b.get('/api/v1/me')).body.name).toBe('Renamed Elsewhere');
  });

  it(`a row read while a change commits is not kept, whether the token was cached or not \
(no rule id in the rulebook)`, async () => {
    const u = await t.user();
    const read = async (db = t.ctx.db) =>
      (await findTokenUser(db, u.token, authClock.now(), READ_CACHE_MS))?.user;
    // The token's first check: a change commits while its row is read.
    expect(await read(t.ctx.db.withPlugin(changeWhileReading()))).toBeDefined();
    await renameBySql(u.id, 'Renamed Once');
    expect((await read())?.name).toBe('Renamed Once');
    // The token cached, its row too old: read again while a change commits.
    authClock.advance(READ_CACHE_MS / 1000);
    expect(await read(t.ctx.db.withPlugin(changeWhileReading()))).toBeDefined();
    await renameBySql(u.id, 'Renamed Twice');
    expect((await read())?.name).toBe('Renamed Twice');
  });

  it(`a row read in the future of the auth clock (the clock set back) is not trusted \
(no rule id in the rulebook)`, async () => {
    const u = await t.user();
    expect((await u.get('/api/v1/me')).status).toBe(200);
    await renameBySql(u.id, 'Renamed Elsewhere');
    const at = authClock.now();
    authClock.reset();
    expect(authClock.now().getTime()).toBeLessThan(at.getTime());
    try {
      expect((await u.get('/api/v1/me')).body.name).toBe('Renamed Elsewhere');
    } finally {
      authClock.advance((at.getTime() - authClock.now().getTime()) / 1000);
    }
  });
});

describe('sessions ended in this process', () => {
  it(`ACC-11: after a password change that ends the other sessions, this user's tokens are checked \
against the database for 10 seconds, then cached again`, async () => {
    const u = await t.user();
    const other = await login(u.email);
    expect(other.status).toBe(200);
    expect((await me(other.body.token)).status).toBe(200); // now in the cache
    const changed = await u.post('/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
      signOutOtherSessions: true,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(204);
    expect((await me(other.body.token)).status).toBe(401);
    authClock.advance(CACHE_SECONDS - 0.001);
    expect((await u.get('/api/v1/me')).status).toBe(200);
    // Not cached: a revocation elsewhere is seen at once.
    await revokeBySql((await tokenRow(u.id)).id);
    expect((await u.get('/api/v1/me')).status).toBe(401);
    const later = await login(u.email, NEW_PASSWORD);
    expect(later.status).toBe(200);
    authClock.advance(0.001);
    expect((await me(later.body.token)).status).toBe(200);
    // From the 10th second on, cached again: a revocation elsewhere waits for the cache.
    const { id } = await t.ctx.db
      .selectFrom('user_tokens')
      .select('id')
      .where('user_id', '=', u.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    await revokeBySql(id);
    expect((await me(later.body.token)).status).toBe(200);
  });

  itOnPostgres(
    `ACC-11: a session ended while another request checks it is not cached by that \
request (PostgreSQL only)`,
    async () => {
      const u = await t.user();
      expect((await u.get('/api/v1/me')).status).toBe(200);
      const { id } = await tokenRow(u.id);
      await t.ctx.db.transaction().execute(async (trx) => {
        await revokeToken(trx, id, authClock.now());
        // Not committed yet: a concurrent request still reads the token as valid, and must not cache it.
        expect((await u.get('/api/v1/me')).status).toBe(200);
      });
      expect((await u.get('/api/v1/me')).status).toBe(401);
    },
  );

  it(`a revocation's mark lapses one cache lifetime after it: a process does not keep one per logout \
(no rule id in the rulebook)`, async () => {
    authClock.advance(CACHE_SECONDS); // every mark of the tests above has lapsed
    await revokeToken(t.ctx.db, 900_001, authClock.now());
    expect(revocationMarks()).toBe(1);
    await revokeToken(t.ctx.db, 900_002, authClock.now());
    authClock.advance(CACHE_SECONDS - 1);
    await revokeToken(t.ctx.db, 900_003, authClock.now());
    expect(revocationMarks()).toBe(3);
    authClock.advance(1);
    await revokeToken(t.ctx.db, 900_004, authClock.now());
    expect(revocationMarks()).toBe(2);
    // A mark set again moves behind the newer ones and lapses with its new time: the other goes first.
    authClock.advance(2);
    await revokeToken(t.ctx.db, 900_003, authClock.now());
    expect(revocationMarks()).toBe(2);
    authClock.advance(CACHE_SECONDS - 2);
    await revokeToken(t.ctx.db, 900_005, authClock.now());
    expect(revocationMarks()).toBe(2);
  });

  it(`issueToken keeps at most 500 characters of the user agent (no rule id in the rulebook)`, async () => {
    const u = await t.user();
    const issued = await issueToken(t.ctx.db, u.id, authClock.now(), { userAgent: 'b'.repeat(600) });
    const list = await request(t.app).get('/api/v1/me/sessions').set(bearer(issued.token));
    const current = list.body.find((s: { current: boolean }) => s.current);
    expect(current.userAgent).toBe('b'.repeat(500));
  });
});
