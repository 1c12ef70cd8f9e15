import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/context.js';
import { CARD, makeOrder, orderService, publishService } from '../helpers/market.js';

/** Issue #13, item 1: MNY-5 on every route that moves money, user and staff. */
const t = useTestApp();
const DAY = 86_400;

/**
 * The routes that post to the ledger, found by following each route's use case to `postEntry` (directly or
 * through collectPayment, acceptDelivery, cancelOrder, executeSplit, returnFunds, applyBlock). Written out
 * here, not read from the route flag, so a route that loses its flag, or a new money route added to this
 * list, fails the test. The test-clock route (runs due jobs, test builds only) is left out on purpose.
 */
const MONEY_MOVING = [
  'POST /api/v1/orders/:id/milestones/:mid/pay',
  'POST /api/v1/orders/:id/accept',
  'POST /api/v1/orders/:id/reviews',
  'POST /api/v1/orders/:id/tips',
  'POST /api/v1/resolution-requests/:id/accept',
  'POST /api/v1/disputes/:id/offers/:oid/accept',
  'POST /api/v1/disputes/:id/arbitration',
  'POST /api/v1/disputes/:id/arbitration/pay',
  'POST /api/v1/withdrawals',
  'POST /api/admin/orders/:id/refund',
  'POST /api/admin/orders/:id/reverse-clearance',
  'POST /api/admin/refund-requests/:id/approve',
  'POST /api/admin/escalations/:id/decide',
  'POST /api/admin/disputes/:id/approve-award',
  'POST /api/admin/disputes/:id/decide',
  'POST /api/admin/withdrawals/:id/mark-paid',
  'POST /api/admin/withdrawals/:id/reject',
  'POST /api/admin/withdrawals/:id/mark-failed',
  'POST /api/admin/payout-results/apply',
  'POST /api/admin/held-funds/:id/release',
  'POST /api/admin/users/:id/block',
  'POST /api/admin/users/:id/warnings',
  'POST /api/admin/reports/:id/block',
  'POST /api/admin/reports/:id/warn',
];

describe('Hardening: MNY-5 Idempotency-Key on every money-moving route', () => {
  it(`MNY-5: the route table marks every money-moving route idempotent and \
documents the header`, async () => {
    const byKey = new Map(t.routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r]));
    const missing = MONEY_MOVING.filter((k) => !byKey.has(k));
    expect(missing, 'routes in the list that do not exist').toEqual([]);
    const unmarked = MONEY_MOVING.filter(
      (k) => (byKey.get(k) as { idempotent?: boolean }).idempotent !== true,
    );
    expect(unmarked, 'money-moving routes without Idempotency-Key').toEqual([]);
    const doc = (await (await t.staff('admin')).get('/api/openapi.json')).body;
    for (const k of MONEY_MOVING) {
      const [method, path] = k.split(' ') as [string, string];
      const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')][method.toLowerCase()];
      expect(
        op.parameters.map((p: { name: string }) => p.name),
        k,
      ).toContain('Idempotency-Key');
    }
  });

  it(`MNY-5, REF-6: a staff refund retried with the same key answers the first \
result and moves money once`, async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 500_000 });
    const support = await t.staff('support');
    const send = () =>
      support.agent
        .post(`/api/admin/orders/${o.orderId}/refund`)
        .set('X-CSRF-Token', support.csrfToken)
        .set('Idempotency-Key', 'refund-once-1')
        .send({ amount: 100_000, reason: 'Customer goodwill' });
    const first = await send();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await send();
    expect(second.status).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect((await o.seller.get('/api/v1/me/balance')).body.pending).toBe(400_000 - 100_000);
  });

  it('MNY-5, CLR-2: a clearance reversal retried with the same key writes one reversal entry', async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 500_000 });
    await t.advance(14 * DAY + 60);
    const support = await t.staff('support');
    const send = () =>
      support.agent
        .post(`/api/admin/orders/${o.orderId}/reverse-clearance`)
        .set('X-CSRF-Token', support.csrfToken)
        .set('Idempotency-Key', 'reverse-once-1')
        .send({ amount: 100_000, reason: 'Chargeback under review' });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const entries = await t.ctx.db
      .selectFrom('journal_entries')
      .select('id')
      .where('order_id', '=', o.orderId)
      .where('kind', '=', 'clearance-reversal')
      .execute();
    expect(entries).toHaveLength(1);
    expect((await o.seller.get('/api/v1/me/balance')).body).toMatchObject({
      available: 300_000,
      pending: 100_000,
    });
  });

  it(`MNY-5, RES-3: accepting a cancellation retried with the same key replays \
the first answer, not 409`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const sent = await o.buyer.post(`/api/v1/orders/${o.orderId}/resolution-requests`, {
      kind: 'cancel',
      reason: 'buyer_no_longer_needs',
      message: 'Plans changed, sorry.',
    });
    expect(sent.status).toBe(201);
    const accept = () =>
      o.seller
        .post(`/api/v1/resolution-requests/${sent.body.id}/accept`)
        .set('Idempotency-Key', 'accept-cancel-1');
    const first = await accept();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await accept();
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await o.buyer.get('/api/v1/me/balance')).body.credit).toBe(o.amount);
  });
  it(`MNY-5: a key is 1 to 255 visible ASCII characters: 1 and 255 are accepted; empty, 256 or one \
with a blank is a 400 on the header`, async () => {
    const o = await makeOrder(t, { upTo: 'placed' });
    const pay = (key: string) =>
      o.buyer
        .post(`/api/v1/orders/${o.orderId}/milestones/${o.milestoneId}/pay`, CARD)
        .set('Idempotency-Key', key);
    for (const key of ['', 'k'.repeat(256), 'two words']) {
      const res = await pay(key);
      expect(res.status, `key ${JSON.stringify(key)}`).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'headers.idempotency-key', message: expect.stringContaining('1 to 255 visible ASCII') },
      ]);
    }
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.milestones[0].status).toBe('unpaid');
    const longest = 'k'.repeat(255);
    expect((await pay(longest)).status).toBe(200);
    const replay = await pay(longest);
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const other = await makeOrder(t, { upTo: 'placed' });
    const shortest = await other.buyer
      .post(`/api/v1/orders/${other.orderId}/milestones/${other.milestoneId}/pay`, CARD)
      .set('Idempotency-Key', '~');
    expect(shortest.status, JSON.stringify(shortest.body)).toBe(200);
    expect(shortest.headers['idempotent-replayed']).toBeUndefined();
  });

  it(`MNY-5: the same key and the same body sent to another route is refused (422), not answered with \
the first route's result`, async () => {
    const o = await makeOrder(t, { upTo: 'placed' });
    const service = await publishService(o.seller);
    const second = await orderService(o.buyer, service.id);
    const pay = (orderId: number, milestoneId: number) =>
      o.buyer
        .post(`/api/v1/orders/${orderId}/milestones/${milestoneId}/pay`, CARD)
        .set('Idempotency-Key', 'one-key-two-orders');
    expect((await pay(o.orderId, o.milestoneId)).status).toBe(200);
    const res = await pay(second.id, second.milestones[0]!.id);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body).toMatchObject({
      type: 'https://pasar.dev/problems/idempotency-key-reused',
      title: 'Idempotency key reused',
      detail: expect.stringContaining('Use a new key for a new request'),
    });
    expect((await o.buyer.get(`/api/v1/orders/${second.id}`)).body.milestones[0].status).toBe('unpaid');
  });
});
