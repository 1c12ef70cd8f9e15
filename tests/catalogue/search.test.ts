import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { CARD, orderService, publishService } from '../helpers/market.js';

const t = useTestApp();

const TEXT = {
  title: 'Kaligrafi Arab untuk dekorasi rumah',
  description: 'Kaligrafi Arab digital siap cetak untuk dekorasi rumah dan masjid, file resolusi tinggi.',
  category: 'graphics_design',
  deliveryDays: 4,
};

async function completedOrder(seller: UserClient, serviceId: number, stars: number) {
  const buyer = await t.user();
  const order = await orderService(buyer, serviceId);
  expect(
    (await buyer.post(`/api/v1/orders/${order.id}/milestones/${order.milestones[0]!.id}/pay`, CARD)).status,
  ).toBe(200);
  expect((await seller.post(`/api/v1/orders/${order.id}/deliveries`, { message: 'Done' })).status).toBe(201);
  // A buyer's review on a delivered order accepts it (ORD-3).
  const review = await buyer.post(`/api/v1/orders/${order.id}/reviews`, {
    communication: stars,
    asDescribed: stars,
    recommend: stars,
    text: 'Terima kasih',
  });
  expect(review.status, JSON.stringify(review.body)).toBe(201);
  return order.id;
}

async function setLevel(seller: UserClient, level: string) {
  const trust = await t.staff('trust_safety');
  expect(
    (await trust.post(`/api/admin/users/${seller.id}/level`, { level, reason: 'Ranking fixture' })).status,
  ).toBe(200);
}

const ids = (res: request.Response) => res.body.items.map((s: { id: number }) => s.id) as number[];

describe('search (CAT-4)', () => {
  it(`CAT-4: services rank by relevance and seller performance over the level \
window, warnings lower them; explain=1 gives the parts`, async () => {
    // The fixture: four sellers with the same text, whose performance differs in known ways.
    const best = await t.seller(); // top rated, 1 order completed on time, 5 stars
    const good = await t.seller(); // level 1, 1 order completed on time, 4 stars
    const warned = await t.seller(); // as `best`, with one active warning
    const fresh = await t.seller(); // new, no orders yet
    const sBest = await publishService(best, { ...TEXT, price: 400_000 });
    const sGood = await publishService(good, { ...TEXT, price: 300_000 });
    const sWarned = await publishService(warned, { ...TEXT, price: 200_000 });
    const sFresh = await publishService(fresh, { ...TEXT, price: 100_000 });
    await completedOrder(best, sBest.id, 5);
    await completedOrder(good, sGood.id, 4);
    await completedOrder(warned, sWarned.id, 5);
    await setLevel(best, 'top_rated');
    await setLevel(good, 'level_1');
    await setLevel(warned, 'top_rated');
    const trust = await t.staff('trust_safety');
    expect(
      (
        await trust.post(`/api/admin/users/${warned.id}/warnings`, {
          type: 'spam',
          reason: 'Sent the same message to many buyers',
        })
      ).status,
    ).toBe(201);
    // An unrelated service does not match the words.
    const other = await publishService(await t.seller(), {
      title: 'Desain logo minimalis',
      description: 'Logo minimalis modern untuk usaha kecil, tiga konsep.',
      price: 150_000,
    });

    const res = await request(t.app).get('/api/v1/services').query({ q: 'kaligrafi dekorasi', explain: 1 });
    expect(res.status).toBe(200);
    // Weights (defaults): relevance 40%, completion 20%, rating 20%, on time 10%, level 10%, −15% per
    // warning.
    // best 0.6 + r, good 0.2 + 0.16 + 0.1 + 0.0333 = 0.4933 + r, warned 0.6 − 0.15 + r, fresh r.
    expect(ids(res)).toEqual([sBest.id, sGood.id, sWarned.id, sFresh.id]);
    expect(ids(res)).not.toContain(other.id);
    const [b, g, w, f] = res.body.items;
    expect(b.scoreParts).toMatchObject({
      completion: { value: 1, weight: 2000, points: 0.2 },
      rating: { value: 1, weight: 2000, points: 0.2 },
      onTime: { value: 1, weight: 1000, points: 0.1 },
      level: { value: 1, weight: 1000, points: 0.1 },
      warnings: { value: 0, points: 0 },
    });
    expect(g.scoreParts.rating.value).toBeCloseTo(0.8);
    expect(g.scoreParts.level.value).toBeCloseTo(1 / 3);
    expect(w.scoreParts.warnings).toEqual({ value: 1, weight: -1500, points: -0.15 });
    expect(f.scoreParts.completion.value).toBe(0);
    for (const item of res.body.items) {
      const sum = Object.values(item.scoreParts as Record<string, { points: number }>).reduce(
        (a, p) => a + p.points,
        0,
      );
      expect(item.score).toBeCloseTo(sum, 9);
      expect(item.scoreParts.relevance.value).toBeGreaterThan(0);
    }
    expect(b.score - g.score).toBeCloseTo(0.6 - (0.16 + 0.2 + 0.1 + 0.1 / 3), 6);
    // Without explain, no parts; the order is the same.
    const plain = await request(t.app).get('/api/v1/services').query({ q: 'kaligrafi dekorasi' });
    expect(plain.body.items[0].scoreParts).toBeUndefined();
    expect(ids(plain)).toEqual(ids(res));

    // The weights are policy settings (POL-1): relevance only → order by text, ties newest id first.
    const admin = await t.staff('admin');
    const put = (key: string, value: number) =>
      admin.put(`/api/admin/settings/${key}`, { value, reason: 'Ranking test' });
    for (const k of ['completion', 'rating', 'on_time', 'level']) await put(`search_weight_${k}_bp`, 0);
    await put('search_warning_penalty_bp', 0);
    const textOnly = await request(t.app).get('/api/v1/services').query({ q: 'kaligrafi dekorasi' });
    expect(ids(textOnly)).toEqual([sFresh.id, sWarned.id, sGood.id, sBest.id]);
    await put('search_weight_level_bp', 5000);
    const byLevel = await request(t.app).get('/api/v1/services').query({ q: 'kaligrafi dekorasi' });
    expect(ids(byLevel).slice(0, 2).sort()).toEqual([sBest.id, sWarned.id].sort());
    expect(ids(byLevel)[3]).toBe(sFresh.id);
    for (const [k, v] of [
      ['completion', 2000],
      ['rating', 2000],
      ['on_time', 1000],
      ['level', 1000],
    ] as const)
      await put(`search_weight_${k}_bp`, v);
    await put('search_warning_penalty_bp', 1500);
  });

  it('CAT-4: filters (category, price range, delivery days, level, rating), sorts and pages', async () => {
    const a = await t.seller();
    const b = await t.seller();
    const sA1 = await publishService(a, {
      ...TEXT,
      title: 'Batik pattern design',
      description: 'Batik patterns for textiles and packaging, vector files.',
      price: 250_000,
      deliveryDays: 2,
    });
    const sA2 = await publishService(a, {
      ...TEXT,
      title: 'Batik logo',
      description: 'A batik inspired logo with two concepts.',
      price: 900_000,
      deliveryDays: 7,
    });
    const sB1 = await publishService(b, {
      ...TEXT,
      title: 'Batik video intro',
      description: 'Animated batik intro for your channel.',
      category: 'video_animation',
      price: 600_000,
      deliveryDays: 5,
    });
    await completedOrder(a, sA1.id, 5);
    await setLevel(a, 'level_2');
    const q = (params: Record<string, string | number>) =>
      request(t.app)
        .get('/api/v1/services')
        .query({ q: 'batik', ...params });
    expect(ids(await q({ category: 'video_animation' }))).toEqual([sB1.id]);
    expect(ids(await q({ minPrice: 300_000, maxPrice: 700_000 }))).toEqual([sB1.id]);
    expect((await q({ maxDeliveryDays: 5 })).body.items.map((s: { id: number }) => s.id).sort()).toEqual(
      [sA1.id, sB1.id].sort(),
    );
    expect((await q({ level: 'level_2' })).body.items.map((s: { id: number }) => s.id).sort()).toEqual(
      [sA1.id, sA2.id].sort(),
    );
    expect(ids(await q({ level: 'new,level_1' }))).toEqual([sB1.id]);
    // Rating: the seller's public rating (revealed reviews only, RVW-3): after the review window the 5 stars
    // show.
    expect(ids(await q({ minRating: '4.5' }))).toEqual([]);
    await t.advance(11 * 86_400);
    const rated = await q({ minRating: '4.5' });
    expect(rated.body.items.map((s: { id: number }) => s.id).sort()).toEqual([sA1.id, sA2.id].sort());
    expect(rated.body.items[0]).toMatchObject({ sellerRating: 5, sellerReviews: 1 });
    expect(ids(await q({ sort: 'price_asc' }))).toEqual([sA1.id, sB1.id, sA2.id]);
    expect(ids(await q({ sort: 'price_desc' }))).toEqual([sA2.id, sB1.id, sA1.id]);
    expect(ids(await q({ sort: 'newest' }))).toEqual([sB1.id, sA2.id, sA1.id]);
    expect(ids(await q({ sort: 'rating' }))[2]).toBe(sB1.id);
    const page1 = await q({ sort: 'price_asc', perPage: 2 });
    const page2 = await q({ sort: 'price_asc', perPage: 2, page: 2 });
    expect(page1.body).toMatchObject({ total: 3, page: 1, perPage: 2 });
    expect([...ids(page1), ...ids(page2)]).toEqual([sA1.id, sB1.id, sA2.id]);
    const bads: Record<string, string | number>[] = [
      { level: 'gold' },
      { minRating: '7' },
      { sort: 'cheapest' },
      { maxPrice: -1 },
    ];
    for (const bad of bads) expect((await q(bad)).status, JSON.stringify(bad)).toBe(400);
  });

  it('CAT-4, DSP-3: sellers are found by name or username with their public profile', async () => {
    const seller = await t.user({ name: 'Dewi Lestari Kaligrafer', username: 'dewikaligrafi' });
    await t.ctx.db.updateTable('users').set({ is_seller: true }).where('id', '=', seller.id).execute();
    const svc = await publishService(seller, { ...TEXT, price: 350_000 });
    await completedOrder(seller, svc.id, 4);
    const buyer = await t.user({ name: 'Dewi Pembeli', username: 'dewibuyer' });
    const byName = await request(t.app).get('/api/v1/sellers').query({ q: 'dewi' });
    expect(byName.status).toBe(200);
    // Only sellers: the buyer named Dewi is not listed.
    expect(byName.body.items.map((s: { id: number }) => s.id)).toEqual([seller.id]);
    expect(byName.body.items.map((s: { id: number }) => s.id)).not.toContain(buyer.id);
    const byUsername = await request(t.app).get('/api/v1/sellers').query({ q: 'DEWIKALIGRAFI' });
    expect(byUsername.body.items[0]).toMatchObject({
      id: seller.id,
      username: 'dewikaligrafi',
      sellerLevel: 'new',
      completedOrders: 1,
      disputes: 0,
      memberSince: expect.any(String),
    });
    const profile = await request(t.app).get(`/api/v1/users/${seller.id}`);
    expect(byUsername.body.items[0]).toMatchObject({
      rating: profile.body.rating,
      reviewCount: profile.body.reviewCount,
      completedOrders: profile.body.completedOrders,
      disputes: profile.body.disputes,
    });
    expect((await request(t.app).get('/api/v1/sellers')).status).toBe(400);
    expect((await request(t.app).get('/api/v1/sellers').query({ q: '%' })).body.items).toEqual([]);
  });
});
