import { describe, expect, it } from 'vitest';
import { itOnPostgres, useTestApp } from '../helpers/context.js';
import { CARD, expectLedgerSound, makeOrder, orderService, publishService } from '../helpers/market.js';
import type { SandboxGateway } from '../../server/modules/payments/gateway.js';
import { refundComputation } from '../../server/modules/refunds/rules.js';

const t = useTestApp();
const ask = { reason: 'seller_not_working_as_agreed', message: 'The seller delivered nothing for a week.' };
const fees = { payment_fee_bp: 290, payment_fee_fixed: 2000, refund_marketplace_fee_bp: 500 };

describe('refund requests (REF)', () => {
  it(`REF-1: a buyer files a refund request on an order that is not completed, \
with evidence files`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 1_000_000 });
    expect((await o.seller.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).status).toBe(403);
    const res = await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'order',
      amount: 1_000_000,
      destination: 'credit',
      status: 'open',
    });
    const up = await o.buyer
      .upload(`/api/v1/refund-requests/${res.body.id}/evidence`)
      .attach('files', Buffer.from('chat log: seller silent since Monday'), {
        filename: 'chat.txt',
        contentType: 'text/plain',
      });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const support = await t.staff('support');
    const caseView = await support.get(`/api/admin/refund-requests/${res.body.id}`);
    expect(caseView.body.evidence).toHaveLength(1);
    const file = await support.get(`/api/admin/evidence/${caseView.body.evidence[0].id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/attachment/);
    expect(file.text).toContain('seller silent');
    expect((await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).status).toBe(409);
    const done = await makeOrder(t, { upTo: 'completed' });
    const late = await done.buyer.post(`/api/v1/orders/${done.orderId}/refund-requests`, ask);
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/contact support/);
  });

  it('REF-1: evidence is limited in type (415) and size (413)', async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const exe = await o.buyer
      .upload(`/api/v1/refund-requests/${r.id}/evidence`)
      .attach('files', Buffer.from('MZ'), { filename: 'x.exe', contentType: 'application/x-msdownload' });
    expect(exe.status).toBe(415);
    expect(exe.body.type).toBe('https://pasar.dev/problems/unsupported-file-type');
    const big = await o.buyer
      .upload(`/api/v1/refund-requests/${r.id}/evidence`)
      .attach('files', Buffer.alloc(10 * 1024 * 1024 + 1), {
        filename: 'big.pdf',
        contentType: 'application/pdf',
      });
    expect(big.status).toBe(413);
    const stranger = await t.user();
    expect(
      (
        await stranger
          .upload(`/api/v1/refund-requests/${r.id}/evidence`)
          .attach('files', Buffer.from('x'), { filename: 'a.txt', contentType: 'text/plain' })
      ).status,
    ).toBe(404);
  });

  it(`REF-4, REF-5: approve in part to credit: nothing deducted, the rest of the \
escrow stays for the seller`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 1_000_000 });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const support = await t.staff('support');
    const res = await support.post(`/api/admin/refund-requests/${r.id}/approve`, {
      amount: 400_000,
      reason: 'Half of the logo concepts were never delivered',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'partially_approved',
      net: 400_000,
      paymentFee: 0,
      marketplaceFee: 0,
    });
    // Decided once: a second decision (another agent's, or a retry without the key) is a 409 that says why.
    const again = await (
      await t.staff('support')
    ).post(`/api/admin/refund-requests/${r.id}/reject`, {
      reason: 'Too late, someone approved it',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      type: 'https://pasar.dev/problems/refund-decided',
      title: 'Already decided',
      detail: 'This refund request was partially approved already by another agent.',
      state: 'partially_approved',
    });
    expect((await o.buyer.get('/api/v1/me/balance')).body.credit).toBe(400_000);
    // The order goes on; on completion the seller gets 80% of what is left in escrow.
    await o.seller.post(`/api/v1/orders/${o.orderId}/deliveries`, { message: 'the rest' });
    const accepted = await o.buyer.post(`/api/v1/orders/${o.orderId}/accept`);
    expect(accepted.body).toMatchObject({ released: 600_000, sellerShare: 480_000 });
    const mine = await o.buyer.get('/api/v1/refund-requests');
    expect(mine.body.items[0]).toMatchObject({
      status: 'partially_approved',
      decisionReason: 'Half of the logo concepts were never delivered',
    });
    await expectLedgerSound(t);
  });

  it(`REF-5: a refund to the payment source pays the amount minus the payment and \
marketplace fees, shown before approval`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 1_000_000 });
    const r = (
      await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, { ...ask, destination: 'source' })
    ).body;
    const support = await t.staff('support');
    const expected = refundComputation(1_000_000, 'source', fees);
    expect(expected).toEqual({ amount: 1_000_000, paymentFee: 31_000, marketplaceFee: 50_000, net: 919_000 });
    const preview = await support.get(`/api/admin/refund-requests/${r.id}`);
    expect(preview.body.preview).toMatchObject(expected);
    const res = await support.post(`/api/admin/refund-requests/${r.id}/approve`, {
      reason: 'Seller never started',
    });
    expect(res.body).toMatchObject({ status: 'approved', ...expected });
    const order = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order.status).toBe('cancelled');
    expect((await o.buyer.get('/api/v1/me/balance')).body.credit).toBe(0);
    const refund = await t.ctx.db
      .selectFrom('gateway_transactions')
      .selectAll()
      .where('reference', '=', `refund:${r.id}`)
      .executeTakeFirstOrThrow();
    expect(refund).toMatchObject({ kind: 'refund', amount: 919_000 });
    const stored = await t.ctx.db
      .selectFrom('refund_requests')
      .selectAll()
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ fee_payment: 31_000, fee_marketplace: 50_000, paid_out: 919_000 });
    await expectLedgerSound(t);
  });

  it(`REF-5: a refund to the source smaller than its fees pays nothing and never \
less: each fee is capped by what the amount still holds`, async () => {
    const admin = await t.staff('admin');
    const fixed = (await admin.get('/api/admin/settings/payment_fee_fixed')).body.value as number;
    const o = await makeOrder(t, { upTo: 'paid', price: 1_000_000 });
    const r = (
      await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, { ...ask, destination: 'source' })
    ).body;
    const support = await t.staff('support');
    const previews = [];
    // From the fixed payment fee alone up to where the amount covers both fees in full, by Rp 10.
    for (let amount = fixed; amount <= fixed + 400; amount += 10) {
      const p = (await support.get(`/api/admin/refund-requests/${r.id}/preview?amount=${amount}`)).body;
      expect(p.paymentFee + p.marketplaceFee + p.net, JSON.stringify(p)).toBe(amount);
      expect(p.net, JSON.stringify(p)).toBeGreaterThanOrEqual(0);
      previews.push(p);
    }
    // The fixed fee alone takes the whole of an amount equal to it.
    expect(previews[0]).toMatchObject({ amount: fixed, paymentFee: fixed, marketplaceFee: 0, net: 0 });
    // Some amounts leave less after the payment fee than the marketplace percentage: that fee takes what
    // is left, not more.
    expect(previews.some((p) => p.marketplaceFee > 0 && p.net === 0)).toBe(true);
    // And higher up both fees are paid in full and something reaches the buyer.
    expect(previews.at(-1).net).toBeGreaterThan(0);
  });

  it('REF-2: credit paid back to the card on request, minus fees (REF-5)', async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 500_000 });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const support = await t.staff('support');
    await support.post(`/api/admin/refund-requests/${r.id}/approve`, { reason: 'No work done' });
    expect((await o.buyer.get('/api/v1/me/balance')).body.credit).toBe(500_000);
    expect(
      (await o.buyer.post('/api/v1/refund-requests', { kind: 'credit_to_source', amount: 600_000 })).status,
    ).toBe(422);
    const back = (
      await o.buyer.post('/api/v1/refund-requests', { kind: 'credit_to_source', amount: 500_000 })
    ).body;
    const res = await support.post(`/api/admin/refund-requests/${back.id}/approve`, {
      reason: 'Buyer leaves the platform',
    });
    expect(res.body.net).toBe(refundComputation(500_000, 'source', fees).net);
    expect((await o.buyer.get('/api/v1/me/balance')).body.credit).toBe(0);
    await expectLedgerSound(t);
  });

  it(`REF-3: the buyer sees the charges of an order (reference, amount, date, \
method); the seller does not`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 300_000 });
    const order = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order.charges).toEqual([
      {
        reference: `charge:milestone:${o.milestoneId}`,
        amount: 300_000,
        chargedAt: t.clock.now().toISOString(),
        method: 'card',
        milestoneId: o.milestoneId,
        milestoneSeq: 1,
        duplicateOf: null,
      },
    ]);
    const list = await o.buyer.get(`/api/v1/orders/${o.orderId}/charges`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual(order.charges);
    expect((await o.seller.get(`/api/v1/orders/${o.orderId}`)).body.charges).toEqual([]);
    expect((await (await t.user()).get(`/api/v1/orders/${o.orderId}/charges`)).status).toBe(404);
    const staffView = await (await t.staff('support')).get(`/api/admin/orders/${o.orderId}`);
    expect(staffView.body.charges).toEqual(order.charges);
  });

  it(`REF-3: a single genuine charge is not a duplicate: 422 on chargeReference, \
no refund proposed`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 300_000 });
    const [charge] = (await o.buyer.get(`/api/v1/orders/${o.orderId}/charges`)).body;
    const res = await o.buyer.post('/api/v1/refund-requests', {
      kind: 'duplicate_charge',
      chargeReference: charge.reference,
      message: 'My bank shows this twice',
    });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'body.chargeReference', message: expect.any(String) }]);
    expect(res.body.detail).toMatch(/only charge/);
    const unknown = await o.buyer.post('/api/v1/refund-requests', {
      kind: 'duplicate_charge',
      chargeReference: 'charge:milestone:999999',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].field).toBe('body.chargeReference');
    const stored = await t.ctx.db
      .selectFrom('refund_requests')
      .select('id')
      .where('buyer_id', '=', o.buyer.id)
      .execute();
    expect(stored).toEqual([]);
  });

  it(`REF-3: a charge taken twice shows twice; the duplicate is refunded in full, \
once; a stranger's charge cannot be cited`, async () => {
    const seller = await t.seller();
    const buyer = await t.user();
    const service = await publishService(seller, { price: 300_000 });
    const { id: orderId, milestones } = await orderService(buyer, service.id);
    const milestoneId = milestones[0]!.id;
    (t.ctx.gateway as SandboxGateway).duplicateNextCharge();
    const paid = await buyer.post(`/api/v1/orders/${orderId}/milestones/${milestoneId}/pay`, CARD);
    expect(paid.status).toBe(200);
    const charges = (await buyer.get(`/api/v1/orders/${orderId}/charges`)).body;
    const booked = `charge:milestone:${milestoneId}`;
    expect(charges).toMatchObject([
      { reference: booked, amount: 300_000, method: 'card', duplicateOf: `${booked}#2` },
      { reference: `${booked}#2`, amount: 300_000, method: 'card', duplicateOf: booked },
    ]);
    const stranger = await t.user();
    const theirs = await stranger.post('/api/v1/refund-requests', {
      kind: 'duplicate_charge',
      chargeReference: `${booked}#2`,
    });
    expect(theirs.status).toBe(422);
    expect(theirs.body.errors[0].field).toBe('body.chargeReference');
    const r = await buyer.post('/api/v1/refund-requests', {
      kind: 'duplicate_charge',
      chargeReference: `${booked}#2`,
      message: 'My bank shows this twice',
    });
    expect(r.status).toBe(201);
    expect(r.body.amount).toBe(300_000);
    // Either charge of the pair names the same one duplicate: a second claim is refused.
    for (const chargeReference of [booked, `${booked}#2`])
      expect(
        (await buyer.post('/api/v1/refund-requests', { kind: 'duplicate_charge', chargeReference })).status,
      ).toBe(409);
    const res = await (
      await t.staff('support')
    ).post(`/api/admin/refund-requests/${r.body.id}/approve`, {
      reason: 'Provider statement confirms a second charge',
    });
    expect(res.body).toMatchObject({ net: 300_000, paymentFee: 0, marketplaceFee: 0 });
    await expectLedgerSound(t);
  });

  it(`REF-4: reject needs a reason the buyer reads; a second decision is a 409; \
only support decides`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const support = await t.staff('support');
    expect(
      (await (await t.staff('finance')).post(`/api/admin/refund-requests/${r.id}/reject`, { reason: 'no' }))
        .status,
    ).toBe(403);
    expect((await support.post(`/api/admin/refund-requests/${r.id}/reject`, {})).status).toBe(422);
    const actions = async () => (await support.get(`/api/admin/refund-requests/${r.id}`)).body.allowedActions;
    expect(await actions()).toEqual(['support-approve', 'support-approve-partial', 'support-reject']);
    expect(
      (
        await support.post(`/api/admin/refund-requests/${r.id}/reject`, {
          reason: 'The seller shows daily progress in messages',
        })
      ).status,
    ).toBe(200);
    expect(await actions()).toEqual([]);
    const again = await support.post(`/api/admin/refund-requests/${r.id}/approve`, {
      reason: 'changed my mind',
    });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('https://pasar.dev/problems/refund-decided');
    expect(again.body).toMatchObject({
      status: 409,
      state: 'rejected',
      title: 'Already decided',
      detail: 'This refund request was rejected already by another agent.',
    });
    const mail = await t.ctx.db
      .selectFrom('outbox')
      .select('body')
      .where('kind', '=', 'refund.rejected')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.body).toContain('The seller shows daily progress in messages');
  });

  it('REF-4: the queue lists oldest SLA first (2 business days) and flags overdue requests', async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const support = await t.staff('support');
    const colleague = await t.staff('support', 'colleague@staff.test');
    const agents = (await support.get('/api/admin/support-agents')).body.map((a: { id: number }) => a.id);
    expect(agents).toEqual(expect.arrayContaining([support.id, colleague.id]));
    expect(
      (await support.post(`/api/admin/refund-requests/${r.id}/claim`, { staffId: colleague.id })).body
        .assignedTo,
    ).toBe(colleague.id);
    expect(
      (
        await support.post(`/api/admin/refund-requests/${r.id}/claim`, {
          staffId: (await t.staff('finance')).id,
        })
      ).status,
    ).toBe(400);
    // OPS-2: a colleague's case is not claimed from under them; taking it over is said on purpose.
    expect((await support.post(`/api/admin/refund-requests/${r.id}/claim`, {})).status).toBe(409);
    const claimed = await support.post(`/api/admin/refund-requests/${r.id}/claim`, { staffId: support.id });
    expect(claimed.body.assignedTo).toBe(support.id);
    await t.advance(5 * 86_400);
    const list = await support.get(
      `/api/admin/refund-requests?filter=` +
        encodeURIComponent(JSON.stringify({ overdue: true, assignedTo: support.id })),
    );
    expect(list.body.map((x: { id: number }) => x.id)).toContain(r.id);
    expect(list.body.find((x: { id: number }) => x.id === r.id).overdue).toBe(true);
    const all = (await support.get('/api/admin/refund-requests?range=[0,99]')).body;
    const dues = all.map((x: { slaDueAt: string }) => new Date(x.slaDueAt).getTime());
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
  });

  itOnPostgres(
    'REF-4: two agents deciding the same refund at once: one decision, the' +
      ' other a clear 409 (PostgreSQL only)',
    async () => {
      const o = await makeOrder(t, { upTo: 'paid', price: 800_000 });
      const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
      const a = await t.staff('support', 'agent-a@staff.test');
      const b = await t.staff('support', 'agent-b@staff.test');
      const results = await Promise.all([
        ...Array.from({ length: 5 }, () =>
          a.post(`/api/admin/refund-requests/${r.id}/approve`, { reason: 'Agent A approves in full' }),
        ),
        ...Array.from({ length: 5 }, () =>
          b.post(`/api/admin/refund-requests/${r.id}/approve`, {
            amount: 100_000,
            reason: 'Agent B approves in part',
          }),
        ),
      ]);
      expect(results.filter((x) => x.status === 200)).toHaveLength(1);
      expect(results.filter((x) => x.status === 409)).toHaveLength(9);
      const entries = await t.ctx.db
        .selectFrom('journal_entries')
        .select('id')
        .where('kind', 'in', ['refund-to-credit', 'cancellation'])
        .where('order_id', '=', o.orderId)
        .execute();
      expect(entries).toHaveLength(1);
      await expectLedgerSound(t);
    },
  );
});

describe('refunds after completion (REF-6)', () => {
  it(`REF-6: support refunds a completed order with a reason, from the seller's \
pending then available, then revenue`, async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    const support = await t.staff('support');
    expect((await support.post(`/api/admin/orders/${o.orderId}/refund`, { amount: 500_000 })).status).toBe(
      422,
    );
    const res = await support.post(`/api/admin/orders/${o.orderId}/refund`, {
      amount: 900_000,
      reason: 'Delivered files were plagiarised',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fromPending: 800_000, fromAvailable: 0, fromRevenue: 100_000 });
    expect((await o.seller.get('/api/v1/me/balance')).body.pending).toBe(0);
    expect((await o.buyer.get('/api/v1/me/balance')).body.credit).toBe(900_000);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'refund.completed-order')
      .executeTakeFirstOrThrow();
    expect(log.reason).toBe('Delivered files were plagiarised');
    const open = await makeOrder(t, { upTo: 'paid' });
    expect(
      (
        await support.post(`/api/admin/orders/${open.orderId}/refund`, {
          amount: 1000,
          reason: 'not this way',
        })
      ).status,
    ).toBe(409);
    await expectLedgerSound(t);
  });
});

describe('the support queue (REF-4, RES-7)', () => {
  it(`REF-4, RES-7: refund requests and escalated cancellations together, oldest \
SLA first, with overdue and type filters`, async () => {
    const support = await t.staff('support');
    const o = await makeOrder(t, { upTo: 'paid' });
    const refund = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const e = await makeOrder(t, { upTo: 'paid' });
    const req = (
      await e.buyer.post(`/api/v1/orders/${e.orderId}/resolution-requests`, {
        kind: 'cancel',
        reason: 'other',
        message: 'Please cancel it.',
      })
    ).body;
    await e.seller.post(`/api/v1/resolution-requests/${req.id}/decline`, {});
    const esc = (
      await e.buyer.post(`/api/v1/resolution-requests/${req.id}/escalate`, {
        statement: 'Seller declined without reason.',
      })
    ).body;
    const res = await support.get(
      `/api/admin/support-cases?filter=` +
        encodeURIComponent(JSON.stringify({ status: 'open' })) +
        `&range=[0,99]`,
    );
    expect(res.status).toBe(200);
    const ids = res.body.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([`refund-${refund.id}`, `escalation-${esc.id}`]));
    const dues = res.body.map((c: { slaDueAt: string }) => new Date(c.slaDueAt).getTime());
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    expect(res.headers['content-range']).toMatch(/^support-cases 0-\d+\/\d+$/);
    const onlyEsc = await support.get(
      `/api/admin/support-cases?filter=${encodeURIComponent(JSON.stringify({ type: 'escalation' }))}`,
    );
    expect(onlyEsc.body.every((c: { type: string }) => c.type === 'escalation')).toBe(true);
    await t.advance(10 * 86_400);
    const late = await support.get(
      `/api/admin/support-cases?filter=${encodeURIComponent(JSON.stringify({ overdue: true }))}&range=[0,99]`,
    );
    expect(late.body.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([`refund-${refund.id}`, `escalation-${esc.id}`]),
    );
    expect((await (await t.staff('finance')).get('/api/admin/support-cases')).status).toBe(403);
    // RES-7: the escalation page previews what each outcome would post.
    const preview = await support.get(
      `/api/admin/escalations/${esc.id}/preview?outcome=cancel_partial&amount=100000`,
    );
    expect(preview.body.preview[0]).toMatchObject({
      toBuyer: 100_000,
      toSeller: Math.round((e.amount - 100_000) * 0.8),
      commission: Math.round((e.amount - 100_000) * 0.2),
    });
  });
});
