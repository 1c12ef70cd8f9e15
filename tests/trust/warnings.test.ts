import { describe, expect, it } from 'vitest';
import request from 'supertest';
import type { SellerLevel, WarningType } from '../../db/schema.js';
import { warningConsequence } from '../../server/modules/trust/rules.js';
import { PASSWORD, useTestApp } from '../helpers/context.js';
import { expectLedgerSound, makeOrder } from '../helpers/market.js';

const t = useTestApp();
const DAY = 86_400;
const NOW = new Date('2026-11-23T02:00:00Z');

describe('the warning policy, exhaustively (WRN-3..7, WRN-11)', () => {
  const TYPES: WarningType[] = ['spam', 'abusive_language', 'other'];
  const LEVELS: SellerLevel[] = ['new', 'level_1', 'level_2', 'top_rated'];
  const histories: WarningType[][] = [[]];
  for (let n = 1; n <= 3; n++)
    for (const h of histories.filter((x) => x.length === n - 1))
      for (const ty of TYPES) histories.push([...h, ty]);

  it(`WRN-3, WRN-4, WRN-5, WRN-6, WRN-7: every history of up to 3 warnings of 3 \
types × every level × every new type`, () => {
    let cases = 0;
    for (const past of histories)
      for (const level of LEVELS)
        for (const type of TYPES)
          for (const severe of [false, true]) {
            const d = warningConsequence({
              history: past.map((ty) => ({ type: ty, issuedAt: new Date(NOW.getTime() - DAY * 1000) })),
              now: NOW,
              countingDays: 90,
              level,
              type,
              severe,
            });
            cases++;
            if (severe) {
              expect(d.consequence).toBe('block');
              continue;
            } // WRN-7
            if (past.length + 1 >= 3) {
              expect(d.consequence, `${past.join(',')} ${level} ${type}`).toBe('suspension');
              continue;
            } // WRN-6
            if (past.includes(type)) {
              expect(d.consequence).toBe('suspension');
              continue;
            } // WRN-4
            if (past.length > 0 && level !== 'new') {
              // WRN-5
              expect(d.consequence).toBe('demotion');
              expect(d.rule).toBe('WRN-5');
              expect(d.levelAfter).toBe({ level_1: 'new', level_2: 'level_1', top_rated: 'level_2' }[level]);
              continue;
            }
            expect(d.consequence).toBe('reminder'); // WRN-3
            // A new seller warned again for another type has no level to lose: still WRN-5, not a
            // first warning.
            expect(d.rule, `${past.join(',')} ${level} ${type}`).toBe(past.length === 0 ? 'WRN-3' : 'WRN-5');
          }
    expect(cases).toBe(40 * 4 * 3 * 2);
  });

  it('WRN-11: warnings older than the counting window no longer count', () => {
    const old = [
      { type: 'spam' as const, issuedAt: new Date(NOW.getTime() - 91 * DAY * 1000) },
      { type: 'spam' as const, issuedAt: new Date(NOW.getTime() - 95 * DAY * 1000) },
    ];
    expect(
      warningConsequence({
        history: old,
        now: NOW,
        countingDays: 90,
        level: 'level_2',
        type: 'spam',
        severe: false,
      }).consequence,
    ).toBe('reminder');
    expect(
      warningConsequence({
        history: old,
        now: NOW,
        countingDays: 120,
        level: 'level_2',
        type: 'spam',
        severe: false,
      }).consequence,
    ).toBe('suspension');
  });
});

describe('warnings through the API (WRN)', () => {
  const warn = (id: number, body: object) =>
    t.staff('trust_safety').then((c) => c.post(`/api/admin/users/${id}/warnings`, body));

  it('WRN-1, WRN-3: a first warning is a reminder, emailed, and does not restrict the account', async () => {
    const u = await t.user();
    const res = await warn(u.id, { type: 'spam', reason: 'Sent the same message to 40 sellers' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ consequence: 'reminder', rule: 'WRN-3' });
    expect((await u.get('/api/v1/me')).body.status).toBe('active');
    expect((await u.patch('/api/v1/me', { bio: 'still here' })).status).toBe(200);
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', u.email)
      .where('kind', '=', 'account.warning')
      .executeTakeFirstOrThrow();
    expect(mail.body).toContain('Sent the same message to 40 sellers');
  });

  it('WRN-2: every warning type of the rulebook is accepted; an unknown one is a 400', async () => {
    const types = ['abusive_language', 'spam', 'misleading_profile', 'sharing_contact_info'];
    types.push('feedback_manipulation', 'misrepresenting_service', 'other');
    const u = await t.user();
    const trust = await t.staff('trust_safety');
    for (const type of types)
      expect((await trust.post(`/api/admin/users/${u.id}/warnings/preview`, { type })).status, type).toBe(
        200,
      );
    expect((await trust.post(`/api/admin/users/${u.id}/warnings/preview`, { type: 'rudeness' })).status).toBe(
      400,
    );
  });

  it('WRN-8: the preview shows the consequence the same function computes and changes nothing', async () => {
    const u = await t.user();
    await warn(u.id, { type: 'spam', reason: 'first' });
    const trust = await t.staff('trust_safety');
    const preview = await trust.post(`/api/admin/users/${u.id}/warnings/preview`, { type: 'spam' });
    expect(preview.body).toMatchObject({ consequence: 'suspension', rule: 'WRN-4' });
    expect((await trust.get(`/api/admin/users/${u.id}/warnings`)).body).toHaveLength(1);
    expect(
      (await (await t.staff('support')).post(`/api/admin/users/${u.id}/warnings/preview`, { type: 'spam' }))
        .status,
    ).toBe(403);
  });

  it(`WRN-4, ACC-6: a second warning of the same type suspends: the user reads \
but cannot act, until the date; it ends by itself`, async () => {
    const u = await t.user();
    await warn(u.id, { type: 'sharing_contact_info', reason: 'Phone number in a message' });
    const res = await warn(u.id, {
      type: 'sharing_contact_info',
      reason: 'Again, WhatsApp number in a gig description',
    });
    expect(res.body).toMatchObject({ consequence: 'suspension', rule: 'WRN-4' });
    expect((await u.get('/api/v1/me')).body.status).toBe('suspended');
    const act = await u.patch('/api/v1/me', { bio: 'x' });
    expect(act.status).toBe(403);
    expect(act.body.type).toBe('https://pasar.dev/problems/account-suspended');
    expect(act.body.suspendedUntil).toBe(res.body.suspendedUntil);
    expect(
      (await request(t.app).post('/api/v1/auth/login').send({ email: u.email, password: PASSWORD })).status,
    ).toBe(200);
    await t.advance(14 * DAY + 60);
    expect((await u.get('/api/v1/me')).body.status).toBe('active');
    expect((await u.patch('/api/v1/me', { bio: 'back' })).status).toBe(200);
  });

  it('WRN-8: staff lift a suspension early with a reason', async () => {
    const u = await t.user();
    await warn(u.id, { type: 'spam', reason: 'one' });
    await warn(u.id, { type: 'spam', reason: 'two' });
    const trust = await t.staff('trust_safety');
    expect((await trust.post(`/api/admin/users/${u.id}/lift-suspension`, {})).status).toBe(422);
    expect(
      (
        await trust.post(`/api/admin/users/${u.id}/lift-suspension`, {
          reason: 'Appeal accepted: the number was the company switchboard',
        })
      ).body.status,
    ).toBe('active');
    expect((await u.patch('/api/v1/me', { bio: 'ok' })).status).toBe(200);
  });

  it('WRN-5: a second warning of another type demotes a levelled seller by one level', async () => {
    const s = await t.seller();
    await t.ctx.db.updateTable('users').set({ seller_level: 'level_2' }).where('id', '=', s.id).execute();
    await warn(s.id, { type: 'spam', reason: 'one' });
    const res = await warn(s.id, { type: 'misleading_profile', reason: 'Claims a degree they do not have' });
    expect(res.body).toMatchObject({
      consequence: 'demotion',
      levelBefore: 'level_2',
      levelAfter: 'level_1',
    });
    expect((await s.get('/api/v1/me')).body.sellerLevel).toBe('level_1');
  });

  it('WRN-6: three warnings of any type suspend', async () => {
    const u = await t.user();
    await warn(u.id, { type: 'spam', reason: 'one' });
    await warn(u.id, { type: 'other', reason: 'two' });
    expect((await warn(u.id, { type: 'abusive_language', reason: 'three' })).body).toMatchObject({
      consequence: 'suspension',
      rule: 'WRN-6',
    });
  });

  it(`WRN-7, WRN-9: a severe violation blocks at once; the user cannot log in; \
funds move to held, releasable after 90 days`, async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    const res = await warn(o.seller.id, { type: 'other', reason: 'Selling stolen accounts', severe: true });
    expect(res.body).toMatchObject({ consequence: 'block', rule: 'WRN-7', held: 800_000 });
    expect(new Date(res.body.heldReleaseAt).getTime() - t.clock.now().getTime()).toBe(90 * DAY * 1000);
    expect((await o.seller.get('/api/v1/me')).status).toBe(401);
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: o.seller.email, password: PASSWORD });
    expect(login.status).toBe(403);
    expect(login.body.type).toBe('https://pasar.dev/problems/account-blocked');
    const balances = (await (await t.staff('finance')).get(`/api/admin/users/${o.seller.id}`)).body;
    expect(balances).toMatchObject({ held: 800_000, pending: 0, status: 'blocked' });
    // The clearance job of the blocked seller's earnings finds nothing pending and moves nothing.
    await t.advance(15 * DAY);
    expect((await (await t.staff('finance')).get(`/api/admin/users/${o.seller.id}`)).body).toMatchObject({
      held: 800_000,
      available: 0,
    });
    const direct = await t.user();
    expect(
      (
        await (
          await t.staff('trust_safety')
        ).post(`/api/admin/users/${direct.id}/block`, { reason: 'Fraudulent chargebacks' })
      ).body.status,
    ).toBe('blocked');
    await expectLedgerSound(t);
  });

  it(`WRN-7, WRN-8, SEL-4: the actions offered on an account follow its status, and an action out \
of turn is a 409 that says why`, async () => {
    const trust = await t.staff('trust_safety');
    const offered = async (id: number) => (await trust.get(`/api/admin/users/${id}`)).body.allowedActions;
    const problem = (res: { status: number; body: Record<string, unknown> }) => ({
      status: res.status,
      type: res.body.type,
      title: res.body.title,
      detail: res.body.detail,
    });
    const buyer = await t.user();
    const seller = await t.seller();
    // Open: block and warn; a seller's level may be set too.
    expect(await offered(buyer.id)).toEqual(['block', 'warn']);
    expect(await offered(seller.id)).toEqual(['block', 'warn', 'set-level']);
    expect(
      problem(await trust.post(`/api/admin/users/${seller.id}/lift-suspension`, { reason: 'Appeal' })),
    ).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/not-suspended',
      title: 'Not suspended',
      detail: 'The account is active.',
    });
    // Suspended (WRN-4): the suspension may be lifted, and a warning may still follow.
    await warn(seller.id, { type: 'spam', reason: 'one' });
    await warn(seller.id, { type: 'spam', reason: 'two' });
    expect(await offered(seller.id)).toEqual(['lift-suspension', 'block', 'warn', 'set-level']);
    // Deactivated by its owner: staff may still block it, never warn it.
    expect((await buyer.post('/api/v1/me/deactivate', { reason: 'found_another_platform' })).status).toBe(
      204,
    );
    expect(await offered(buyer.id)).toEqual(['block']);
    expect(problem(await warn(buyer.id, { type: 'spam', reason: 'Late spam' }))).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/account-closed',
      title: 'Account closed',
      detail: 'The account is deactivated.',
    });
    // Blocked: nothing is left to do.
    expect((await trust.post(`/api/admin/users/${seller.id}/block`, { reason: 'Fraud ring' })).status).toBe(
      200,
    );
    expect(await offered(seller.id)).toEqual([]);
    expect(
      problem(await trust.post(`/api/admin/users/${seller.id}/block`, { reason: 'Fraud ring' })),
    ).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/already-blocked',
      title: 'Already blocked',
      detail: 'The account is blocked already.',
    });
    expect(problem(await warn(seller.id, { type: 'other', reason: 'Again' }))).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/account-closed',
      title: 'Account closed',
      detail: 'The account is blocked.',
    });
    expect(
      problem(
        await trust.post(`/api/admin/users/${seller.id}/level`, { level: 'level_1', reason: 'Steady work' }),
      ),
    ).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/account-closed',
      title: 'Account closed',
      detail: 'The account is blocked.',
    });
    expect(
      problem(await trust.post(`/api/admin/users/${seller.id}/lift-suspension`, { reason: 'Appeal' })),
    ).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/not-suspended',
      title: 'Not suspended',
      detail: 'The account is blocked.',
    });
  });

  it('WRN-11: a warning stops counting after 90 days but stays on record', async () => {
    const u = await t.user();
    await warn(u.id, { type: 'spam', reason: 'old one' });
    await t.advance(91 * DAY);
    expect((await warn(u.id, { type: 'spam', reason: 'new one' })).body.consequence).toBe('reminder');
    expect(
      (await (await t.staff('trust_safety')).get(`/api/admin/users/${u.id}/warnings`)).body,
    ).toHaveLength(2);
  });
});
