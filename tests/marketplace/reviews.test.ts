import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { CARD, expectLedgerSound, makeOrder } from '../helpers/market.js';

const t = useTestApp();
const DAY = 86_400;
const good = { communication: 5, asDescribed: 5, recommend: 4, text: 'Great work' };

describe('reviews and tips (RVW)', () => {
  it('RVW-1: each party reviews the other once; a review cannot be edited or deleted', async () => {
    const o = await makeOrder(t, { upTo: 'completed' });
    expect((await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, good)).status).toBe(201);
    const again = await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, {
      ...good,
      text: 'changed my mind',
    });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('https://pasar.dev/problems/review-exists');
    expect(
      (
        await o.seller.post(`/api/v1/orders/${o.orderId}/reviews`, {
          communication: 4,
          asDescribed: 4,
          recommend: 4,
        })
      ).status,
    ).toBe(201);
    expect(
      (await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, { ...good, communication: 6 })).status,
    ).toBe(400);
    expect((await o.buyer.delete(`/api/v1/orders/${o.orderId}/reviews`)).status).toBe(404);
  });

  it('RVW-1: an order that is not completed cannot be reviewed by the seller', async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    expect((await o.seller.post(`/api/v1/orders/${o.orderId}/reviews`, good)).status).toBe(409);
  });

  it("ORD-3, RVW-1: a buyer's review on a delivered order accepts it", async () => {
    const o = await makeOrder(t, { upTo: 'delivered' });
    const res = await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, good);
    expect(res.status).toBe(201);
    const order = (await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(order.status).toBe('completed');
    expect(order.timeline.some((e: { event?: string }) => e.event === 'buyer-review-delivery')).toBe(true);
    expect((await o.seller.get('/api/v1/me/balance')).body.pending).toBe(o.amount * 0.8);
  });

  it(`RVW-1, RVW-2, DSP-3: a completed order offers each party leave-review until they review or the \
window closes; a disputed order never does`, async () => {
    const actions = async (who: { get(p: string): request.Test }, orderId: number) =>
      (await who.get(`/api/v1/orders/${orderId}`)).body.allowedActions as string[];
    const o = await makeOrder(t, { upTo: 'delivered' });
    expect(await actions(o.seller, o.orderId)).not.toContain('leave-review');
    expect((await o.buyer.post(`/api/v1/orders/${o.orderId}/accept`)).status).toBe(200);
    expect(await actions(o.buyer, o.orderId)).toContain('leave-review');
    expect(await actions(o.seller, o.orderId)).toContain('leave-review');
    expect((await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, good)).status).toBe(201);
    expect(await actions(o.buyer, o.orderId)).not.toContain('leave-review');
    expect(await actions(o.seller, o.orderId)).toContain('leave-review');
    await t.advance(10 * DAY);
    expect(await actions(o.seller, o.orderId)).not.toContain('leave-review');
    expect((await o.seller.post(`/api/v1/orders/${o.orderId}/reviews`, good)).status).toBe(422);

    const disputed = await makeOrder(t, { upTo: 'delivered' });
    const path = `/api/v1/orders/${disputed.orderId}`;
    const opened = await disputed.buyer.post(`${path}/disputes`, {
      milestoneId: disputed.milestoneId,
      reason: 'The work is not what we agreed on.',
      amount: 100_000,
    });
    expect(opened.status).toBe(201);
    const offers = `/api/v1/disputes/${opened.body.id}/offers`;
    const offer = (await disputed.seller.post(offers, { sellerAmount: 50_000 })).body;
    expect((await disputed.buyer.post(`${offers}/${offer.id}/accept`)).status).toBe(200);
    const settled = (await disputed.buyer.get(path)).body;
    expect(settled.status).toBe('completed');
    expect(settled.allowedActions).not.toContain('leave-review');
    expect(await actions(disputed.seller, disputed.orderId)).not.toContain('leave-review');
  });

  it('RVW-2: reviews can be left up to 10 days after completion', async () => {
    const o = await makeOrder(t, { upTo: 'completed' });
    await t.advance(10 * DAY + 60);
    const res = await o.seller.post(`/api/v1/orders/${o.orderId}/reviews`, good);
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('https://pasar.dev/problems/review-window-closed');
  });

  it(`RVW-3: double blind: hidden from the other party until both reviewed or the \
window closed`, async () => {
    const o = await makeOrder(t, { upTo: 'completed' });
    await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, good);
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.reviews).toHaveLength(1);
    const sellerView = (await o.seller.get(`/api/v1/orders/${o.orderId}`)).body;
    expect(sellerView.reviews).toEqual([]);
    expect(sellerView.reviewsHiddenUntil).toBeTruthy();
    expect((await request(t.app).get(`/api/v1/users/${o.seller.id}`)).body.reviewCount).toBe(0);
    await o.seller.post(`/api/v1/orders/${o.orderId}/reviews`, {
      communication: 5,
      asDescribed: 5,
      recommend: 5,
    });
    expect((await o.seller.get(`/api/v1/orders/${o.orderId}`)).body.reviews).toHaveLength(2);
    const profile = await request(t.app).get(`/api/v1/users/${o.seller.id}`);
    expect(profile.body).toMatchObject({ reviewCount: 1, rating: 4.7, completedOrders: 1 });

    const other = await makeOrder(t, { upTo: 'completed' });
    await other.buyer.post(`/api/v1/orders/${other.orderId}/reviews`, good);
    await t.advance(10 * DAY + 60);
    expect((await other.seller.get(`/api/v1/orders/${other.orderId}`)).body.reviews).toHaveLength(1);
  });

  it(`RVW-5: a buyer whose review is above 3 stars tips within 7 days; the tip \
goes to pending without commission`, async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    expect((await o.buyer.post(`/api/v1/orders/${o.orderId}/tips`, { amount: 50_000, ...CARD })).status).toBe(
      422,
    );
    await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, good);
    const tip = await o.buyer.post(`/api/v1/orders/${o.orderId}/tips`, { amount: 50_000, ...CARD });
    expect(tip.status).toBe(201);
    expect((await o.seller.get('/api/v1/me/balance')).body.pending).toBe(800_000 + 50_000);
    expect(
      (await o.seller.post(`/api/v1/orders/${o.orderId}/tips`, { amount: 50_000, ...CARD })).status,
    ).toBe(403);

    const meh = await makeOrder(t, { upTo: 'completed' });
    await meh.buyer.post(`/api/v1/orders/${meh.orderId}/reviews`, {
      communication: 3,
      asDescribed: 3,
      recommend: 3,
    });
    const refused = await meh.buyer.post(`/api/v1/orders/${meh.orderId}/tips`, { amount: 50_000, ...CARD });
    expect(refused.status).toBe(422);
    expect(refused.body.type).toBe('https://pasar.dev/problems/tip-needs-good-review');

    await t.advance(7 * DAY + 60);
    const late = await o.buyer.post(`/api/v1/orders/${o.orderId}/tips`, { amount: 10_000, ...CARD });
    expect(late.status).toBe(422);
    expect(late.body.type).toBe('https://pasar.dev/problems/tip-window-closed');
    await expectLedgerSound(t);
  });
});

describe('review removal (RVW-4)', () => {
  it(`RVW-4: only trust & safety removes a review, with a reason, audited; the \
profile stops showing it`, async () => {
    const o = await makeOrder(t, { upTo: 'completed' });
    const review = (
      await o.buyer.post(`/api/v1/orders/${o.orderId}/reviews`, {
        ...good,
        text: 'Call me on WhatsApp 0812…',
      })
    ).body;
    await o.seller.post(`/api/v1/orders/${o.orderId}/reviews`, good);
    const support = await t.staff('support');
    expect(
      (await support.post(`/api/admin/reviews/${review.id}/remove`, { reason: 'contact details' })).status,
    ).toBe(403);
    const trust = await t.staff('trust_safety');
    expect((await trust.post(`/api/admin/reviews/${review.id}/remove`, {})).status).toBe(422);
    const res = await trust.post(`/api/admin/reviews/${review.id}/remove`, {
      reason: 'Shares personal contact information',
    });
    expect(res.status).toBe(200);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'review.remove')
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({ actor_id: trust.id, reason: 'Shares personal contact information' });
    const profile = await request(t.app).get(`/api/v1/users/${o.seller.id}`);
    expect(profile.body.reviews.map((r: { id: number }) => r.id)).not.toContain(review.id);
    expect((await trust.post(`/api/admin/reviews/${review.id}/remove`, { reason: 'again' })).status).toBe(
      409,
    );
  });
});
