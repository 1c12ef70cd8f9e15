import { describe, expect, it } from 'vitest';
import { itOnPostgres, useTestApp, type UserClient } from '../helpers/context.js';
import { splitEscrow } from '../../server/modules/orders/rules.js';
import { expectLedgerSound, makeOrder, orderService, publishService } from '../helpers/market.js';

const t = useTestApp();
const HOUR = 3600;
const cancel = { kind: 'cancel', reason: 'requirements_changed', message: 'We no longer need this logo.' };

function openReq(client: UserClient, orderId: number, body: object) {
  return client.post(`/api/v1/orders/${orderId}/resolution-requests`, body);
}

describe('resolution centre (RES)', () => {
  it('RES-1: who may send which request', async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    expect(
      (await openReq(o.seller, o.orderId, { kind: 'update', reason: 'no_news', message: 'any news?' }))
        .status,
    ).toBe(403);
    expect(
      (
        await openReq(o.buyer, o.orderId, {
          kind: 'extras',
          reason: 'scope_grew',
          message: 'more stuff',
          days: 2,
          price: 100_000,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await openReq(o.buyer, o.orderId, {
          kind: 'extra_revisions',
          reason: 'additional_changes',
          message: 'more revisions',
          revisions: 2,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await openReq(o.seller, o.orderId, {
          kind: 'extra_revisions',
          reason: 'additional_changes',
          message: 'two more rounds',
          revisions: 2,
        })
      ).status,
    ).toBe(201);
    expect(
      (await openReq(o.buyer, o.orderId, { kind: 'update', reason: 'no_news', message: 'How is it going?' }))
        .status,
    ).toBe(201);
  });

  it(`RES-1: the buyer extends the delivery time at once; the seller asks and the \
buyer accepts`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const before = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.milestones[0].dueAt;
    expect(
      (
        await openReq(o.buyer, o.orderId, {
          kind: 'extend_delivery',
          reason: 'more_time_needed',
          message: 'Take two more days',
          days: 2,
        })
      ).body.status,
    ).toBe('accepted');
    const after = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.milestones[0].dueAt;
    expect(new Date(after).getTime() - new Date(before).getTime()).toBe(2 * 86_400_000);
    const req = (
      await openReq(o.seller, o.orderId, {
        kind: 'extend_delivery',
        reason: 'scope_grew',
        message: 'Need 3 more days',
        days: 3,
      })
    ).body;
    expect(req.status).toBe('open');
    expect((await o.buyer.post(`/api/v1/resolution-requests/${req.id}/accept`)).status).toBe(200);
    const final = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.milestones[0].dueAt;
    expect(new Date(final).getTime() - new Date(after).getTime()).toBe(3 * 86_400_000);
  });

  it(`RES-1: accepted extras add a milestone the buyer pays; extra revisions \
raise the allowance`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 500_000 });
    const extras = (
      await openReq(o.seller, o.orderId, {
        kind: 'extras',
        reason: 'additional_work',
        message: 'Business cards too',
        days: 2,
        price: 200_000,
      })
    ).body;
    expect((await o.buyer.post(`/api/v1/resolution-requests/${extras.id}/accept`)).status).toBe(200);
    const order = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order.milestones.map((m: { amount: number }) => m.amount)).toEqual([500_000, 200_000]);
    expect(order.total).toBe(700_000);
    const more = (
      await openReq(o.seller, o.orderId, {
        kind: 'extra_revisions',
        reason: 'additional_changes',
        message: 'Two more rounds',
        revisions: 2,
      })
    ).body;
    await o.buyer.post(`/api/v1/resolution-requests/${more.id}/accept`);
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.revisionsIncluded).toBe(3);
  });

  it('RES-2: a request needs a reason from the list and is shown to the other party at once', async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const bad = await openReq(o.buyer, o.orderId, { ...cancel, reason: 'because' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.reason');
    await openReq(o.buyer, o.orderId, cancel);
    const sellerView = (await o.seller.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(sellerView.resolutionRequests[0]).toMatchObject({
      kind: 'cancel',
      status: 'open',
      reason: 'requirements_changed',
      actions: ['accept', 'decline'],
    });
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select('subject')
      .where('kind', '=', 'resolution.cancel')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toMatch(/Pembeli mengirim permintaan/);
  });

  it(`RES-3, RES-8: an accepted cancellation returns the escrow to the buyer's \
credit, not the card`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 400_000 });
    const req = (
      await openReq(o.seller, o.orderId, {
        kind: 'cancel',
        reason: 'seller_cannot_deliver',
        message: 'I am ill, sorry.',
      })
    ).body;
    expect((await o.seller.post(`/api/v1/resolution-requests/${req.id}/accept`)).status).toBe(403);
    expect((await o.buyer.post(`/api/v1/resolution-requests/${req.id}/accept`)).status).toBe(200);
    const cancelled = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(cancelled.status).toBe('cancelled');
    // Everything went back to the buyer: the milestone is refunded, not released.
    expect(cancelled.milestones.map((m: { status: string }) => m.status)).toEqual(['refunded']);
    expect((await o.buyer.get('/api/v1/me/balance')).body.credit).toBe(400_000);
    const refunds = await t.ctx.db
      .selectFrom('gateway_transactions')
      .select('id')
      .where('kind', '=', 'refund')
      .execute();
    expect(refunds).toEqual([]);
    await expectLedgerSound(t);
  });

  it('RES-3: no answer within 48 hours cancels the order as mutually cancelled', async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 300_000 });
    await openReq(o.buyer, o.orderId, cancel);
    await t.advance(47 * HOUR);
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('in_progress');
    await t.advance(2 * HOUR);
    const order = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order.status).toBe('cancelled');
    expect(order.timeline.some((e: { event?: string }) => e.event === 'auto-cancel-unanswered')).toBe(true);
    expect((await o.buyer.get('/api/v1/me/balance')).body.credit).toBe(300_000);
    const row = await t.ctx.db
      .selectFrom('orders')
      .select('cancellation_fault')
      .where('id', '=', o.orderId)
      .executeTakeFirstOrThrow();
    expect(row.cancellation_fault).toBe('mutual');
  });

  it(`RES-4: an update request the seller does not answer in 2 days closes by \
itself; a seller message answers it`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const req = (
      await openReq(o.buyer, o.orderId, { kind: 'update', reason: 'no_news', message: 'How is it going?' })
    ).body;
    await t.advance(2 * 24 * HOUR + 60);
    const order = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order.resolutionRequests.find((r: { id: number }) => r.id === req.id).status).toBe('expired');
    expect(order.status).toBe('in_progress');
    const again = (
      await openReq(o.buyer, o.orderId, {
        kind: 'update',
        reason: 'deadline_close',
        message: 'Deadline is close',
      })
    ).body;
    expect((await o.seller.post(`/api/v1/resolution-requests/${again.id}/accept`)).status).toBe(422);
    await o.seller.post(`/api/v1/orders/${o.orderId}/messages`, { body: 'Half done, sending tomorrow.' });
    const after = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(after.resolutionRequests.find((r: { id: number }) => r.id === again.id).status).toBe('answered');
  });

  it(`RES-5: an extension request the buyer does not answer is withdrawn after 48 \
hours; the date stays`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const due = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.milestones[0].dueAt;
    const req = (
      await openReq(o.seller, o.orderId, {
        kind: 'extend_delivery',
        reason: 'more_time_needed',
        message: 'Need a week',
        days: 7,
      })
    ).body;
    await t.advance(48 * HOUR + 60);
    const order = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order.resolutionRequests.find((r: { id: number }) => r.id === req.id).status).toBe('expired');
    expect(order.milestones[0].dueAt).toBe(due);
  });

  it(`RES-6: the sender withdraws their own open request; completed orders have \
no resolution centre`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const req = (await openReq(o.buyer, o.orderId, cancel)).body;
    expect((await o.seller.post(`/api/v1/resolution-requests/${req.id}/withdraw`)).status).toBe(403);
    expect((await o.buyer.post(`/api/v1/resolution-requests/${req.id}/withdraw`)).body.status).toBe(
      'withdrawn',
    );
    await t.advance(49 * HOUR);
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('in_progress');
    // An order awaiting its payment is still open to the resolution centre.
    const placed = await makeOrder(t, { upTo: 'placed' });
    expect((await openReq(placed.buyer, placed.orderId, cancel)).status).toBe(201);
    const done = await makeOrder(t, { upTo: 'completed' });
    const res = await openReq(done.buyer, done.orderId, cancel);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/contact support/);
  });

  it('RES-9: a second open request of the same kind on the same order is refused', async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    expect((await openReq(o.buyer, o.orderId, cancel)).status).toBe(201);
    const second = await openReq(o.seller, o.orderId, { kind: 'cancel', reason: 'other', message: 'me too' });
    expect(second.status).toBe(409);
    expect(second.body.type).toBe('https://pasar.dev/problems/request-already-open');
  });

  it("a stranger cannot see or answer someone else's request (404)", async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const req = (await openReq(o.buyer, o.orderId, cancel)).body;
    const stranger = await t.user();
    for (const a of ['accept', 'decline', 'withdraw'])
      expect((await stranger.post(`/api/v1/resolution-requests/${req.id}/${a}`)).status).toBe(404);
    expect((await openReq(stranger, o.orderId, cancel)).status).toBe(404);
  });
});

describe('escalations (RES-7)', () => {
  async function declined(price = 1_000_000) {
    const o = await makeOrder(t, { upTo: 'paid', price });
    const req = (await openReq(o.buyer, o.orderId, cancel)).body;
    expect(
      (await o.seller.post(`/api/v1/resolution-requests/${req.id}/decline`, { answer: 'Work is half done.' }))
        .status,
    ).toBe(200);
    return { ...o, requestId: req.id };
  }

  it(`RES-7: only a declined cancellation can be escalated, by either party, and \
lands in the support queue with an SLA`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const open = (await openReq(o.buyer, o.orderId, cancel)).body;
    expect(
      (
        await o.buyer.post(`/api/v1/resolution-requests/${open.id}/escalate`, {
          statement: 'Seller is not responding.',
        })
      ).status,
    ).toBe(409);
    const d = await declined();
    const esc = await d.seller.post(`/api/v1/resolution-requests/${d.requestId}/escalate`, {
      statement: 'I did half of the work already.',
    });
    expect(esc.status).toBe(201);
    const support = await t.staff('support');
    const list = await support.get(
      `/api/admin/escalations?filter=${encodeURIComponent(JSON.stringify({ status: 'open' }))}`,
    );
    expect(list.body.map((e: { id: number }) => e.id)).toContain(esc.body.id);
    const one = await support.get(`/api/admin/escalations/${esc.body.id}`);
    expect(one.body).toMatchObject({
      escrow: 1_000_000,
      requesterRole: 'buyer',
      declineAnswer: 'Work is half done.',
    });
    expect(one.body.order.timeline.length).toBeGreaterThan(3);
    expect((await (await t.staff('finance')).get('/api/admin/escalations')).status).toBe(403);
  });

  it(`RES-7: support cancels with partial credit: the buyer gets the credit, the \
seller the rest minus commission`, async () => {
    const d = await declined(1_000_000);
    const esc = (
      await d.buyer.post(`/api/v1/resolution-requests/${d.requestId}/escalate`, {
        statement: 'Nothing delivered after a week.',
      })
    ).body;
    const support = await t.staff('support');
    expect(
      (
        await support.post(`/api/admin/escalations/${esc.id}/decide`, {
          outcome: 'cancel_partial',
          reason: 'Half of the work was shown in messages',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await support.post(`/api/admin/escalations/${esc.id}/decide`, {
          outcome: 'cancel_partial',
          amount: 2_000_000,
          reason: 'too much',
        })
      ).status,
    ).toBe(422);
    const res = await support.post(`/api/admin/escalations/${esc.id}/decide`, {
      outcome: 'cancel_partial',
      amount: 600_000,
      reason: 'Half of the work was shown in messages',
    });
    expect(res.status).toBe(200);
    expect((await d.buyer.get('/api/v1/me/balance')).body.credit).toBe(600_000);
    expect((await d.seller.get('/api/v1/me/balance')).body.pending).toBe(320_000);
    const again = await support.post(`/api/admin/escalations/${esc.id}/decide`, {
      outcome: 'continue',
      reason: 'double click',
    });
    expect(again.status).toBe(409);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'escalation.cancel_partial')
      .executeTakeFirstOrThrow();
    expect(log.reason).toBe('Half of the work was shown in messages');
    const mails = await t.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('kind', '=', 'escalation.decided')
      .execute();
    expect(mails.filter((m) => m.body.includes('Half of the work was shown in messages'))).toHaveLength(2);
    await expectLedgerSound(t);
  });

  it(`RES-7, RES-8: the split rule takes a partial credit from the held milestones in order (the order \
flow holds one milestone at a time, so this is the rule alone, commission from the settings)`, async () => {
    const bp = (await (await t.staff('admin')).get('/api/admin/settings/commission_bp')).body.value as number;
    const commission = (100_000 * bp) / 10_000; // whole for any basis points
    const held = [
      { milestoneId: 1, held: 500_000 },
      { milestoneId: 2, held: 200_000 },
      { milestoneId: 3, held: 300_000 },
    ];
    expect(splitEscrow(held, 600_000, bp)).toEqual([
      { milestoneId: 1, held: 500_000, toBuyer: 500_000, toSeller: 0, commission: 0 },
      { milestoneId: 2, held: 200_000, toBuyer: 100_000, toSeller: 100_000 - commission, commission },
      {
        milestoneId: 3,
        held: 300_000,
        toBuyer: 0,
        toSeller: 300_000 - 3 * commission,
        commission: 3 * commission,
      },
    ]);
  });

  it(`RES-2, RES-4, RES-6, RES-7: the actions offered on a request follow its state and the caller, \
and a move out of turn is a 403 or 409 that says why`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const support = await t.staff('support');
    const req = (await openReq(o.buyer, o.orderId, cancel)).body;
    const update = (
      await openReq(o.buyer, o.orderId, { kind: 'update', reason: 'no_news', message: 'How is it going?' })
    ).body;
    const offered = async (id: number) => {
      const of = async (who: UserClient) =>
        (await who.get(`/api/v1/orders/${o.orderId}`)).body.resolutionRequests.find(
          (r: { id: number }) => r.id === id,
        ).allowedActions;
      return { buyer: await of(o.buyer), seller: await of(o.seller) };
    };
    const said = (res: { status: number; body: Record<string, unknown> }) => ({
      status: res.status,
      type: res.body.type,
      title: res.body.title,
      detail: res.body.detail,
      state: res.body.state,
    });
    const path = `/api/v1/resolution-requests/${req.id}`;
    expect(await offered(req.id)).toEqual({
      buyer: ['requester-withdraw'],
      seller: ['recipient-accept', 'recipient-decline'],
    });
    // RES-4: an update request is answered with an order message, not accepted or declined.
    expect(await offered(update.id)).toEqual({ buyer: ['requester-withdraw'], seller: [] });
    expect(said(await o.seller.post(`${path}/withdraw`))).toMatchObject({
      status: 403,
      detail: 'Only the sender withdraws a request.',
    });
    expect(said(await o.buyer.post(`${path}/accept`))).toMatchObject({
      status: 403,
      detail: 'The other party answers a request, not its sender.',
    });
    expect(said(await o.buyer.post(`${path}/escalate`, { statement: 'Too early to escalate.' }))).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/not-escalatable',
      title: 'Cannot escalate',
      detail: 'Only a declined cancellation request can be escalated to support (RES-7).',
    });
    expect((await o.seller.post(`${path}/decline`, { answer: 'Half done.' })).status).toBe(200);
    expect(await offered(req.id)).toEqual({ buyer: ['requester-escalate'], seller: ['recipient-escalate'] });
    const late = await o.buyer.post(`${path}/withdraw`);
    expect(said(late)).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/request-not-open',
      title: 'Request not open',
      detail: 'This request is declined already.',
      state: 'declined',
    });
    const esc = (await o.seller.post(`${path}/escalate`, { statement: 'I did half of the work.' })).body;
    expect(await offered(req.id)).toEqual({ buyer: [], seller: [] });
    expect((await support.get(`/api/admin/escalations/${esc.id}`)).body.allowedActions).toEqual([
      'support-decide',
    ]);
    await support.post(`/api/admin/escalations/${esc.id}/decide`, { outcome: 'continue', reason: 'On time' });
    expect((await support.get(`/api/admin/escalations/${esc.id}`)).body.allowedActions).toEqual([]);
  });

  it(`RES-6, RES-7: staff are offered no party's answer on a request, and the other party \
withdrawing a declined request is told it is no longer open (409 before 403)`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const req = (await openReq(o.buyer, o.orderId, cancel)).body;
    const support = await t.staff('support');
    const staffView = async () =>
      (await support.get(`/api/admin/orders/${o.orderId}`)).body.resolutionRequests.find(
        (r: { id: number }) => r.id === req.id,
      );
    expect(await staffView()).toMatchObject({ status: 'open', allowedActions: [] });
    expect((await o.seller.post(`/api/v1/resolution-requests/${req.id}/decline`, {})).status).toBe(200);
    expect(await staffView()).toMatchObject({ status: 'declined', allowedActions: [] });
    const res = await o.seller.post(`/api/v1/resolution-requests/${req.id}/withdraw`);
    expect({ status: res.status, type: res.body.type, detail: res.body.detail }).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/request-not-open',
      detail: 'This request is declined already.',
    });
  });

  it('RES-7: support may let the order continue, or cancel with full credit', async () => {
    const a = await declined(500_000);
    const e1 = (
      await a.buyer.post(`/api/v1/resolution-requests/${a.requestId}/escalate`, {
        statement: 'Please cancel this order.',
      })
    ).body;
    const support = await t.staff('support');
    expect((await support.post(`/api/admin/escalations/${e1.id}/claim`, {})).body.assignedTo).toBe(
      support.id,
    );
    expect(
      (
        await support.post(`/api/admin/escalations/${e1.id}/decide`, {
          outcome: 'continue',
          reason: 'Seller is on schedule',
        })
      ).status,
    ).toBe(200);
    expect((await a.buyer.get(`/api/v1/orders/${a.orderId}`)).body.status).toBe('in_progress');
    const b = await declined(500_000);
    const e2 = (
      await b.buyer.post(`/api/v1/resolution-requests/${b.requestId}/escalate`, {
        statement: 'Please cancel this order.',
      })
    ).body;
    expect(
      (
        await support.post(`/api/admin/escalations/${e2.id}/decide`, {
          outcome: 'cancel_full',
          reason: 'No work was delivered',
        })
      ).status,
    ).toBe(200);
    expect((await b.buyer.get('/api/v1/me/balance')).body.credit).toBe(500_000);
    expect((await b.buyer.get(`/api/v1/orders/${b.orderId}`)).body.status).toBe('cancelled');
    // The buyer spends the credit on a new order (RES-8).
    const seller2 = await t.seller();
    const svc = await publishService(seller2, { price: 300_000 });
    const o2 = await orderService(b.buyer, svc.id);
    expect(
      (
        await b.buyer.post(`/api/v1/orders/${o2.id}/milestones/${o2.milestones[0]!.id}/pay`, {
          source: 'credit',
        })
      ).status,
    ).toBe(200);
    expect((await b.buyer.get('/api/v1/me/balance')).body.credit).toBe(200_000);
    await expectLedgerSound(t);
  });
});

describe('timers with two workers (OPS-4)', () => {
  itOnPostgres(
    'OPS-4, RES-3: two workers running the scheduler cancel an unanswered order once (PostgreSQL only)',
    async () => {
      const { createApp } = await import('../../server/app.js');
      const { pino } = await import('pino');
      const second = createApp({
        db: t.database.handle,
        config: t.config,
        clock: t.clock,
        logger: pino({ level: 'silent' }),
      });
      const o = await makeOrder(t, { upTo: 'paid', price: 250_000 });
      await openReq(o.buyer, o.orderId, cancel);
      t.clock.advance(49 * HOUR);
      await Promise.all([
        t.ctx.scheduler.runDue(),
        second.ctx.scheduler.runDue(),
        t.ctx.scheduler.runDue(),
        second.ctx.scheduler.runDue(),
      ]);
      const entries = await t.ctx.db
        .selectFrom('journal_entries')
        .select('id')
        .where('order_id', '=', o.orderId)
        .where('kind', '=', 'cancellation')
        .execute();
      expect(entries).toHaveLength(1);
      expect((await o.buyer.get('/api/v1/me/balance')).body.credit).toBe(250_000);
      const events = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.timeline.filter(
        (e: { event?: string }) => e.event === 'auto-cancel-unanswered',
      );
      expect(events).toHaveLength(1);
    },
  );
});
