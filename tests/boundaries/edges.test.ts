import { describe, expect, it, vi } from 'vitest';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { CARD, makeOrder } from '../helpers/market.js';
import type { SettingKey } from '../../server/modules/settings/rules.js';

/**
 * Both sides of every timed and counted edge of the rulebook: the last moment (or amount) that is still
 * allowed and the first that is not. Each number is read from the settings through the API, so a test proves
 * the rule as configured and a changed default cannot make it pass by accident. The clock is frozen between
 * advances, so "created at" is the clock's now.
 */
const t = useTestApp();
vi.setConfig({ testTimeout: 90_000 }); // the first test also signs staff in, on a small, shared machine
const DAY = 86_400;
const HOUR = 3_600;
const P = 'https://pasar.dev/problems/';
const BANK = { type: 'bank_transfer', bank: 'BCA', accountNumber: '1234567890', holderName: 'Sari Dewi' };
const GOOD = { communication: 5, asDescribed: 5, recommend: 5 };

async function setting(key: SettingKey): Promise<number> {
  const res = await (await t.staff('admin')).get(`/api/admin/settings/${key}`);
  expect(res.status).toBe(200);
  return res.body.value as number;
}

const order = async (c: UserClient, id: number) => (await c.get(`/api/v1/orders/${id}`)).body;
const requestOf = async (c: UserClient, orderId: number, id: number) =>
  (await order(c, orderId)).resolutionRequests.find((r: { id: number }) => r.id === id);

describe('resolution-centre windows (RES-3, RES-4, RES-5)', () => {
  it(`RES-3: a cancellation request is still open 1 second before the window ends \
and cancels the order at its end`, async () => {
    const hours = await setting('cancellation_response_hours');
    const o = await makeOrder(t, { upTo: 'paid' });
    const req = (
      await o.buyer.post(`/api/v1/orders/${o.orderId}/resolution-requests`, {
        kind: 'cancel',
        reason: 'requirements_changed',
        message: 'We no longer need this.',
      })
    ).body;
    await t.advance(hours * HOUR - 1);
    expect((await order(o.buyer, o.orderId)).status).toBe('in_progress');
    expect((await requestOf(o.buyer, o.orderId, req.id)).status).toBe('open');
    await t.advance(1);
    expect((await order(o.buyer, o.orderId)).status).toBe('cancelled');
  });

  it('RES-4: an update request is open 1 second before its days end and expires at their end', async () => {
    const days = await setting('update_response_days');
    const o = await makeOrder(t, { upTo: 'paid' });
    const req = (
      await o.buyer.post(`/api/v1/orders/${o.orderId}/resolution-requests`, {
        kind: 'update',
        reason: 'no_news',
        message: 'Any news?',
      })
    ).body;
    await t.advance(days * DAY - 1);
    expect((await requestOf(o.buyer, o.orderId, req.id)).status).toBe('open');
    await t.advance(1);
    expect((await requestOf(o.buyer, o.orderId, req.id)).status).toBe('expired');
  });

  it(`RES-5: an extension request is open 1 second before its hours end and \
expires at their end`, async () => {
    const hours = await setting('extension_response_hours');
    const o = await makeOrder(t, { upTo: 'paid' });
    const req = (
      await o.seller.post(`/api/v1/orders/${o.orderId}/resolution-requests`, {
        kind: 'extend_delivery',
        reason: 'more_time_needed',
        message: 'Need two more days',
        days: 2,
      })
    ).body;
    await t.advance(hours * HOUR - 1);
    expect((await requestOf(o.buyer, o.orderId, req.id)).status).toBe('open');
    await t.advance(1);
    expect((await requestOf(o.buyer, o.orderId, req.id)).status).toBe('expired');
  });
});

describe('orders and clearance (ORD-3, CLR-1)', () => {
  it(`ORD-3: a delivered order is still delivered 1 second before the \
auto-completion days and completes at their end`, async () => {
    const days = await setting('auto_complete_days');
    const o = await makeOrder(t, { upTo: 'delivered' });
    await t.advance(days * DAY - 1);
    expect((await order(o.buyer, o.orderId)).status).toBe('delivered');
    await t.advance(1);
    expect((await order(o.buyer, o.orderId)).status).toBe('completed');
  });

  it(`CLR-1: earnings are pending 1 second before the clearance days end and \
available at their end`, async () => {
    const days = await setting('clearance_days');
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    await t.advance(days * DAY - 1);
    expect((await o.seller.get('/api/v1/me/balance')).body).toMatchObject({ pending: 800_000, available: 0 });
    await t.advance(1);
    expect((await o.seller.get('/api/v1/me/balance')).body).toMatchObject({ pending: 0, available: 800_000 });
  });
});

async function disputed(price = 1_000_000) {
  const o = await makeOrder(t, { upTo: 'delivered', price });
  const res = await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
    milestoneId: o.milestoneId,
    reason: 'The logo is a copy of a stock image.',
    amount: 200_000,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...o, disputeId: res.body.id as number };
}
const stage = async (c: UserClient, id: number) => (await c.get(`/api/v1/disputes/${id}`)).body.stage;

describe('dispute deadlines and the arbitration fee (DSP-4, DSP-7, DSP-8, DSP-12)', () => {
  it(`DSP-4: an unanswered dispute is in negotiation 1 second before the response \
days end, awaiting approval at their end`, async () => {
    const days = await setting('dispute_response_days');
    const d = await disputed();
    await t.advance(days * DAY - 1);
    expect(await stage(d.buyer, d.disputeId)).toBe('negotiation');
    await t.advance(1);
    expect(await stage(d.buyer, d.disputeId)).toBe('awaiting_default_approval');
  });

  it(`DSP-7: arbitration is refused 1 second before the days since opening have \
passed and allowed at that moment`, async () => {
    const days = await setting('dispute_arbitration_after_days');
    const d = await disputed();
    await d.seller.post(`/api/v1/disputes/${d.disputeId}/statements`, { text: 'I disagree.' });
    await t.advance(days * DAY - 1);
    const early = await d.buyer.post(`/api/v1/disputes/${d.disputeId}/arbitration`, CARD);
    expect(early.status).toBe(422);
    expect(early.body.type).toBe(`${P}arbitration-too-early`);
    await t.advance(1);
    expect((await d.buyer.post(`/api/v1/disputes/${d.disputeId}/arbitration`, CARD)).status).toBe(200);
  });

  it(`DSP-8: the final offer waits for the fee 1 second before the payment days \
end and goes to approval at their end`, async () => {
    const after = await setting('dispute_arbitration_after_days');
    const days = await setting('dispute_fee_payment_days');
    const d = await disputed();
    await d.seller.post(`/api/v1/disputes/${d.disputeId}/statements`, { text: 'I disagree.' });
    await t.advance(after * DAY);
    expect((await d.buyer.post(`/api/v1/disputes/${d.disputeId}/arbitration`, CARD)).status).toBe(200);
    await t.advance(days * DAY - 1);
    expect(await stage(d.buyer, d.disputeId)).toBe('final_offer');
    await t.advance(1);
    expect(await stage(d.buyer, d.disputeId)).toBe('awaiting_final_approval');
  });

  it(`DSP-12: the fee is the minimum up to the escrow where the percentage \
reaches it, one rupiah more above`, async () => {
    const bp = await setting('arbitration_fee_bp');
    const min = await setting('arbitration_fee_min');
    const atMin = (min * 10_000) / bp; // the escrow whose percentage is exactly the minimum
    expect(Number.isInteger(atMin)).toBe(true);
    // Half a rupiah rounds up: the first escrow whose fee is min + 1.
    const above = atMin + Math.ceil(10_000 / bp / 2);
    const a = await disputed(atMin);
    const b = await disputed(above);
    for (const d of [a, b])
      await d.seller.post(`/api/v1/disputes/${d.disputeId}/statements`, { text: 'I disagree.' });
    await t.advance((await setting('dispute_arbitration_after_days')) * DAY);
    expect((await a.buyer.post(`/api/v1/disputes/${a.disputeId}/arbitration`, CARD)).body.fee).toBe(min);
    expect((await b.buyer.post(`/api/v1/disputes/${b.disputeId}/arbitration`, CARD)).body.fee).toBe(min + 1);
  });
});

describe('reviews and tips (RVW-2, RVW-3, RVW-5)', () => {
  it(`RVW-2: a review is accepted 1 second before the review window closes and \
refused at its end`, async () => {
    const days = await setting('review_window_days');
    const o = await makeOrder(t, { upTo: 'completed' });
    await t.advance(days * DAY - 1);
    expect((await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, GOOD)).status).toBe(201);
    await t.advance(1);
    const late = await o.seller.post(`/api/v1/orders/${o.orderId}/reviews`, GOOD);
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(late.status).toBeLessThan(500);
  });

  it(`RVW-3: a one-sided review is hidden from the other party 1 second before \
the window closes, shown at its end`, async () => {
    const days = await setting('review_window_days');
    const o = await makeOrder(t, { upTo: 'completed' });
    expect((await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, GOOD)).status).toBe(201);
    await t.advance(days * DAY - 1);
    expect((await order(o.seller, o.orderId)).reviews).toEqual([]);
    await t.advance(1);
    expect((await order(o.seller, o.orderId)).reviews).toHaveLength(1);
  });

  it('RVW-5: a tip is accepted 1 second before the tip window closes and refused at its end', async () => {
    const days = await setting('tip_window_days');
    // Two orders completed at the same frozen moment.
    const a = await makeOrder(t, { upTo: 'completed' });
    const b = await makeOrder(t, { upTo: 'completed' });
    for (const o of [a, b])
      expect((await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, GOOD)).status).toBe(201);
    await t.advance(days * DAY - 1);
    expect((await a.buyer.post(`/api/v1/orders/${a.orderId}/tips`, { amount: 50_000, ...CARD })).status).toBe(
      201,
    );
    await t.advance(1);
    const late = await b.buyer.post(`/api/v1/orders/${b.orderId}/tips`, { amount: 50_000, ...CARD });
    expect(late.status).toBeGreaterThanOrEqual(400);
    expect(late.status).toBeLessThan(500);
  });
});

describe('warnings (WRN-4, WRN-9, WRN-11)', () => {
  const warn = async (id: number, type: string) =>
    (await t.staff('trust_safety')).post(`/api/admin/users/${id}/warnings`, {
      type,
      reason: `${type} again`,
    });
  const preview = async (id: number, type: string) =>
    (await (await t.staff('trust_safety')).post(`/api/admin/users/${id}/warnings/preview`, { type })).body;

  it(`WRN-11: a warning still counts 1 second before the counting days end and no \
longer at their end`, async () => {
    const days = await setting('warning_count_days');
    const u = await t.user();
    expect((await warn(u.id, 'spam')).status).toBe(201);
    await t.advance(days * DAY - 1);
    expect(await preview(u.id, 'spam')).toMatchObject({ consequence: 'suspension', rule: 'WRN-4' });
    await t.advance(1);
    expect(await preview(u.id, 'spam')).toMatchObject({ consequence: 'reminder', rule: 'WRN-3' });
  });

  it(`WRN-4: a suspension lasts the suspension days: still suspended 1 second \
before their end, active at it`, async () => {
    const days = await setting('suspension_days');
    const u = await t.user();
    await warn(u.id, 'spam');
    expect((await warn(u.id, 'spam')).body.consequence).toBe('suspension');
    await t.advance(days * DAY - 1);
    expect((await u.patch('/api/v1/me', { bio: 'x' })).status).toBe(403);
    await t.advance(1);
    expect((await u.patch('/api/v1/me', { bio: 'back' })).status).toBe(200);
  });

  it(`WRN-9: held funds are not releasable 1 second before the held-release days \
end, releasable at their end`, async () => {
    const days = await setting('held_release_days');
    const o = await makeOrder(t, { upTo: 'completed' });
    const trust = await t.staff('trust_safety');
    expect(
      (await trust.post(`/api/admin/users/${o.seller.id}/block`, { reason: 'Fraudulent deliveries' })).status,
    ).toBeLessThan(300);
    const finance = await t.staff('finance');
    await t.advance(days * DAY - 1);
    const early = await finance.post(`/api/admin/held-funds/${o.seller.id}/release`, { method: BANK });
    expect(early.status).toBe(409);
    expect(early.body.type).toBe(`${P}held-not-releasable`);
    await t.advance(1);
    expect(
      (await finance.post(`/api/admin/held-funds/${o.seller.id}/release`, { method: BANK })).status,
    ).toBe(201);
  });
});

/** A seller whose earnings of one completed order have cleared (CLR-1). */
async function sellerWithAvailable(price: number) {
  const o = await makeOrder(t, { upTo: 'completed', price });
  await t.advance((await setting('clearance_days')) * DAY + 1);
  return o;
}
const withdraw = (seller: UserClient, amount: number) =>
  seller.post('/api/v1/withdrawals', { amount, method: BANK });

describe('withdrawals (WDR-1, WDR-2, WDR-4, WDR-6)', () => {
  it('WDR-1: one rupiah below the minimum is refused, the minimum is accepted', async () => {
    const min = await setting('withdrawal_min');
    const o = await sellerWithAvailable(1_000_000);
    const low = await withdraw(o.seller, min - 1);
    expect(low.status).toBe(422);
    expect(low.body.type).toBe(`${P}withdrawal-below-minimum`);
    expect((await withdraw(o.seller, min)).status).toBe(201);
  });

  it(`WDR-2: rolling, not per calendar week: a Friday withdrawal blocks the next \
Monday and until 1 second before the days end`, async () => {
    const days = await setting('withdrawal_interval_days');
    const o = await sellerWithAvailable(2_000_000);
    // Move to the next Friday 10:00 in Jakarta (03:00 UTC).
    const now = t.clock.now();
    const friday = new Date(now);
    friday.setUTCHours(3, 0, 0, 0);
    while (friday.getUTCDay() !== 5 || friday <= now) friday.setUTCDate(friday.getUTCDate() + 1);
    await t.advance((friday.getTime() - now.getTime()) / 1000);
    expect((await withdraw(o.seller, 100_000)).status).toBe(201);
    await t.advance(3 * DAY); // Monday: a new calendar week
    expect((await withdraw(o.seller, 100_000)).body.type).toBe(`${P}withdrawal-too-soon`);
    await t.advance(days * DAY - 3 * DAY - 1);
    expect((await withdraw(o.seller, 100_000)).body.type).toBe(`${P}withdrawal-too-soon`);
    await t.advance(1);
    expect((await withdraw(o.seller, 100_000)).status).toBe(201);
  });

  it('WDR-6: a payout of exactly the threshold needs one approver; one rupiah more needs two', async () => {
    const threshold = await setting('payout_four_eyes_threshold');
    const price = Math.ceil(((threshold + 1) * 10_000) / (10_000 - (await setting('commission_bp'))));
    const a = await makeOrder(t, { upTo: 'completed', price });
    const b = await makeOrder(t, { upTo: 'completed', price });
    await t.advance((await setting('clearance_days')) * DAY + 1);
    const at = (await withdraw(a.seller, threshold)).body;
    const above = (await withdraw(b.seller, threshold + 1)).body;
    const finance = await t.staff('finance');
    expect((await finance.post(`/api/admin/withdrawals/${at.id}/approve`)).body.status).toBe('approved');
    expect((await finance.post(`/api/admin/withdrawals/${above.id}/approve`)).body.status).toBe(
      'awaiting_second_approval',
    );
  });

  it(`WDR-4: the payout is due exactly the SLA business days later and overdue \
only after that moment`, async () => {
    const days = await setting('withdrawal_sla_business_days');
    const holidays = (await (await t.staff('admin')).get('/api/admin/settings/holidays')).body
      .value as string[];
    const o = await sellerWithAvailable(1_000_000);
    const w = (await withdraw(o.seller, 100_000)).body;
    // Count business days by hand: step one calendar day at a time in Jakarta (UTC+7, no DST), skipping
    // Saturdays, Sundays and the holidays setting.
    const due = new Date(w.requestedAt);
    for (let left = days; left > 0;) {
      due.setUTCDate(due.getUTCDate() + 1);
      const local = new Date(due.getTime() + 7 * HOUR * 1000);
      const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
      if (!weekend && !holidays.includes(local.toISOString().slice(0, 10))) left--;
    }
    expect(w.expectedPayoutAt).toBe(due.toISOString());
    const finance = await t.staff('finance');
    const overdue = async () =>
      (await finance.get('/api/admin/withdrawals?filter=' + encodeURIComponent(JSON.stringify({ id: w.id }))))
        .body[0].overdue;
    await t.advance((due.getTime() - t.clock.now().getTime()) / 1000);
    expect(await overdue()).toBe(false);
    await t.advance(1);
    expect(await overdue()).toBe(true);
  });
});
