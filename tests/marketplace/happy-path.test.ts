import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';
import { CARD, expectLedgerSound, makeOrder, orderService, publishService } from '../helpers/market.js';

const t = useTestApp();
const DAY = 86_400;

describe('the whole happy path through the public API', () => {
  it(`ACC-1, SEL-2, ORD-1, ORD-2, ORD-3, ORD-4, ORD-5, CLR-1, MNY-2: register, \
activate, become a seller, sell, pay, deliver, accept, clear`, async () => {
    // ACC-1: registration, pending until activation by the emailed link.
    const reg = await request(t.app).post('/api/v1/auth/register').send({
      name: 'Dewi Lestari',
      email: 'Dewi@Example.test',
      username: 'dewi',
      password: 'Rahasia-Kuat-2026',
    });
    expect(reg.status).toBe(201);
    expect(reg.body).toMatchObject({ status: 'pending_activation', email: 'dewi@example.test' });
    const early = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: 'dewi@example.test', password: 'Rahasia-Kuat-2026' });
    expect(early.status).toBe(403);
    const admin = await t.staff('admin');
    const mail = await admin.get(
      `/api/admin/outbox?filter=${encodeURIComponent(JSON.stringify({ to: 'dewi@example.test' }))}`,
    );
    const token = /token=([\w-]+)/.exec(mail.body[0].text)![1];
    expect((await request(t.app).get(`/api/v1/auth/activate?token=${token}`)).body.status).toBe('active');
    const login = await request(t.app)
      .post('/api/v1/auth/login')
      .send({ email: 'dewi@example.test', password: 'Rahasia-Kuat-2026' });
    expect(login.status).toBe(200);
    const auth = { Authorization: `Bearer ${login.body.token}` };

    // SEL-1/2: apply, trust & safety approves.
    const application = await request(t.app)
      .post('/api/v1/seller-application')
      .set(auth)
      .send({
        skills: ['logo design'],
        experience: 'Five years of brand identity work for small shops.',
        education: 'DKV, ITB',
        portfolio: ['https://dewi.example.test/work'],
      });
    expect(application.status).toBe(201);
    const trust = await t.staff('trust_safety');
    expect(
      (
        await trust.post(`/api/admin/seller-applications/${application.body.id}/approve`, {
          reason: 'Portfolio meets the bar',
        })
      ).status,
    ).toBe(200);

    // ORD-1: publish, a buyer finds it by words of its description and orders.
    const svc = await request(t.app).post('/api/v1/services').set(auth).send({
      title: 'Batik pattern logo',
      description: 'A logo drawn from traditional batik motifs, with vector files.',
      category: 'graphics_design',
      price: 1_000_000,
      deliveryDays: 5,
      revisions: 2,
    });
    expect(svc.status).toBe(201);
    // CAT-1: a new seller's service is seen by buyers once trust & safety approved it.
    const review = await trust
      .get('/api/admin/service-reviews')
      .query({ filter: JSON.stringify({ serviceId: svc.body.id }) });
    expect(
      (
        await trust.post(`/api/admin/service-reviews/${review.body[0].id}/approve`, {
          reason: 'Meets the guidelines',
        })
      ).status,
    ).toBe(200);
    const buyer = await t.user();
    const found = await buyer.get('/api/v1/services?q=batik motifs');
    expect(found.body.items.map((s: { id: number }) => s.id)).toContain(svc.body.id);
    const order = await orderService(buyer, svc.body.id);
    expect(order).toMatchObject({ status: 'awaiting_payment', allowedActions: ['buyer-pay-milestone'] });

    // ORD-2: pay into escrow by card; the fee is recorded (MNY-3 fees_payment).
    const pay = await buyer.post(
      `/api/v1/orders/${order.id}/milestones/${order.milestones[0]!.id}/pay`,
      CARD,
    );
    expect(pay.status).toBe(200);
    const fee = Math.floor((1_000_000 * 290 + 5000) / 10_000) + 2000;
    const tb1 = await (await t.staff('finance')).get('/api/admin/ledger/trial-balance');
    expect(tb1.body.ok).toBe(true);
    expect(tb1.body.byKind.find((k: { kind: string }) => k.kind === 'escrow').balance).toBe(1_000_000);
    expect(tb1.body.byKind.find((k: { kind: string }) => k.kind === 'fees_payment').balance).toBe(fee);

    // ORD-5: messages; ORD-3: deliver, revise, deliver, accept.
    expect(
      (await buyer.post(`/api/v1/orders/${order.id}/messages`, { body: 'Can you use indigo?' })).status,
    ).toBe(201);
    const sellerAuth = (r: request.Test) => r.set(auth);
    expect(
      (
        await sellerAuth(request(t.app).post(`/api/v1/orders/${order.id}/deliveries`)).send({
          message: 'First draft',
        })
      ).status,
    ).toBe(201);
    expect(
      (await buyer.post(`/api/v1/orders/${order.id}/revisions`, { message: 'More indigo please' })).status,
    ).toBe(200);
    expect(
      (
        await sellerAuth(request(t.app).post(`/api/v1/orders/${order.id}/deliveries`)).send({
          message: 'Final',
        })
      ).status,
    ).toBe(201);
    const accepted = await buyer.post(`/api/v1/orders/${order.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'completed',
      released: 1_000_000,
      sellerShare: 800_000,
      commission: 200_000,
    });

    // ORD-4: 80% to the seller's pending, 20% revenue.
    const bal = await sellerAuth(request(t.app).get('/api/v1/me/balance'));
    expect(bal.body).toMatchObject({ pending: 800_000, available: 0 });

    // ORD-5: one timeline with events, messages and deliveries in time order, for the support agent too.
    const support = await t.staff('support');
    const staffView = await support.get(`/api/admin/orders/${order.id}`);
    expect(staffView.status).toBe(200);
    const types = staffView.body.timeline.map((e: { type: string; event?: string }) => e.event ?? e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'order-placed',
        'buyer-pay-milestone',
        'message',
        'seller-deliver',
        'buyer-request-revision',
        'delivery',
        'buyer-accept-delivery',
        'posting',
      ]),
    );
    const times = staffView.body.timeline.map((e: { at: string }) => new Date(e.at).getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // CLR-1: 14 days later the earnings are available.
    await t.advance(13 * DAY);
    expect((await sellerAuth(request(t.app).get('/api/v1/me/balance'))).body).toMatchObject({
      pending: 800_000,
      available: 0,
    });
    await t.advance(1 * DAY + 60);
    expect((await sellerAuth(request(t.app).get('/api/v1/me/balance'))).body).toMatchObject({
      pending: 0,
      available: 800_000,
    });
    const earnings = await sellerAuth(request(t.app).get('/api/v1/me/earnings'));
    expect(earnings.body).toMatchObject({ pendingClearance: 0, cleared: 800_000, earned: 800_000 });
    await expectLedgerSound(t);
  });
});

describe('orders (ORD)', () => {
  it('ORD-3: a delivered order no one acts on completes by itself after 3 days', async () => {
    const o = await makeOrder(t, { upTo: 'delivered' });
    await t.advance(3 * DAY - 60);
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('delivered');
    await t.advance(120);
    const after = await o.buyer.get(`/api/v1/orders/${o.orderId}`);
    expect(after.body.status).toBe('completed');
    expect(after.body.timeline.some((e: { event?: string }) => e.event === 'auto-accept-delivery')).toBe(
      true,
    );
    expect((await o.seller.get('/api/v1/me/balance')).body.pending).toBe(o.amount * 0.8);
  });

  it('ORD-3: a revision request stops the auto-completion timer; revisions are limited', async () => {
    const o = await makeOrder(t, { upTo: 'delivered' });
    expect(
      (await o.buyer.post(`/api/v1/orders/${o.orderId}/revisions`, { message: 'fix colours' })).status,
    ).toBe(200);
    await t.advance(4 * 86_400);
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('in_progress');
    expect((await o.seller.post(`/api/v1/orders/${o.orderId}/deliveries`, { message: 'v2' })).status).toBe(
      201,
    );
    const again = await o.buyer.post(`/api/v1/orders/${o.orderId}/revisions`, { message: 'more' });
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('https://pasar.dev/problems/no-revisions-left');
  });

  it('ORD-2: work cannot be delivered before the milestone is paid into escrow', async () => {
    const o = await makeOrder(t, { upTo: 'placed' });
    const res = await o.seller.post(`/api/v1/orders/${o.orderId}/deliveries`, { message: 'early' });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('https://pasar.dev/problems/order-state-conflict');
    // The record's state beside the HTTP status, in a member of its own (`status` is the HTTP one).
    expect(res.body).toMatchObject({ status: 409, state: 'awaiting_payment', transition: 'seller-deliver' });
  });

  it(`ORD-2: a proposal with milestones becomes an order paid and released \
milestone by milestone`, async () => {
    const buyer = await t.user();
    const seller = await t.seller();
    const project = await buyer.post('/api/v1/projects', {
      title: 'Company profile website',
      description: 'Five pages, bilingual, with a contact form.',
      category: 'programming_tech',
      budget: 5_000_000,
    });
    expect(project.status).toBe(201);
    const listed = await seller.get('/api/v1/projects');
    expect(listed.body.map((p: { id: number }) => p.id)).toContain(project.body.id);
    const proposal = await seller.post(`/api/v1/projects/${project.body.id}/proposals`, {
      message: 'I build it in two steps.',
      milestones: [
        { title: 'Design', amount: 1_500_000, days: 5 },
        { title: 'Build', amount: 2_500_000, days: 10 },
      ],
    });
    expect(proposal.status).toBe(201);
    const accepted = await buyer.post(`/api/v1/proposals/${proposal.body.id}/accept`);
    expect(accepted.status).toBe(201);
    const order = (await buyer.get(`/api/v1/orders/${accepted.body.id}`)).body;
    expect(order.milestones.map((m: { amount: number }) => m.amount)).toEqual([1_500_000, 2_500_000]);
    const [m1, m2] = order.milestones;
    expect((await buyer.post(`/api/v1/orders/${order.id}/milestones/${m2.id}/pay`, CARD)).status).toBe(409);
    expect((await buyer.post(`/api/v1/orders/${order.id}/milestones/${m1.id}/pay`, CARD)).status).toBe(200);
    expect((await seller.post(`/api/v1/orders/${order.id}/deliveries`, { message: 'design' })).status).toBe(
      201,
    );
    const first = await buyer.post(`/api/v1/orders/${order.id}/accept`);
    expect(first.body.status).toBe('awaiting_payment');
    expect((await buyer.post(`/api/v1/orders/${order.id}/milestones/${m2.id}/pay`, CARD)).status).toBe(200);
    expect((await seller.post(`/api/v1/orders/${order.id}/deliveries`, { message: 'site' })).status).toBe(
      201,
    );
    expect((await buyer.post(`/api/v1/orders/${order.id}/accept`)).body.status).toBe('completed');
    expect((await seller.get('/api/v1/me/balance')).body.pending).toBe(3_200_000);
    await expectLedgerSound(t);
  });

  it(`ORD-2: accepting one proposal awards the project and declines the other pending proposals; \
none can be accepted after that`, async () => {
    const buyer = await t.user();
    const other = await t.user();
    const sellers = [await t.seller(), await t.seller(), await t.seller()];
    const post = (who: typeof buyer) =>
      who.post('/api/v1/projects', {
        title: 'Logo for a coffee shop',
        description: 'A logo and a cup sleeve design.',
        category: 'graphics_design',
      });
    const project = (await post(buyer)).body;
    const elsewhere = (await post(other)).body;
    const propose = async (seller: typeof buyer, projectId: number) =>
      (
        await seller.post(`/api/v1/projects/${projectId}/proposals`, {
          message: 'Three drafts in a week.',
          milestones: [{ title: 'Logo', amount: 700_000, days: 7 }],
        })
      ).body.id as number;
    const ids: number[] = [];
    for (const s of sellers) ids.push(await propose(s, project.id));
    const unrelated = await propose(sellers[0]!, elsewhere.id);
    expect((await buyer.post(`/api/v1/proposals/${ids[1]}/accept`)).status).toBe(201);
    const mine = (await buyer.get('/api/v1/projects?mine=true')).body;
    const p = mine.find((x: { id: number }) => x.id === project.id);
    expect(p.status).toBe('awarded');
    expect(
      Object.fromEntries(p.proposals.map((x: { id: number; status: string }) => [x.id, x.status])),
    ).toEqual({ [ids[0]!]: 'declined', [ids[1]!]: 'accepted', [ids[2]!]: 'declined' });
    expect((await sellers[0]!.get('/api/v1/projects')).body.map((x: { id: number }) => x.id)).not.toContain(
      project.id,
    );
    // Another buyer's project and its proposal are untouched.
    const theirs = (await other.get('/api/v1/projects?mine=true')).body[0];
    expect(theirs).toMatchObject({ id: elsewhere.id, status: 'open' });
    expect(theirs.proposals.map((x: { id: number; status: string }) => [x.id, x.status])).toEqual([
      [unrelated, 'pending'],
    ]);
    for (const id of ids) {
      const again = await buyer.post(`/api/v1/proposals/${id}/accept`);
      expect(again.status).toBe(409);
      expect(again.body.type).toBe('https://pasar.dev/problems/proposal-not-open');
    }
  });

  it('ORD-4: the commission is a policy setting taken when the order is placed (POL-1)', async () => {
    const admin = await t.staff('admin');
    const before = await makeOrder(t, { upTo: 'delivered', price: 1_000_000 });
    expect(
      (await admin.put('/api/admin/settings/commission_bp', { value: 1500, reason: 'launch promotion' }))
        .status,
    ).toBe(200);
    const after = await makeOrder(t, { upTo: 'delivered', price: 1_000_000 });
    expect((await before.buyer.post(`/api/v1/orders/${before.orderId}/accept`)).body.commission).toBe(
      200_000,
    );
    expect((await after.buyer.post(`/api/v1/orders/${after.orderId}/accept`)).body.commission).toBe(150_000);
    await admin.put('/api/admin/settings/commission_bp', { value: 2000, reason: 'promotion over' });
  });

  it('ORD-6: a seller blocks a buyer, who then cannot order from them', async () => {
    const seller = await t.seller();
    const buyer = await t.user();
    const svc = await publishService(seller);
    expect(
      (await seller.post(`/api/v1/users/${buyer.id}/block`, { reason: 'abusive messages' })).status,
    ).toBe(201);
    const res = await buyer.post(`/api/v1/services/${svc.id}/orders`);
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('https://pasar.dev/problems/blocked-by-seller');
    expect((await seller.delete(`/api/v1/users/${buyer.id}/block`)).status).toBe(204);
    expect((await buyer.post(`/api/v1/services/${svc.id}/orders`)).status).toBe(201);
  });

  it('ORD-1: a buyer who is not a seller gets 403 with a problem telling them to become one', async () => {
    const buyer = await t.user();
    const res = await buyer.post('/api/v1/services', {
      title: 'Translation EN-ID',
      description: 'Fast and accurate translation of documents.',
      category: 'writing_translation',
      price: 100_000,
      deliveryDays: 2,
    });
    expect(res.status).toBe(403);
    expect(res.body.type).toBe('https://pasar.dev/problems/seller-only');
    expect(res.body.detail).toMatch(/seller-application/);
  });

  it(`ORD-1: full-text search by words in title and description, category filter \
and price sort`, async () => {
    const seller = await t.seller();
    await publishService(seller, {
      title: 'Wedding photography Bandung',
      description: 'Full day coverage with edited photos.',
      category: 'photography',
      price: 3_000_000,
    });
    await publishService(seller, {
      title: 'Product photography studio',
      description: 'White background shots for marketplaces.',
      category: 'photography',
      price: 750_000,
    });
    const res = await request(t.app).get(
      '/api/v1/services?q=photography&category=photography&sort=price_asc',
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { price: number }) => s.price)).toEqual([750_000, 3_000_000]);
    const words = await request(t.app).get('/api/v1/services?q=wedding edited');
    expect(words.body.items.map((s: { title: string }) => s.title)).toEqual(['Wedding photography Bandung']);
    expect((await request(t.app).get('/api/v1/services?sort=cheapest')).status).toBe(400);
  });

  it('a user sees and acts on their own orders only: any other order id is 404 on every route', async () => {
    const o = await makeOrder(t, { upTo: 'delivered' });
    const stranger = await t.seller();
    const id = o.orderId;
    const calls = [
      stranger.get(`/api/v1/orders/${id}`),
      stranger.post(`/api/v1/orders/${id}/milestones/${o.milestoneId}/pay`, CARD),
      stranger.post(`/api/v1/orders/${id}/deliveries`, { message: 'x' }),
      stranger.post(`/api/v1/orders/${id}/accept`),
      stranger.post(`/api/v1/orders/${id}/revisions`, { message: 'xxx' }),
      stranger.post(`/api/v1/orders/${id}/messages`, { body: 'x' }),
      stranger.post(`/api/v1/orders/${id}/reviews`, { communication: 5, asDescribed: 5, recommend: 5 }),
      stranger.post(`/api/v1/orders/${id}/tips`, { amount: 10_000, ...CARD }),
      stranger.get('/api/v1/orders/999999'),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.type).toBe('https://pasar.dev/problems/not-found');
    }
    expect((await stranger.get('/api/v1/orders')).body.items.map((x: { id: number }) => x.id)).not.toContain(
      id,
    );
  });

  it(`ORD-1: a proposal can be accepted only by the project's buyer; a service \
changed only by its seller (others get 404)`, async () => {
    const buyer = await t.user();
    const seller = await t.seller();
    const stranger = await t.seller();
    const project = (
      await buyer.post('/api/v1/projects', {
        title: 'Translate a catalogue',
        description: 'Forty pages from English into Indonesian.',
        category: 'writing_translation',
      })
    ).body;
    const proposal = (
      await seller.post(`/api/v1/projects/${project.id}/proposals`, {
        message: 'Done in a week.',
        milestones: [{ title: 'All pages', amount: 800_000, days: 7 }],
      })
    ).body;
    expect((await stranger.post(`/api/v1/proposals/${proposal.id}/accept`)).status).toBe(404);
    expect((await seller.post(`/api/v1/proposals/${proposal.id}/accept`)).status).toBe(404);
    expect(
      (
        await seller.post(`/api/v1/projects/${project.id}/proposals`, {
          message: 'Second try',
          milestones: [{ title: 'Everything', amount: 800_000, days: 7 }],
        })
      ).status,
    ).toBe(409);
    const svc = await publishService(seller);
    expect((await stranger.patch(`/api/v1/services/${svc.id}`, { price: 1 })).status).toBe(400);
    expect((await stranger.patch(`/api/v1/services/${svc.id}`, { price: 20_000 })).status).toBe(404);
    expect((await seller.patch(`/api/v1/services/${svc.id}`, { active: false })).status).toBe(200);
    expect((await buyer.get(`/api/v1/services/${svc.id}`)).status).toBe(404);
    expect((await buyer.post(`/api/v1/services/${svc.id}/orders`)).status).toBe(404);
  });
  it(`ORD-2, ORD-3: the moves offered on an order and its milestones follow its state, the party \
and the revisions left, and a move out of turn is a 409 that says why`, async () => {
    const buyer = await t.user();
    const seller = await t.seller();
    const project = (
      await buyer.post('/api/v1/projects', {
        title: 'Shop photos',
        description: 'Product photos for an online shop, two batches.',
        category: 'graphics_design',
      })
    ).body;
    const proposal = (
      await seller.post(`/api/v1/projects/${project.id}/proposals`, {
        message: 'Two batches of twenty photos.',
        revisions: 1,
        milestones: [
          { title: 'First batch', amount: 600_000, days: 5 },
          { title: 'Second batch', amount: 400_000, days: 5 },
        ],
      })
    ).body;
    const id = (await buyer.post(`/api/v1/proposals/${proposal.id}/accept`)).body.id as number;
    const path = `/api/v1/orders/${id}`;
    const offered = async (who: typeof buyer) => {
      const body = (await who.get(path)).body;
      return [
        body.allowedActions,
        ...body.milestones.map((m: { allowedActions: string[] }) => m.allowedActions),
      ];
    };
    const [m1, m2] = (await buyer.get(path)).body.milestones as { id: number }[];
    const pay = (m: { id: number }) => buyer.post(`${path}/milestones/${m.id}/pay`, CARD);
    const deliver = () => seller.post(`${path}/deliveries`, { message: 'Twenty photos' });
    const conflict = (transition: string, detail: string) => ({
      status: 409,
      type: 'https://pasar.dev/problems/order-state-conflict',
      title: 'Not possible in this order state',
      transition,
      detail,
    });
    // Placed: only the buyer pays, and only the first milestone.
    expect(await offered(buyer)).toEqual([['buyer-pay-milestone'], ['buyer-pay-milestone'], []]);
    expect(await offered(seller)).toEqual([[], [], []]);
    expect((await deliver()).body).toMatchObject(
      conflict('seller-deliver', 'The order is awaiting payment; seller-deliver needs it to be in_progress.'),
    );
    expect((await pay(m1!)).status).toBe(200);
    // In progress: the seller delivers; the buyer has nothing to do on the order, nor pays the next
    // milestone before this one is accepted.
    expect(await offered(buyer)).toEqual([[], [], []]);
    expect(await offered(seller)).toEqual([['seller-deliver'], [], []]);
    expect((await pay(m2!)).body).toMatchObject(
      conflict(
        'buyer-pay-milestone',
        'The order is in progress; buyer-pay-milestone needs it to be awaiting_payment.',
      ),
    );
    expect((await deliver()).status).toBe(201);
    // Delivered, one revision left: revise, accept or review.
    expect(await offered(buyer)).toEqual([
      ['buyer-request-revision', 'buyer-accept-delivery', 'buyer-review-delivery'],
      [],
      [],
    ]);
    expect(await offered(seller)).toEqual([[], [], []]);
    expect((await buyer.post(`${path}/revisions`, { message: 'Brighter, please' })).status).toBe(200);
    expect((await deliver()).status).toBe(201);
    // Delivered again, the one revision used: no revision offered.
    expect((await offered(buyer)).slice(0, 2)).toEqual([
      ['buyer-accept-delivery', 'buyer-review-delivery'],
      [],
    ]);
    // Accepting the first of two milestones waits for the next payment; the order is not completed.
    expect((await buyer.post(`${path}/accept`)).body.status).toBe('awaiting_payment');
    expect((await buyer.get(path)).body.completedAt).toBeNull();
    expect(await offered(buyer)).toEqual([['buyer-pay-milestone'], [], ['buyer-pay-milestone']]);
    expect(await offered(seller)).toEqual([[], [], []]);
    expect((await pay(m2!)).status).toBe(200);
    expect((await deliver()).status).toBe(201);
    await t.advance(3600);
    // Accepting the last milestone completes the order, at that moment.
    expect((await buyer.post(`${path}/accept`)).body.status).toBe('completed');
    const done = (await buyer.get(path)).body;
    expect(done.completedAt).toBe(t.clock.now().toISOString());
    // RVW-1: what is left on a completed order is each party's review, not a move of the order.
    expect(await offered(buyer)).toEqual([['leave-review'], [], []]);
    expect(await offered(seller)).toEqual([['leave-review'], [], []]);
    expect((await deliver()).body).toMatchObject(
      conflict('seller-deliver', 'The order is completed; seller-deliver needs it to be in_progress.'),
    );
  });
});
