import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { TestClock } from '../../server/time/clock.js';
import { useTestApp } from '../helpers/context.js';
import { publishService } from '../helpers/market.js';

/**
 * Issue #14: with PASAR_READ_CACHE_MS the user's row behind a cached token and the public search answers
 * are kept for a moment. A change made through this process is seen at once; one made elsewhere (another
 * process, SQL) after at most PASAR_READ_CACHE_MS by the auth clock. The TTL here is long (60 s), so only
 * the invalidation can make these tests pass before the auth clock is moved.
 */
const TTL_MS = 60_000;
const authClock = new TestClock({ frozenAt: new Date('2026-11-02T03:00:00Z') });
const t = useTestApp({ env: { PASAR_READ_CACHE_MS: String(TTL_MS) }, authClock });

const search = (q: string) => request(t.app).get(`/api/v1/services?q=${encodeURIComponent(q)}`);
const ids = (res: request.Response) => res.body.items.map((s: { id: number }) => s.id) as number[];

describe('read caches (issue #14)', () => {
  it('ACC-6/WRN-9: a user blocked by staff loses their token at once in this process', async () => {
    const u = await t.user();
    expect((await u.get('/api/v1/me')).status).toBe(200);
    const ts = await t.staff('trust_safety');
    expect((await ts.post(`/api/admin/users/${u.id}/block`, { reason: 'Fraudulent orders' })).status).toBe(
      200,
    );
    expect((await u.get('/api/v1/me')).status).toBe(401);
  });

  it('WRN-4: a suspension by staff refuses the next action at once; lifting it allows it again', async () => {
    const u = await t.user();
    expect((await u.get('/api/v1/me')).body.status).toBe('active');
    const ts = await t.staff('trust_safety');
    // WRN-4: a first warning for spam is a warning only; the second suspends.
    expect(
      (await ts.post(`/api/admin/users/${u.id}/warnings`, { type: 'spam', reason: 'First spam' })).status,
    ).toBe(201);
    expect((await u.patch('/api/v1/me', { bio: 'Warned once' })).status).toBe(200);
    const warned = await ts.post(`/api/admin/users/${u.id}/warnings`, {
      type: 'spam',
      reason: 'Spam again',
      suspensionDays: 3,
    });
    expect(warned.status, JSON.stringify(warned.body)).toBe(201);
    const row = await t.ctx.db.selectFrom('users').select('status').where('id', '=', u.id).executeTakeFirst();
    expect(row?.status).toBe('suspended');
    expect((await u.get('/api/v1/me')).body.status).toBe('suspended');
    const refused = await u.patch('/api/v1/me', { bio: 'Still here' });
    expect(refused.status).toBe(403);
    expect(refused.body.type).toMatch(/account-suspended/);
    const lifted = await ts.post(`/api/admin/users/${u.id}/lift-suspension`, { reason: 'Appeal accepted' });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    expect((await u.patch('/api/v1/me', { bio: 'Back again' })).status).toBe(200);
  });

  it("a user's own change is in their next request; logout ends the token at once", async () => {
    const u = await t.user();
    expect((await u.get('/api/v1/me')).status).toBe(200);
    expect((await u.patch('/api/v1/me', { name: 'Renamed Person' })).status).toBe(200);
    expect((await u.get('/api/v1/me')).body.name).toBe('Renamed Person');
    expect((await u.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await u.get('/api/v1/me')).status).toBe(401);
  });

  it('a change made outside this process is seen after at most PASAR_READ_CACHE_MS', async () => {
    const u = await t.user();
    expect((await u.get('/api/v1/me')).body.name).not.toBe('Changed Elsewhere');
    await t.ctx.db.updateTable('users').set({ name: 'Changed Elsewhere' }).where('id', '=', u.id).execute();
    authClock.advance(TTL_MS / 1000);
    expect((await u.get('/api/v1/me')).body.name).toBe('Changed Elsewhere');
    await t.ctx.db.updateTable('users').set({ status: 'blocked' }).where('id', '=', u.id).execute();
    authClock.advance(TTL_MS / 1000);
    expect((await u.get('/api/v1/me')).status).toBe(401);
  });

  it('CAT-4: a search answer is dropped by any change made through this process', async () => {
    const seller = await t.seller();
    const word = `kaligrafi${Date.now().toString(36)}`;
    const first = await publishService(seller, { title: `Kaligrafi ${word} satu` });
    const before = await search(word);
    expect(ids(before)).toEqual([first.id]);
    // A second service: the answer kept a moment ago is not served any more.
    const second = await publishService(seller, { title: `Kaligrafi ${word} dua` });
    expect(ids(await search(word)).sort()).toEqual([first.id, second.id].sort());
    // Taken off sale: gone from the next search.
    expect((await seller.patch(`/api/v1/services/${first.id}`, { active: false })).status).toBe(200);
    expect(ids(await search(word))).toEqual([second.id]);
    // Changed by SQL (another process): seen once the answer is older than PASAR_READ_CACHE_MS.
    await t.ctx.db.updateTable('services').set({ active: false }).where('id', '=', second.id).execute();
    expect(ids(await search(word))).toEqual([second.id]);
    authClock.advance(TTL_MS / 1000);
    expect(ids(await search(word))).toEqual([]);
  });
});
