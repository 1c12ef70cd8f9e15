import { describe, expect, it } from 'vitest';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { CARD, orderService, publishService } from '../helpers/market.js';
import { levelFor, scheduleNextLevelsRun } from '../../server/modules/trust/levels.js';
import { defaultSettings } from '../../server/modules/settings/rules.js';

const t = useTestApp();
const five = { communication: 5, asDescribed: 5, recommend: 5 };

async function completedOrders(seller: UserClient, serviceId: number, n: number) {
  for (let i = 0; i < n; i++) {
    const buyer = await t.user();
    const o = await orderService(buyer, serviceId);
    expect(
      (await buyer.post(`/api/v1/orders/${o.id}/milestones/${o.milestones[0]!.id}/pay`, CARD)).status,
    ).toBe(200);
    expect((await seller.post(`/api/v1/orders/${o.id}/deliveries`, { message: 'done' })).status).toBe(201);
    expect((await buyer.post(`/api/v1/orders/${o.id}/reviews`, five)).status).toBe(201);
  }
}

async function cancelledOrder(seller: UserClient, serviceId: number, notSellerFault: boolean) {
  const buyer = await t.user();
  const o = await orderService(buyer, serviceId);
  await buyer.post(`/api/v1/orders/${o.id}/milestones/${o.milestones[0]!.id}/pay`, CARD);
  const req = (
    await buyer.post(`/api/v1/orders/${o.id}/resolution-requests`, {
      kind: 'cancel',
      reason: 'other',
      message: 'Please cancel.',
    })
  ).body;
  await seller.post(`/api/v1/resolution-requests/${req.id}/decline`, {});
  const esc = (
    await buyer.post(`/api/v1/resolution-requests/${req.id}/escalate`, {
      statement: 'I need to cancel this order.',
    })
  ).body;
  const res = await (
    await t.staff('support')
  ).post(`/api/admin/escalations/${esc.id}/decide`, {
    outcome: 'cancel_full',
    reason: notSellerFault ? 'The buyer changed plans' : 'The seller did not start',
    notSellerFault,
  });
  expect(res.status).toBe(200);
}

describe('seller levels (SEL-4, SEL-5)', () => {
  it(`SEL-4: thresholds from settings decide new / level_1 / level_2; top_rated \
is never computed; a recent warning blocks promotion`, () => {
    const s = defaultSettings();
    const m = {
      completed: 5,
      cancelled: 0,
      completionBp: 10_000,
      ratingX100: 480,
      onTimeBp: 10_000,
      recentWarnings: 0,
    };
    expect(levelFor('new', m, s)).toBe('level_1');
    expect(levelFor('new', { ...m, completed: 20, ratingX100: 490 }, s)).toBe('level_2');
    expect(levelFor('level_2', { ...m, completed: 4 }, s)).toBe('new');
    expect(levelFor('top_rated', { ...m, completed: 0 }, s)).toBe('top_rated');
    expect(levelFor('new', { ...m, recentWarnings: 1 }, s)).toBe('new');
  });

  it(`SEL-4, SEL-5: the recompute promotes on 60-day metrics; a cancellation \
support marks "not the seller's fault" does not count, another does`, async () => {
    const seller = await t.seller();
    const svc = await publishService(seller, { price: 200_000 });
    await completedOrders(seller, svc.id, 5);
    const trust = await t.staff('trust_safety');
    const first = await trust.post('/api/admin/seller-levels/recompute');
    expect(first.body.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ sellerId: seller.id, from: 'new', to: 'level_1' })]),
    );
    await cancelledOrder(seller, svc.id, true);
    await trust.post('/api/admin/seller-levels/recompute');
    expect((await seller.get('/api/v1/me')).body.sellerLevel).toBe('level_1');
    const metrics = (await trust.get(`/api/admin/users/${seller.id}`)).body.sellerMetrics;
    expect(metrics).toMatchObject({ completed: 5, cancelled: 0, completionBp: 10_000, ratingX100: 500 });
    await cancelledOrder(seller, svc.id, false);
    await trust.post('/api/admin/seller-levels/recompute');
    expect((await seller.get('/api/v1/me')).body.sellerLevel).toBe('new'); // 5 / 6 = 83% < 90%
  });

  it('SEL-4: top_rated is set by hand with a reason and survives the daily run', async () => {
    const seller = await t.seller();
    const trust = await t.staff('trust_safety');
    expect((await trust.post(`/api/admin/users/${seller.id}/level`, { level: 'top_rated' })).status).toBe(
      422,
    );
    expect(
      (
        await trust.post(`/api/admin/users/${seller.id}/level`, {
          level: 'top_rated',
          reason: 'Hand-picked for quality',
        })
      ).status,
    ).toBe(200);
    // The daily run through the scheduler: it runs, leaves top_rated alone and schedules the next day.
    await scheduleNextLevelsRun(t.ctx.db, t.clock.now());
    await t.advance(3 * 86_400);
    const runs = await t.ctx.db
      .selectFrom('scheduled_jobs')
      .select(['status', 'run_at'])
      .where('kind', '=', 'sellers.recompute-levels')
      .orderBy('run_at')
      .execute();
    expect(runs.filter((r) => r.status === 'done').length).toBeGreaterThanOrEqual(2);
    expect(runs.at(-1)!.status).toBe('pending');
    expect((await seller.get('/api/v1/me')).body.sellerLevel).toBe('top_rated');
  });
});

describe('the daily level evaluation (SEL-6)', () => {
  it(`SEL-6: the daily run moves sellers up and back down between new, level_1 \
and level_2 as their 60-day figures change; it never sets or removes top_rated`, async () => {
    const admin = await t.staff('admin');
    for (const [key, value] of [
      ['level1_min_completed_orders', 2],
      ['level2_min_completed_orders', 4],
    ] as const)
      expect(
        (await admin.put(`/api/admin/settings/${key}`, { value, reason: 'a small marketplace' })).status,
      ).toBe(200);
    const trust = await t.staff('trust_safety');
    const climber = await t.seller();
    const climberService = await publishService(climber, { price: 200_000 });
    // A hand-picked seller whose figures would earn level_2, and one with no figures at all.
    const picked = await t.seller();
    const pickedService = await publishService(picked, { price: 200_000 });
    await completedOrders(picked, pickedService.id, 4);
    const quiet = await t.seller();
    for (const s of [picked, quiet])
      expect(
        (await trust.post(`/api/admin/users/${s.id}/level`, { level: 'top_rated', reason: 'Hand-picked' }))
          .status,
      ).toBe(200);
    const level = async (s: UserClient) => (await s.get('/api/v1/me')).body.sellerLevel as string;
    const day = () => t.advance(86_400);

    await completedOrders(climber, climberService.id, 2);
    await scheduleNextLevelsRun(t.ctx.db, t.clock.now());
    await day();
    expect(await level(climber)).toBe('level_1');
    await t.advance(9 * 86_400);
    await completedOrders(climber, climberService.id, 2);
    await day();
    expect(await level(climber)).toBe('level_2');
    // Day 62: the first two orders left the 60-day window; two remain.
    await t.advance(52 * 86_400);
    expect(await level(climber)).toBe('level_1');
    // Day 72: none left.
    await t.advance(10 * 86_400);
    expect(await level(climber)).toBe('new');

    expect(await level(picked)).toBe('top_rated');
    expect(await level(quiet)).toBe('top_rated');
    const moves = await t.ctx.db
      .selectFrom('audit_log')
      .select(['subject_id', 'actor_type', 'before', 'after'])
      .where('action', '=', 'seller.level')
      .where('subject_id', 'in', [climber.id, picked.id, quiet.id].map(String))
      .orderBy('id')
      .execute();
    expect(moves.every((m) => m.actor_type === 'system')).toBe(true);
    expect(moves.map((m) => Number(m.subject_id))).toEqual([climber.id, climber.id, climber.id, climber.id]);
    expect(moves.map((m) => (m.after as { level: string }).level)).toEqual([
      'level_1',
      'level_2',
      'level_1',
      'new',
    ]);
  });
});
