import { describe, expect, it, vi } from 'vitest';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';
import { notify } from '../../server/notifications/templates.js';
import { camel } from '../../server/http/camel.js';

const t = useTestApp();
vi.setConfig({ testTimeout: 120_000 }); // whole ticket lives on a small, shared machine
const DAY = 86_400;

const PAGE = { total: expect.any(Number), page: 1, perPage: 20, items: expect.any(Array) };

describe('in-app notifications (SUP-7)', () => {
  it(`SUP-7: every outbox message to a user is also their notification, written \
with it, and nothing else is`, async () => {
    // A spread of flows that mail users: order, delivery, acceptance, a resolution request, a ticket reply.
    const o = await makeOrder(t, { upTo: 'completed' });
    const other = await makeOrder(t, { upTo: 'paid' });
    await other.buyer.post(`/api/v1/orders/${other.orderId}/resolution-requests`, {
      kind: 'update',
      reason: 'no_news',
      message: 'Any news?',
    });
    const ticket = await o.buyer.post('/api/v1/support/tickets', {
      topic: 'other',
      subject: 'A question',
      message: 'How do invoices work?',
    });
    const support = await t.staff('support');
    await support.post(`/api/admin/tickets/${ticket.body.id}/messages`, {
      body: 'Like this.',
      status: 'solved',
    });
    await support.post(`/api/admin/tickets/${ticket.body.id}/messages`, { body: 'A note', internal: true });
    await t.advance(5 * DAY);

    const outbox = await t.ctx.db
      .selectFrom('outbox')
      .innerJoin('users', 'users.email', 'outbox.recipient')
      .select(['users.id as userId', 'outbox.kind', 'outbox.subject', 'outbox.body'])
      .orderBy('outbox.id')
      .execute();
    const notes = await t.ctx.db
      .selectFrom('notifications')
      .select([...camel('user_id'), 'kind', 'subject', 'body'])
      .orderBy('id')
      .execute();
    expect(outbox.length).toBeGreaterThan(8);
    expect(new Set(outbox.map((m) => m.kind)).size).toBeGreaterThan(5);
    expect(notes).toEqual(outbox);
  });

  it(`SUP-7: the notification and the mail commit or roll back together with the \
change they tell about`, async () => {
    const user = await t.user();
    const rows = async () => ({
      outbox: await t.ctx.db.selectFrom('outbox').select('id').where('recipient', '=', user.email).execute(),
      notifications: await t.ctx.db
        .selectFrom('notifications')
        .select('id')
        .where('user_id', '=', user.id)
        .execute(),
    });
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await notify(trx, t.ctx, { userId: user.id, kind: 'account.suspension-ended', params: {} });
        throw new Error('the use case fails after notifying');
      }),
    ).rejects.toThrow('the use case fails');
    expect(await rows()).toEqual({ outbox: [], notifications: [] });
    await t.ctx.db
      .transaction()
      .execute((trx) =>
        notify(trx, t.ctx, { userId: user.id, kind: 'account.suspension-ended', params: {} }),
      );
    const after = await rows();
    expect([after.outbox.length, after.notifications.length]).toEqual([1, 1]);
  });

  it(`SUP-7: unread first with unreadCount; read one, read all; another user’s \
notification is 404`, async () => {
    const user = await t.user();
    const stranger = await t.user();
    for (const subject of ['First', 'Second', 'Third'])
      await user.post('/api/v1/support/tickets', { topic: 'other', subject, message: 'Tell me more please' });
    const list = await user.get('/api/v1/notifications');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ ...PAGE, total: 3, unreadCount: 3 });
    const [third, second, first] = list.body.items as { id: number; subject: string; readAt: null }[];
    expect(first!.subject).toContain('First');
    expect((await stranger.post(`/api/v1/notifications/${third!.id}/read`)).status).toBe(404);
    const read = await user.post(`/api/v1/notifications/${third!.id}/read`);
    expect(read.body).toMatchObject({ id: third!.id, unreadCount: 2 });
    const after = (await user.get('/api/v1/notifications')).body;
    expect(after.items.map((n: { id: number }) => n.id)).toEqual([second!.id, first!.id, third!.id]);
    expect(after.unreadCount).toBe(2);
    const paged = (await user.get('/api/v1/notifications?page=2&perPage=2')).body;
    expect(paged).toMatchObject({ total: 3, page: 2, perPage: 2 });
    expect(paged.items.map((n: { id: number }) => n.id)).toEqual([third!.id]);
    expect((await user.post('/api/v1/notifications/read-all')).body).toMatchObject({
      marked: 2,
      unreadCount: 0,
    });
    expect((await user.get('/api/v1/notifications')).body.unreadCount).toBe(0);
    expect((await stranger.get('/api/v1/notifications')).body.total).toBe(0);
    expect((await user.get('/api/v1/notifications?perPage=1000')).status).toBe(400);
  });
});

describe('every record a user has, listable (SUP-7, OPS-6)', () => {
  async function expect404(stranger: UserClient, paths: string[]) {
    for (const p of paths) expect((await stranger.get(p)).status, p).toBe(404);
  }

  it(`SUP-7, OPS-6: warnings with type, date, consequence and reason; disputes; \
resolution requests; refund requests; withdrawals; strangers get 404`, async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    const disputed = await makeOrder(t, { upTo: 'delivered' });
    const stranger = await t.user();
    const trust = await t.staff('trust_safety');
    const warned = await trust.post(`/api/admin/users/${o.seller.id}/warnings`, {
      type: 'spam',
      reason: 'Sent the same message to 40 buyers',
    });
    expect(warned.status, JSON.stringify(warned.body)).toBe(201);
    const warnings = await o.seller.get('/api/v1/me/warnings');
    expect(warnings.body).toMatchObject({ ...PAGE, total: 1 });
    expect(warnings.body.items[0]).toMatchObject({
      type: 'spam',
      consequence: 'reminder',
      reason: 'Sent the same message to 40 buyers',
      issuedAt: expect.any(String),
    });
    expect((await stranger.get('/api/v1/me/warnings')).body.total).toBe(0);

    const dispute = await disputed.buyer.post(`/api/v1/orders/${disputed.orderId}/disputes`, {
      milestoneId: disputed.milestoneId,
      reason: 'The logo is a copy of a stock image.',
      amount: 200_000,
    });
    expect(dispute.status, JSON.stringify(dispute.body)).toBe(201);
    for (const [u, role] of [
      [disputed.buyer, 'buyer'],
      [disputed.seller, 'seller'],
    ] as const) {
      const list = await u.get('/api/v1/disputes');
      expect(list.body).toMatchObject({ ...PAGE, total: 1 });
      expect(list.body.items[0]).toMatchObject({ id: dispute.body.id, role, orderId: disputed.orderId });
    }

    const paid = await makeOrder(t, { upTo: 'paid' });
    const rr = await paid.buyer.post(`/api/v1/orders/${paid.orderId}/resolution-requests`, {
      kind: 'update',
      reason: 'no_news',
      message: 'Any news?',
    });
    expect(rr.status).toBe(201);
    const sellerView = await paid.seller.get('/api/v1/resolution-requests');
    expect(sellerView.body).toMatchObject({ ...PAGE, total: 1 });
    expect(sellerView.body.items[0]).toMatchObject({ id: rr.body.id, kind: 'update', status: 'open' });
    expect((await paid.buyer.get(`/api/v1/resolution-requests/${rr.body.id}`)).body).toMatchObject({
      id: rr.body.id,
      actions: ['withdraw'],
    });

    const refund = await paid.buyer.post(`/api/v1/orders/${paid.orderId}/refund-requests`, {
      reason: 'seller_not_working_as_agreed',
      message: 'The seller stopped answering.',
    });
    expect(refund.status).toBe(201);
    expect((await paid.buyer.get(`/api/v1/refund-requests/${refund.body.id}`)).body).toMatchObject({
      id: refund.body.id,
      status: 'open',
      evidence: [],
    });

    await t.advance(14 * DAY + 60);
    const w = await o.seller.post('/api/v1/withdrawals', {
      amount: 500_000,
      method: { type: 'bank_transfer', bank: 'BCA', accountNumber: '1234567890', holderName: 'Sari Dewi' },
    });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    expect((await o.seller.get(`/api/v1/withdrawals/${w.body.id}`)).body).toMatchObject({
      id: w.body.id,
      amount: 500_000,
    });

    await expect404(stranger, [
      `/api/v1/disputes/${dispute.body.id}`,
      `/api/v1/resolution-requests/${rr.body.id}`,
      `/api/v1/refund-requests/${refund.body.id}`,
      `/api/v1/withdrawals/${w.body.id}`,
    ]);
    // The other party of the order reads the resolution request, but never the buyer's refund request.
    await expect404(paid.seller, [`/api/v1/refund-requests/${refund.body.id}`]);
    for (const p of ['/api/v1/disputes', '/api/v1/resolution-requests'])
      expect((await stranger.get(p)).body, p).toMatchObject({ total: 0, items: [] });

    // SUP-7: every list of the public API has one shape, pages included; a stranger's lists are empty.
    const lists: [UserClient, string, number][] = [
      [paid.buyer, '/api/v1/orders', 1],
      [paid.buyer, '/api/v1/refund-requests', 1],
      [o.seller, '/api/v1/withdrawals', 1],
      [o.seller, '/api/v1/me/services', 1],
      [o.seller, '/api/v1/me/warnings', 1],
      [disputed.buyer, '/api/v1/disputes', 1],
      [paid.seller, '/api/v1/resolution-requests', 1],
      [paid.buyer, '/api/v1/invoices', 1],
    ];
    for (const [u, p, n] of lists) {
      const all = await u.get(p);
      expect(all.status, p).toBe(200);
      expect(all.body, p).toMatchObject({ ...PAGE, total: n });
      expect(all.body.items, p).toHaveLength(n);
      const second = await u.get(p).query({ page: 2, perPage: 1 });
      expect(second.body, p).toMatchObject({ total: n, page: 2, perPage: 1, items: [] });
      expect((await u.get(p).query({ perPage: 101 })).status, p).toBe(400);
      expect((await stranger.get(p)).body, p).toMatchObject({ total: 0, items: [] });
    }
  });

  it(`SUP-1, SUP-4: tickets list newest activity first, paginated; a stranger’s \
ticket is 404 on every route`, async () => {
    const user = await t.user();
    const stranger = await t.user();
    const ids: number[] = [];
    for (const subject of ['Older', 'Newer']) {
      const r = await user.post('/api/v1/support/tickets', {
        topic: 'other',
        subject,
        message: 'Some question',
      });
      ids.push(r.body.id);
      await t.advance(60);
    }
    await user.post(`/api/v1/support/tickets/${ids[0]}/messages`, { message: 'Bump' });
    const list = (await user.get('/api/v1/support/tickets')).body;
    expect(list).toMatchObject({ ...PAGE, total: 2 });
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([ids[0], ids[1]]);
    expect(
      (await user.get('/api/v1/support/tickets?perPage=1&page=2')).body.items.map(
        (x: { id: number }) => x.id,
      ),
    ).toEqual([ids[1]]);
    expect((await stranger.get(`/api/v1/support/tickets/${ids[0]}`)).status).toBe(404);
    expect(
      (await stranger.post(`/api/v1/support/tickets/${ids[0]}/messages`, { message: 'Hi' })).status,
    ).toBe(404);
    expect((await stranger.post(`/api/v1/support/tickets/${ids[0]}/rating`, { score: 5 })).status).toBe(404);
    expect((await stranger.get('/api/v1/support/tickets')).body.total).toBe(0);
  });
});
