import { describe, expect, it } from 'vitest';
import { useTestApp, type StaffClient, type UserClient } from '../helpers/context.js';
import { CARD, makeOrder, orderService, publishService } from '../helpers/market.js';

const t = useTestApp();

const list = (staff: StaffClient, resource: string, filter: object) =>
  staff.get(`/api/admin/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`);
const ids = (body: { id: number }[]) => body.map((r) => r.id).sort((a, b) => a - b);

/** One paid order between the same buyer and seller. */
async function paidOrder(buyer: UserClient, serviceId: number) {
  const order = await orderService(buyer, serviceId);
  const mid = order.milestones[0]!.id;
  expect((await buyer.post(`/api/v1/orders/${order.id}/milestones/${mid}/pay`, CARD)).status).toBe(200);
  return { orderId: order.id, milestoneId: mid };
}

/**
 * One buyer and one seller with a case of every kind on their orders: a refund request, an escalation, a
 * dispute, a report of a message and a ticket about an order.
 */
async function partiesWithCases(names: { buyer: string; seller: string }) {
  const seller = await t.seller();
  expect((await seller.patch('/api/v1/me', { name: names.seller })).status).toBe(200);
  const buyer = await t.user({ name: names.buyer });
  const service = await publishService(seller);
  const refundOrder = await paidOrder(buyer, service.id);
  const refund = await buyer.post(`/api/v1/orders/${refundOrder.orderId}/refund-requests`, {
    reason: 'seller_not_working_as_agreed',
    message: 'The seller delivered nothing for a week.',
  });
  expect(refund.status, JSON.stringify(refund.body)).toBe(201);

  const escalatedOrder = await paidOrder(buyer, service.id);
  const req = await buyer.post(`/api/v1/orders/${escalatedOrder.orderId}/resolution-requests`, {
    kind: 'cancel',
    reason: 'requirements_changed',
    message: 'We no longer need this logo.',
  });
  expect(req.status, JSON.stringify(req.body)).toBe(201);
  expect(
    (
      await seller.post(`/api/v1/resolution-requests/${req.body.id}/decline`, {
        answer: 'Work is half done.',
      })
    ).status,
  ).toBe(200);
  const escalation = await buyer.post(`/api/v1/resolution-requests/${req.body.id}/escalate`, {
    statement: 'Seller is not responding.',
  });
  expect(escalation.status, JSON.stringify(escalation.body)).toBe(201);

  const disputedOrder = await paidOrder(buyer, service.id);
  const dispute = await buyer.post(`/api/v1/orders/${disputedOrder.orderId}/disputes`, {
    milestoneId: disputedOrder.milestoneId,
    reason: 'Nothing was delivered at all.',
    amount: 200_000,
  });
  expect(dispute.status, JSON.stringify(dispute.body)).toBe(201);
  const msg = await seller.post(`/api/v1/orders/${disputedOrder.orderId}/messages`, {
    body: 'Pay me on my bank account directly, cheaper!',
  });
  expect(msg.status).toBe(201);
  const report = await buyer.post('/api/v1/reports', {
    subjectType: 'message',
    subjectId: msg.body.id,
    reason: 'contact_outside_platform',
    answers: { happened_in_order: true, asked_to_pay_outside: true, lost_money: false },
    details: 'Asked to pay outside.',
  });
  expect(report.status, JSON.stringify(report.body)).toBe(201);
  const ticket = await buyer.post('/api/v1/support/tickets', {
    topic: 'other',
    subject: 'About my disputed order',
    message: 'What happens to my money now?',
    orderId: disputedOrder.orderId,
  });
  expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
  return {
    buyer,
    seller,
    refundOrder,
    escalatedOrder,
    disputedOrder,
    refundId: refund.body.id as number,
    escalationId: escalation.body.id as number,
    disputeId: dispute.body.id as number,
    reportId: report.body.id as number,
    ticketId: ticket.body.id as number,
  };
}

describe('linked cases: a user\u2019s and an order\u2019s cases for the console', () => {
  it(`userId and orderId filters return only that user\u2019s or order\u2019s \
cases, with both parties named`, async () => {
    const ours = await partiesWithCases({ buyer: 'Wulan Buyer', seller: 'Dewi Seller' });
    // Strangers with cases of their own, which must never show among ours.
    const theirs = await partiesWithCases({ buyer: 'Other Buyer', seller: 'Other Seller' });
    const support = await t.staff('support');
    const trust = await t.staff('trust_safety');

    for (const who of [ours.buyer, ours.seller]) {
      const refunds = await list(support, 'refund-requests', { userId: who.id });
      expect(refunds.status).toBe(200);
      expect(ids(refunds.body)).toEqual([ours.refundId]);
      expect(refunds.body[0]).toMatchObject({
        buyerId: ours.buyer.id,
        buyerName: 'Wulan Buyer',
        sellerId: ours.seller.id,
        sellerName: 'Dewi Seller',
        orderId: ours.refundOrder.orderId,
      });
      const escalations = await list(support, 'escalations', { userId: who.id });
      expect(ids(escalations.body)).toEqual([ours.escalationId]);
      expect(escalations.body[0]).toMatchObject({ buyerName: 'Wulan Buyer', sellerName: 'Dewi Seller' });
      const disputes = await list(support, 'disputes', { userId: who.id });
      expect(ids(disputes.body)).toEqual([ours.disputeId]);
      expect(disputes.body[0]).toMatchObject({
        buyerId: ours.buyer.id,
        buyerName: 'Wulan Buyer',
        sellerId: ours.seller.id,
        sellerName: 'Dewi Seller',
      });
      // Reports by the buyer and against the seller.
      const reports = await list(trust, 'reports', { userId: who.id });
      expect(ids(reports.body)).toEqual([ours.reportId]);
      expect(reports.body[0]).toMatchObject({ reporterId: ours.buyer.id, subjectUserId: ours.seller.id });
    }
    const tickets = await list(support, 'tickets', { userId: ours.buyer.id });
    expect(ids(tickets.body)).toEqual([ours.ticketId]);
    expect((await list(support, 'tickets', { userId: ours.seller.id })).body).toEqual([]);

    // An order's Cases tab: each order has exactly its own cases.
    const byOrder = async (orderId: number) => ({
      refunds: ids((await list(support, 'refund-requests', { orderId })).body),
      escalations: ids((await list(support, 'escalations', { orderId })).body),
      disputes: ids((await list(support, 'disputes', { orderId })).body),
      reports: ids((await list(trust, 'reports', { orderId })).body),
      tickets: ids((await list(support, 'tickets', { orderId })).body),
    });
    expect(await byOrder(ours.refundOrder.orderId)).toEqual({
      refunds: [ours.refundId],
      escalations: [],
      disputes: [],
      reports: [],
      tickets: [],
    });
    expect(await byOrder(ours.escalatedOrder.orderId)).toMatchObject({
      refunds: [],
      escalations: [ours.escalationId],
      disputes: [],
    });
    expect(await byOrder(ours.disputedOrder.orderId)).toEqual({
      refunds: [],
      escalations: [],
      disputes: [ours.disputeId],
      reports: [ours.reportId],
      tickets: [ours.ticketId],
    });
    expect(await byOrder(theirs.disputedOrder.orderId)).toEqual({
      refunds: [],
      escalations: [],
      disputes: [theirs.disputeId],
      reports: [theirs.reportId],
      tickets: [theirs.ticketId],
    });

    // The dispute page names both parties instead of only "buyer" and "seller".
    const dispute = await support.get(`/api/admin/disputes/${ours.disputeId}`);
    expect(dispute.body).toMatchObject({
      buyerId: ours.buyer.id,
      buyerName: 'Wulan Buyer',
      sellerId: ours.seller.id,
      sellerName: 'Dewi Seller',
    });
    const escalation = await support.get(`/api/admin/escalations/${ours.escalationId}`);
    expect(escalation.body).toMatchObject({ buyerId: ours.buyer.id, sellerName: 'Dewi Seller' });
    const refund = await support.get(`/api/admin/refund-requests/${ours.refundId}`);
    expect(refund.body).toMatchObject({ buyerName: 'Wulan Buyer', sellerName: 'Dewi Seller' });
    const report = await trust.get(`/api/admin/reports/${ours.reportId}`);
    expect(report.body).toMatchObject({ reporterId: ours.buyer.id, reporterName: 'Wulan Buyer' });
  });

  it(`identity checks, payouts and seller applications filter by user; a bad id \
is a 400, not a 500`, async () => {
    const o = await makeOrder(t, { upTo: 'placed' });
    const trust = await t.staff('trust_safety');
    const finance = await t.staff('finance');
    expect((await list(trust, 'identity-checks', { userId: o.buyer.id })).body).toEqual([]);
    expect((await list(finance, 'withdrawals', { userId: o.buyer.id })).body).toEqual([]);
    const apps = await list(trust, 'seller-applications', { userId: o.seller.id });
    expect(apps.status).toBe(200);
    expect(apps.body.every((a: { userId: number }) => a.userId === o.seller.id)).toBe(true);
    const support = await t.staff('support');
    for (const [staff, resource] of [
      [support, 'refund-requests'],
      [support, 'escalations'],
      [support, 'disputes'],
      [support, 'tickets'],
      [trust, 'reports'],
      [trust, 'identity-checks'],
    ] as const) {
      const bad = await list(staff, resource, { userId: 'someone' });
      expect(bad.status, resource).toBe(400);
      expect(bad.headers['content-type']).toMatch(/problem\+json/);
      expect((await list(staff, resource, { orderId: -1 })).status, resource).toBeLessThan(500);
    }
  });
});
