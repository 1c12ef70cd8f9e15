import { describe, expect, it } from 'vitest';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';

const t = useTestApp();
const DAY = 86_400;
const BANK = {
  type: 'bank_transfer',
  bank: 'BCA',
  accountNumber: '1234567890',
  holderName: 'Sari Dewi',
} as const;
const ask = { reason: 'seller_not_working_as_agreed', message: 'The seller delivered nothing for a week.' };

/** A seller whose earnings of one completed order have cleared: 80% of the price is available. */
async function sellerWithAvailable(price = 1_000_000) {
  const o = await makeOrder(t, { upTo: 'completed', price });
  await t.advance(14 * DAY + 60);
  return o.seller;
}

async function withdraw(seller: UserClient, amount: number) {
  const res = await seller.post('/api/v1/withdrawals', { amount, method: BANK });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

describe('decisions that are safe and explained (OPS-6, OPS-8)', () => {
  it(`OPS-6: a decision that affects a user, sent without its reason, is refused: \
422 on the field`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 500_000 });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const support = await t.staff('support');
    const trust = await t.staff('trust_safety');
    const finance = await t.staff('finance');
    const cases: [typeof support, string, object][] = [
      [support, `/api/admin/refund-requests/${r.id}/approve`, {}],
      [support, `/api/admin/refund-requests/${r.id}/approve`, { amount: 100_000 }],
      [support, `/api/admin/refund-requests/${r.id}/reject`, { reason: '' }],
      [support, '/api/admin/escalations/1/decide', { outcome: 'continue' }],
      [support, '/api/admin/disputes/1/approve-award', {}],
      [support, '/api/admin/disputes/1/refuse-award', {}],
      [support, '/api/admin/disputes/1/decide', { buyerPercent: 50, sellerPercent: 50 }],
      [trust, '/api/admin/seller-applications/1/approve', {}],
      [trust, '/api/admin/seller-applications/1/reject', {}],
      [trust, '/api/admin/seller-applications/1/request-changes', {}],
      [trust, '/api/admin/identity-checks/1/approve', {}],
      [trust, '/api/admin/identity-checks/1/reject', {}],
      [trust, `/api/admin/users/${o.seller.id}/warnings`, { type: 'spam' }],
      [trust, '/api/admin/reports/1/warn', { type: 'spam' }],
      [trust, '/api/admin/reports/1/dismiss', {}],
      [trust, '/api/admin/service-reviews/1/approve', {}],
      [trust, '/api/admin/service-reviews/1/reject', { reasonCode: 'other' }],
      [finance, '/api/admin/withdrawals/1/reject', {}],
      [finance, '/api/admin/withdrawals/1/mark-failed', { reason: 'no' }],
    ];
    for (const [who, path, body] of cases) {
      const res = await who.post(path, body);
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.type).toBe('https://pasar.dev/problems/reason-required');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.reason' })]);
    }
    // Another field wrong as well: an ordinary validation error, the reason listed among the fields.
    const both = await support.post(`/api/admin/refund-requests/${r.id}/approve`, { amount: -1 });
    expect(both.status).toBe(400);
    // With its reason the same decision goes through, and the buyer reads the reason.
    const ok = await support.post(`/api/admin/refund-requests/${r.id}/approve`, {
      amount: 100_000,
      reason: 'Part of the work was delivered',
    });
    expect(ok.status).toBe(200);
    expect((await o.buyer.get(`/api/v1/refund-requests/${r.id}`)).body.decisionReason).toBe(
      'Part of the work was delivered',
    );
  });

  it(`OPS-6: reason templates are kept by admins only, per action, in English and \
Indonesian, audited`, async () => {
    const admin = await t.staff('admin');
    const support = await t.staff('support');
    const body = {
      action: 'refund.reject',
      name: 'Delivered as described',
      bodyEn: 'The delivery matches the order description.',
      bodyId: 'Hasil kerja sesuai dengan deskripsi pesanan.',
    };
    expect((await support.post('/api/admin/reason-templates', body)).status).toBe(403);
    expect(
      (await admin.post('/api/admin/reason-templates', { ...body, action: 'refund.maybe' })).status,
    ).toBe(400);
    const created = await admin.post('/api/admin/reason-templates', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, active: true });
    await admin.post('/api/admin/reason-templates', {
      ...body,
      action: 'warning.issue',
      name: 'Spam',
      bodyEn: 'You sent the same message to many users.',
      bodyId: 'Anda mengirim pesan yang sama ke banyak pengguna.',
    });
    // Every staff role reads the templates of one action, both languages side by side.
    const filter = encodeURIComponent(JSON.stringify({ action: 'refund.reject', active: true }));
    const list = await support.get(`/api/admin/reason-templates?filter=${filter}`);
    expect(list.status).toBe(200);
    expect(list.body.map((x: { name: string }) => x.name)).toEqual(['Delivered as described']);
    expect(list.body[0]).toMatchObject({ bodyEn: body.bodyEn, bodyId: body.bodyId });
    const id = created.body.id as number;
    expect((await support.put(`/api/admin/reason-templates/${id}`, body)).status).toBe(403);
    const changed = await admin.put(`/api/admin/reason-templates/${id}`, {
      ...body,
      bodyId: 'Sudah sesuai.',
    });
    expect(changed.body.bodyId).toBe('Sudah sesuai.');
    expect((await support.delete(`/api/admin/reason-templates/${id}`)).status).toBe(403);
    expect((await admin.delete(`/api/admin/reason-templates/${id}`)).body.active).toBe(false);
    expect((await support.get(`/api/admin/reason-templates?filter=${filter}`)).body).toEqual([]);
    expect((await admin.get('/api/admin/reason-templates/999999')).status).toBe(404);
    const trail = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'reason_template')
      .where('subject_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(trail.map((a) => a.action)).toEqual([
      'reason-template.create',
      'reason-template.update',
      'reason-template.retire',
    ]);
  });

  it('OPS-6: a template goes in in the language of the user who reads the decision', async () => {
    const o = await makeOrder(t, { upTo: 'delivered', price: 500_000 });
    const support = await t.staff('support');
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    expect((await support.get(`/api/admin/case-readers/refund-requests/${r.id}`)).body).toMatchObject({
      readers: [{ id: o.buyer.id, locale: 'id' }],
      locale: 'id',
    });
    expect((await o.buyer.patch('/api/v1/me', { locale: 'en' })).status).toBe(200);
    expect((await support.get(`/api/admin/case-readers/refund-requests/${r.id}`)).body.locale).toBe('en');
    // A dispute is read by both parties: with two languages, none is chosen for them.
    const d = await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
      milestoneId: o.milestoneId,
      reason: 'Half of the pages are missing.',
      amount: 100_000,
    });
    const both = await support.get(`/api/admin/case-readers/disputes/${d.body.id}`);
    expect(both.body.readers).toHaveLength(2);
    expect(both.body.locale).toBeNull();
    expect((await support.get('/api/admin/case-readers/withdrawals/999999')).status).toBe(404);
    expect((await support.get('/api/admin/case-readers/orders/1')).status).toBe(400);
  });

  it(`OPS-8: the bulk approval preview gives count, total and every flagged row \
before anything runs`, async () => {
    const finance = await t.staff('finance');
    const trust = await t.staff('trust_safety');
    // A seller paid before to the same account: no flag on their next payout.
    const clean = await sellerWithAvailable();
    const first = await withdraw(clean, 100_000);
    await finance.post(`/api/admin/withdrawals/${first}/approve`);
    await finance.get('/api/admin/withdrawals/export.csv').set('X-CSRF-Token', finance.csrfToken);
    expect(
      (await finance.post(`/api/admin/withdrawals/${first}/mark-paid`, { reference: 'BCA-OPS8-1' })).status,
    ).toBe(200);
    await t.advance(7 * DAY + 60); // WDR-2: one withdrawal a week
    const w1 = await withdraw(clean, 200_000);
    // A seller suspended after asking (two warnings of one type, WRN-4): suspended, warned, new method.
    const suspended = await sellerWithAvailable();
    const w2 = await withdraw(suspended, 300_000);
    for (const n of [1, 2])
      await trust.post(`/api/admin/users/${suspended.id}/warnings`, { type: 'spam', reason: `Spam ${n}` });
    const res = await finance.post('/api/admin/withdrawals/bulk-approve/preview', { ids: [w1, w2, 999_999] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      count: 2,
      total: 500_000,
      flaggedCount: 1,
      unflaggedCount: 1,
      unflaggedTotal: 200_000,
      notFound: [999_999],
    });
    expect(res.body.rows).toEqual([
      expect.objectContaining({ id: w1, amount: 200_000, flags: [], approvable: true }),
      expect.objectContaining({
        id: w2,
        amount: 300_000,
        flags: expect.arrayContaining(['suspended', 'recent_warning', 'new_method']),
        approvable: true,
      }),
    ]);
    // The preview changed nothing; approving only the unflagged one leaves the flagged one pending.
    expect((await finance.get(`/api/admin/withdrawals/${w2}`)).body.status).toBe('pending');
    const done = await finance.post('/api/admin/withdrawals/bulk-approve', { ids: [w1] });
    expect(done.body.approved).toBe(1);
    expect((await finance.get(`/api/admin/withdrawals/${w2}`)).body.status).toBe('pending');
    expect(
      (await (await t.staff('support')).post('/api/admin/withdrawals/bulk-approve/preview', { ids: [w1] }))
        .status,
    ).toBe(403);
  });

  it(`OPS-8: approving a dispute award shows the amount and recipient computed as \
the approval pays them`, async () => {
    const o = await makeOrder(t, { upTo: 'delivered', price: 1_000_000 });
    const d = await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
      milestoneId: o.milestoneId,
      reason: 'The logo is a copy of a stock image.',
      amount: 200_000,
    });
    const support = await t.staff('support');
    expect((await support.get(`/api/admin/disputes/${d.body.id}/award-preview`)).status).toBe(409);
    await t.advance(5 * DAY + 60);
    const preview = await support.get(`/api/admin/disputes/${d.body.id}/award-preview`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      outcome: 'default_award',
      recipient: 'buyer',
      recipientId: o.buyer.id,
      toBuyer: 800_000,
      toSellerAfterCommission: 160_000,
      commission: 40_000,
    });
    expect(preview.body.recipientName).toBeTruthy();
    const approved = await support.post(`/api/admin/disputes/${d.body.id}/approve-award`, {
      reason: 'No answer in time',
    });
    expect(approved.body).toMatchObject({
      toBuyer: preview.body.toBuyer,
      commission: preview.body.commission,
    });
    expect((await o.buyer.get(`/api/v1/disputes/${d.body.id}`)).body.decisionReason).toBe(
      'No answer in time',
    );
  });

  it('OPS-8: a warning from a report has the consequence its preview showed (WRN-8)', async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const report = await o.buyer.post('/api/v1/reports', {
      subjectType: 'user',
      subjectId: o.seller.id,
      reason: 'spam',
      answers: { happened_in_order: true, asked_to_pay_outside: false, lost_money: false },
    });
    const trust = await t.staff('trust_safety');
    await trust.post(`/api/admin/users/${o.seller.id}/warnings`, { type: 'spam', reason: 'First spam' });
    const preview = await trust.post(`/api/admin/users/${o.seller.id}/warnings/preview`, { type: 'spam' });
    expect(preview.body.consequence).toBe('suspension');
    const warned = await trust.post(`/api/admin/reports/${report.body.id}/warn`, {
      type: 'spam',
      reason: 'Second spam',
    });
    expect(warned.status).toBe(200);
    expect(warned.body.effect).toMatchObject({
      consequence: preview.body.consequence,
      rule: preview.body.rule,
    });
  });

  it(`internal notes on a case are audited and never reach the buyer or the \
seller through /api/v1`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 400_000 });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const support = await t.staff('support');
    const secret = 'NOTE-7f3a buyer has asked twice before, check the chat';
    const added = await support.post(`/api/admin/case-notes/refund-requests/${r.id}`, { body: secret });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ body: secret, authorName: expect.any(String) });
    expect((await support.post(`/api/admin/case-notes/refund-requests/${r.id}`, { body: ' ' })).status).toBe(
      400,
    );
    expect((await support.post('/api/admin/case-notes/refund-requests/999999', { body: 'x' })).status).toBe(
      404,
    );
    expect((await support.post(`/api/admin/case-notes/orders/${o.orderId}`, { body: 'x' })).status).toBe(400);
    // OPS-1: another queue's staff can neither read nor write them.
    const finance = await t.staff('finance');
    expect((await finance.get(`/api/admin/case-notes/refund-requests/${r.id}`)).status).toBe(403);
    expect((await support.get(`/api/admin/case-notes/refund-requests/${r.id}`)).body).toEqual([
      expect.objectContaining({ body: secret }),
    ]);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'case-note.add')
      .where('subject_type', '=', 'refund_request')
      .where('subject_id', '=', String(r.id))
      .execute();
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited[0]!.after)).toContain('NOTE-7f3a');
    await support.post(`/api/admin/refund-requests/${r.id}/reject`, { reason: 'The work was delivered' });
    for (const [who, path] of [
      [o.buyer, `/api/v1/refund-requests/${r.id}`],
      [o.buyer, '/api/v1/refund-requests'],
      [o.buyer, `/api/v1/orders/${o.orderId}`],
      [o.buyer, '/api/v1/notifications'],
      [o.seller, `/api/v1/orders/${o.orderId}`],
      [o.seller, '/api/v1/notifications'],
    ] as const) {
      const res = await who.get(path);
      expect(res.status, path).toBe(200);
      expect(JSON.stringify(res.body), path).not.toContain('NOTE-7f3a');
    }
    expect((await o.buyer.get(`/api/admin/case-notes/refund-requests/${r.id}`)).status).toBe(401);
  });

  it(`OPS-1: notes on a refund request are written and read by its queue (support) and by admin, who sees \
every case; finance and trust & safety are refused`, async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 400_000 });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const expected = { admin: 201, support: 201, finance: 403, trust_safety: 403 } as const;
    for (const [role, status] of Object.entries(expected) as [keyof typeof expected, number][]) {
      const staff = await t.staff(role);
      const path = `/api/admin/case-notes/refund-requests/${r.id}`;
      expect((await staff.post(path, { body: `Checked by ${role}` })).status, role).toBe(status);
      const read = await staff.get(path);
      expect(read.status, role).toBe(status === 201 ? 200 : 403);
    }
    const notes = (await (await t.staff('admin')).get(`/api/admin/case-notes/refund-requests/${r.id}`)).body;
    expect(notes.map((n: { body: string }) => n.body).sort()).toEqual([
      'Checked by admin',
      'Checked by support',
    ]);
  });
});
