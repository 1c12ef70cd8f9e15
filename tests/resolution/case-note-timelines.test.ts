import { describe, expect, it } from 'vitest';
import { useTestApp, type StaffClient, type UserClient } from '../helpers/context.js';
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

type Entry = { at: string; type: string; internal?: boolean; body?: string; authorName?: string };

/** Entries in time order: every `at` no earlier than the one before. */
const inTimeOrder = (items: Entry[]) =>
  items.every((e, i) => i === 0 || new Date(e.at).getTime() >= new Date(items[i - 1]!.at).getTime());

async function note(staff: StaffClient, kind: string, id: number, body: string) {
  const res = await staff.post(`/api/admin/case-notes/${kind}/${id}`, { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** The notes of a timeline, and where the note with `body` stands among all entries. */
function expectNoteIn(items: Entry[], body: string, author: string) {
  expect(inTimeOrder(items)).toBe(true);
  const n = items.find((e) => e.body === body);
  expect(n).toMatchObject({ type: 'note', internal: true, authorName: author, at: expect.any(String) });
  return items.indexOf(n!);
}

async function notVisibleTo(user: UserClient, paths: string[], secret: string) {
  for (const path of paths) {
    const res = await user.get(path);
    expect(res.status, path).toBe(200);
    expect(JSON.stringify(res.body), path).not.toContain(secret);
  }
}

describe('internal notes in each case timeline (OPS-6, issue 16 item 4)', () => {
  it('OPS-6: a refund note is in the order timeline in time order, staff only, not in /api/v1', async () => {
    const o = await makeOrder(t, { upTo: 'paid', price: 400_000 });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const support = await t.staff('support');
    await t.advance(60);
    await note(support, 'refund-requests', r.id, 'NOTE-R1 called the seller, no answer');
    await t.advance(60);
    await support.post(`/api/admin/refund-requests/${r.id}/reject`, { reason: 'The work was delivered' });
    const tl = (await support.get(`/api/admin/refund-requests/${r.id}`)).body.order.timeline as Entry[];
    const at = expectNoteIn(tl, 'NOTE-R1 called the seller, no answer', 'Test support');
    // After the request came in, before the rejection a minute later: between the order's own events.
    expect(tl.slice(0, at).some((e) => e.type === 'event')).toBe(true);
    expect(tl.slice(at + 1).some((e) => e.type === 'event')).toBe(true);
    // The same order read by itself, by the parties, or by another case kind, has no note.
    const order = (await support.get(`/api/admin/orders/${o.orderId}`)).body.timeline as Entry[];
    expect(order.some((e) => e.type === 'note')).toBe(false);
    await notVisibleTo(
      o.buyer,
      [`/api/v1/orders/${o.orderId}`, `/api/v1/refund-requests/${r.id}`],
      'NOTE-R1',
    );
    await notVisibleTo(o.seller, [`/api/v1/orders/${o.orderId}`], 'NOTE-R1');
    expect((await (await t.staff('finance')).get(`/api/admin/refund-requests/${r.id}`)).status).toBe(403);
  });

  it('OPS-6: dispute and report notes stand in their case timelines', async () => {
    const o = await makeOrder(t, { upTo: 'delivered', price: 1_000_000 });
    const d = await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
      milestoneId: o.milestoneId,
      reason: 'The logo is a copy of a stock image.',
      amount: 200_000,
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const support = await t.staff('support');
    await t.advance(60);
    await note(support, 'disputes', d.body.id, 'NOTE-D1 stock image confirmed on the site');
    const dispute = (await support.get(`/api/admin/disputes/${d.body.id}`)).body;
    expectNoteIn(dispute.order.timeline, 'NOTE-D1 stock image confirmed on the site', 'Test support');
    await notVisibleTo(o.buyer, [`/api/v1/orders/${o.orderId}`, '/api/v1/disputes'], 'NOTE-D1');

    const msg = await o.seller.post(`/api/v1/orders/${o.orderId}/messages`, { body: 'Pay me directly.' });
    const rep = await o.buyer.post('/api/v1/reports', {
      subjectType: 'message',
      subjectId: msg.body.id,
      reason: 'contact_outside_platform',
      answers: { happened_in_order: true, asked_to_pay_outside: true, lost_money: false },
    });
    expect(rep.status, JSON.stringify(rep.body)).toBe(201);
    const trust = await t.staff('trust_safety');
    await trust.post(`/api/admin/reports/${rep.body.id}/claim`);
    await t.advance(60);
    await note(trust, 'reports', rep.body.id, 'NOTE-P1 second report on this seller');
    const report = (await trust.get(`/api/admin/reports/${rep.body.id}`)).body;
    const tl = report.timeline as (Entry & { action?: string })[];
    const at = expectNoteIn(tl, 'NOTE-P1 second report on this seller', 'Test trust_safety');
    expect(tl.slice(0, at).map((e) => e.action)).toContain('report.claim');
  });

  it('OPS-6: a payout note stands in its history with the audit trail', async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    await t.advance(14 * DAY + 60);
    const w = await o.seller.post('/api/v1/withdrawals', { amount: 200_000, method: BANK });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    const finance = await t.staff('finance');
    await note(finance, 'withdrawals', w.body.id, 'NOTE-W1 account name matches the KTP');
    await t.advance(60);
    await finance.post(`/api/admin/withdrawals/${w.body.id}/approve`);
    const trail = (await finance.get(`/api/admin/withdrawals/${w.body.id}`)).body.trail as (Entry & {
      action?: string;
    })[];
    const at = expectNoteIn(trail, 'NOTE-W1 account name matches the KTP', 'Test finance');
    expect(trail.slice(at + 1).map((e) => e.action)).toContain('withdrawal.approve');
    await notVisibleTo(o.seller, ['/api/v1/withdrawals', `/api/v1/withdrawals/${w.body.id}`], 'NOTE-W1');
  });
});
