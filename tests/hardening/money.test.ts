import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';

/** Issue #13, items 2 and 3: earnings after refunds (CLR-3) and money reaching a blocked account (WRN-9). */
const t = useTestApp();
const DAY = 86_400;

describe('Hardening: earnings after refunds, money after a block', () => {
  it(`CLR-3, REF-6: a support refund from pending counts as refunded; expected \
earnings follow partial refunds`, async () => {
    const done = await makeOrder(t, { upTo: 'completed', price: 500_000 });
    const support = await t.staff('support');
    const refund = await support.post(`/api/admin/orders/${done.orderId}/refund`, {
      amount: 300_000,
      reason: 'Work not as described',
    });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    const after = (await done.seller.get('/api/v1/me/earnings')).body;
    expect(after.refundedOrCancelled).toBe(300_000);
    expect(after.pendingClearance).toBe(100_000);

    const open = await makeOrder(t, { upTo: 'delivered', price: 1_000_000 });
    expect((await open.seller.get('/api/v1/me/earnings')).body.expected.deliveredOrders).toBe(800_000);
    const r = await open.buyer.post(`/api/v1/orders/${open.orderId}/refund-requests`, {
      reason: 'seller_not_working_as_agreed',
      message: 'Half of the work is missing.',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const approved = await support.post(`/api/admin/refund-requests/${r.body.id}/approve`, {
      amount: 500_000,
      reason: 'Half was delivered',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    // Half of the escrow went back: the seller can expect 80% of what is left, not of the milestone.
    expect((await open.seller.get('/api/v1/me/earnings')).body.expected.deliveredOrders).toBe(400_000);
  });

  it(`WRN-9, MNY-3: an order delivered before the block completes afterwards into \
held, never pending`, async () => {
    const o = await makeOrder(t, { upTo: 'delivered', price: 500_000 });
    const ts = await t.staff('trust_safety');
    const block = await ts.post(`/api/admin/users/${o.seller.id}/block`, { reason: 'Fraudulent listings' });
    expect(block.status, JSON.stringify(block.body)).toBe(200);
    const before = await t.ctx.db
      .selectFrom('users')
      .select('held_release_at')
      .where('id', '=', o.seller.id)
      .executeTakeFirstOrThrow();
    await t.advance(3 * DAY + 60); // auto-acceptance (ORD-3)
    const balances = async () =>
      t.ctx.db
        .selectFrom('ledger_accounts')
        .select(['kind', 'balance'])
        .where('user_id', '=', o.seller.id)
        .where('balance', '<>', 0)
        .execute();
    expect(await balances()).toEqual([{ kind: 'held', balance: 400_000 }]);
    const after = await t.ctx.db
      .selectFrom('users')
      .select('held_release_at')
      .where('id', '=', o.seller.id)
      .executeTakeFirstOrThrow();
    expect(after.held_release_at!.getTime()).toBeGreaterThan(before.held_release_at!.getTime());
    await t.advance(14 * DAY + 60); // a clearance would have run
    expect(await balances()).toEqual([{ kind: 'held', balance: 400_000 }]);
    const finance = await t.staff('finance');
    const held = (await finance.get('/api/admin/held-funds')).body as { userId?: number; id?: number }[];
    expect(JSON.stringify(held)).toContain('400000');
    const run = await finance.post('/api/admin/ledger/reconcile');
    expect(run.body.ok, JSON.stringify(run.body)).toBe(true);
    // The reconciliation flags spendable money on a blocked account, however it got there.
    const other = await makeOrder(t, { upTo: 'completed', price: 200_000 });
    await t.ctx.db
      .updateTable('users')
      .set({ status: 'blocked' })
      .where('id', '=', other.seller.id)
      .execute();
    const flagged = await finance.post('/api/admin/ledger/reconcile');
    expect(flagged.body.ok).toBe(false);
    expect(JSON.stringify(flagged.body)).toMatch(/blocked account/);
  });
});
