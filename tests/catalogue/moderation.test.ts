import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { useTestApp, type UserClient } from '../helpers/context.js';
import { CARD, makeOrder, publishService } from '../helpers/market.js';
import { detectContacts } from '../../server/modules/moderation/contacts.js';

const t = useTestApp();

const SERVICE = {
  title: 'Ilustrasi maskot untuk UMKM',
  description: 'Maskot lucu untuk brand Anda, dengan tiga pose dan file vektor.',
  category: 'graphics_design',
  price: 600_000,
  deliveryDays: 5,
};

async function levelled(level: 'new' | 'level_1' | 'level_2' | 'top_rated') {
  const seller = await t.seller();
  if (level !== 'new')
    expect(
      (
        await (
          await t.staff('trust_safety')
        ).post(`/api/admin/users/${seller.id}/level`, { level, reason: 'Fixture for moderation' })
      ).status,
    ).toBe(200);
  return seller;
}

async function openReviewOf(serviceId: number) {
  const trust = await t.staff('trust_safety');
  const res = await trust
    .get('/api/admin/service-reviews')
    .query({ filter: JSON.stringify({ serviceId, status: 'open' }) });
  expect(res.status).toBe(200);
  return res.body[0] as { id: number; moderation: string; flags: number; kind: string } | undefined;
}

const visibleToBuyers = async (serviceId: number) =>
  (await request(t.app).get(`/api/v1/services/${serviceId}`)).status === 200;

const myService = async (seller: UserClient, id: number) =>
  ((await seller.get('/api/v1/me/services')).body.items as { id: number }[]).find(
    (s) => s.id === id,
  ) as Record<string, unknown>;

const mailsTo = (email: string, kind: string) =>
  t.ctx.db
    .selectFrom('outbox')
    .select(['subject', 'body'])
    .where('recipient', '=', email)
    .where('kind', '=', kind)
    .execute();

describe('service moderation (CAT-1, CAT-2)', () => {
  it(`CAT-1: a new seller’s service is pre-moderated: hidden and not orderable \
until trust & safety approve it`, async () => {
    const seller = await levelled('new');
    const buyer = await t.user();
    const svc = await publishService(seller, SERVICE, { approve: false });
    expect(svc).toMatchObject({ status: 'in_review', moderation: 'pre' });
    expect(await visibleToBuyers(svc.id)).toBe(false);
    expect((await buyer.post(`/api/v1/services/${svc.id}/orders`)).status).toBe(404);
    const search = await request(t.app).get('/api/v1/services').query({ q: 'maskot' });
    expect(search.body.items.map((s: { id: number }) => s.id)).not.toContain(svc.id);
    expect(await myService(seller, svc.id)).toMatchObject({
      status: 'in_review',
      moderation: 'pre',
      visible: false,
      rejectionReason: null,
    });
    const review = await openReviewOf(svc.id);
    expect(review).toMatchObject({ kind: 'new', moderation: 'pre' });
    const trust = await t.staff('trust_safety');
    const one = await trust.get(`/api/admin/service-reviews/${review!.id}`);
    expect(one.body).toMatchObject({
      snapshot: { title: SERVICE.title, price: SERVICE.price },
      allowedActions: ['approve', 'reject', 'claim'],
    });
    // SLA: one business day (policy setting), Monday 09:00 → Tuesday 09:00 Jakarta.
    expect(new Date(one.body.slaDueAt).toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect((await (await t.staff('support')).get('/api/admin/service-reviews')).status).toBe(403);

    expect(
      (
        await trust.post(`/api/admin/service-reviews/${review!.id}/approve`, {
          reason: 'Meets the guidelines',
        })
      ).status,
    ).toBe(200);
    expect(await visibleToBuyers(svc.id)).toBe(true);
    expect((await buyer.post(`/api/v1/services/${svc.id}/orders`)).status).toBe(201);
    expect(await myService(seller, svc.id)).toMatchObject({ status: 'approved', visible: true });
    expect(await mailsTo(seller.email, 'service.approved')).toHaveLength(1);
    expect(
      (
        await trust.post(`/api/admin/service-reviews/${review!.id}/approve`, {
          reason: 'Meets the guidelines',
        })
      ).status,
    ).toBe(409);
  });

  it(`CAT-1, CAT-2, CAT-3: the actions offered on a service, its review and a flag follow their \
state, and a second decision is a 409 that says why`, async () => {
    const seller = await levelled('new');
    const trust = await t.staff('trust_safety');
    const said = (res: { status: number; body: Record<string, unknown> }) => ({
      status: res.status,
      type: res.body.type,
      title: res.body.title,
      detail: res.body.detail,
    });
    const kept = await publishService(seller, SERVICE, { approve: false });
    const dropped = await publishService(seller, { ...SERVICE, title: 'Maskot kedua' }, { approve: false });
    expect((await myService(seller, kept.id)).allowedActions).toEqual(['seller-edit']);
    const review = (await openReviewOf(kept.id))!;
    const reviewPath = `/api/admin/service-reviews/${review.id}`;
    expect((await trust.get(reviewPath)).body.allowedActions).toEqual(['approve', 'reject', 'claim']);
    expect((await trust.post(`${reviewPath}/approve`, { reason: 'Meets the guidelines' })).status).toBe(200);
    expect((await trust.get(reviewPath)).body.allowedActions).toEqual([]);
    expect(said(await trust.post(`${reviewPath}/approve`, { reason: 'Meets the guidelines' }))).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/case-decided',
      title: 'Already decided',
      detail: 'This service review was approved already.',
    });
    expect((await myService(seller, kept.id)).allowedActions).toEqual(['seller-edit']);
    const other = (await openReviewOf(dropped.id))!;
    expect(
      (
        await trust.post(`/api/admin/service-reviews/${other.id}/reject`, {
          reasonCode: 'intellectual_property',
          reason: 'A copy of a well-known cartoon character.',
        })
      ).status,
    ).toBe(200);
    expect(said(await seller.patch(`/api/v1/services/${dropped.id}`, { title: 'Another mascot' }))).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/service-rejected',
      title: 'Service rejected',
      detail: 'A rejected service is never restored (CAT-2); create a new service instead.',
    });
    // CAT-3: a flag is dismissed or warned once.
    const o = await makeOrder(t, { upTo: 'paid' });
    const sent = await o.seller.post(`/api/v1/orders/${o.orderId}/messages`, {
      body: 'Call me on +62 812 3333 4444 instead',
    });
    const flag = (
      await trust.get('/api/admin/content-flags').query({ filter: JSON.stringify({ status: 'open' }) })
    ).body.find(
      (f: { subjectType: string; subjectId: number }) =>
        f.subjectType === 'message' && f.subjectId === sent.body.id,
    );
    const flagPath = `/api/admin/content-flags/${flag.id}`;
    expect((await trust.get(flagPath)).body.allowedActions).toEqual(['dismiss', 'warn']);
    expect((await trust.post(`${flagPath}/dismiss`, { reason: 'A shop number' })).status).toBe(200);
    expect((await trust.get(flagPath)).body.allowedActions).toEqual([]);
    expect(said(await trust.post(`${flagPath}/warn`, { reason: 'Too late' }))).toEqual({
      status: 409,
      type: 'https://pasar.dev/problems/case-decided',
      title: 'Already decided',
      detail: 'This flag was dismissed already.',
    });
  });

  it('CAT-1: an edit in review is moderated as the seller’s level says at the time of the edit', async () => {
    const seller = await levelled('new');
    const svc = await publishService(seller, SERVICE, { approve: false });
    expect(await myService(seller, svc.id)).toMatchObject({ status: 'in_review', moderation: 'pre' });
    const trust = await t.staff('trust_safety');
    expect(
      (await trust.post(`/api/admin/users/${seller.id}/level`, { level: 'level_1', reason: 'Steady work' }))
        .status,
    ).toBe(200);
    expect(
      (await seller.patch(`/api/v1/services/${svc.id}`, { title: 'Maskot baru untuk UMKM' })).status,
    ).toBe(200);
    expect(await myService(seller, svc.id)).toMatchObject({ status: 'in_review', moderation: 'post' });
  });

  it(`CAT-1: sellers above level new are post-moderated: visible at once and \
reviewed afterwards`, async () => {
    for (const level of ['level_1', 'level_2', 'top_rated'] as const) {
      const seller = await levelled(level);
      const svc = await publishService(seller, SERVICE, { approve: false });
      expect(svc).toMatchObject({ status: 'in_review', moderation: 'post' });
      expect(await visibleToBuyers(svc.id)).toBe(true);
      expect(await openReviewOf(svc.id)).toMatchObject({ moderation: 'post' });
    }
  });

  it('CAT-1: the level that is pre-moderated is a policy setting (POL-1)', async () => {
    const admin = await t.staff('admin');
    const put = (value: number) =>
      admin.put('/api/admin/settings/service_premoderated_levels', { value, reason: 'Moderation test' });
    expect((await put(2)).status).toBe(200);
    const l1 = await publishService(await levelled('level_1'), SERVICE, { approve: false });
    expect(l1.moderation).toBe('pre');
    expect(await visibleToBuyers(l1.id)).toBe(false);
    expect((await put(0)).status).toBe(200);
    const fresh = await publishService(await levelled('new'), SERVICE, { approve: false });
    expect(fresh.moderation).toBe('post');
    expect(await visibleToBuyers(fresh.id)).toBe(true);
    expect((await put(1)).status).toBe(200);
  });

  it(`CAT-1: edits of title, description, category or price go back to review; \
other edits do not`, async () => {
    const seller = await levelled('new');
    const svc = await publishService(seller, SERVICE);
    expect(await visibleToBuyers(svc.id)).toBe(true);
    // Delivery days and revisions are not reviewed.
    expect((await seller.patch(`/api/v1/services/${svc.id}`, { deliveryDays: 7 })).body.status).toBe(
      'approved',
    );
    expect(await openReviewOf(svc.id)).toBeUndefined();
    // Each reviewed field sends it back to review. A pre-moderated seller's edit waits as a new version:
    // buyers keep seeing and ordering the approved text until trust & safety approve the new one.
    for (const change of [
      { title: 'Ilustrasi maskot premium' },
      { description: 'Maskot lucu untuk brand Anda, kini dengan lima pose dan animasi.' },
      { category: 'video_animation' },
      { price: 650_000 },
    ]) {
      const before = (await request(t.app).get(`/api/v1/services/${svc.id}`)).body;
      const res = await seller.patch(`/api/v1/services/${svc.id}`, change);
      expect(res.body).toMatchObject({ status: 'approved' });
      const live = await request(t.app).get(`/api/v1/services/${svc.id}`);
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({
        title: before.title,
        price: before.price,
        category: before.category,
      });
      expect((await myService(seller, svc.id)).pendingEdit).toMatchObject(change);
      const review = await openReviewOf(svc.id);
      expect(review).toMatchObject({ kind: 'edit', moderation: 'pre' });
      expect((review as unknown as { changed: string[] }).changed).toEqual(Object.keys(change));
      await seller.approveService(svc.id);
      expect((await request(t.app).get(`/api/v1/services/${svc.id}`)).body).toMatchObject(change);
      expect((await myService(seller, svc.id)).pendingEdit).toBeNull();
    }
    // Two edits while one review waits: one open review showing the latest text, with both changes.
    await seller.patch(`/api/v1/services/${svc.id}`, { price: 700_000 });
    await seller.patch(`/api/v1/services/${svc.id}`, { title: 'Ilustrasi maskot plus' });
    const trust = await t.staff('trust_safety');
    const open = await trust
      .get('/api/admin/service-reviews')
      .query({ filter: JSON.stringify({ serviceId: svc.id, status: 'open' }) });
    expect(open.body).toHaveLength(1);
    expect(open.body[0]).toMatchObject({
      changed: ['price', 'title'],
      snapshot: { price: 700_000, title: 'Ilustrasi maskot plus' },
    });
    // Rejecting a waiting edit rejects the edit, not the service: the approved text stays on sale.
    await trust.post(`/api/admin/service-reviews/${open.body[0].id}/reject`, {
      reasonCode: 'contact_details',
      reason: 'The new title asks buyers to call you.',
    });
    expect(await visibleToBuyers(svc.id)).toBe(true);
    expect((await request(t.app).get(`/api/v1/services/${svc.id}`)).body).toMatchObject({
      status: 'approved',
      title: 'Ilustrasi maskot premium',
      price: 650_000,
    });
    expect(await myService(seller, svc.id)).toMatchObject({ status: 'approved', pendingEdit: null });
    expect((await mailsTo(seller.email, 'service.edit-rejected')).length).toBe(1);
    // And the seller may edit it again.
    expect((await seller.patch(`/api/v1/services/${svc.id}`, { price: 680_000 })).status).toBe(200);
    expect((await myService(seller, svc.id)).pendingEdit).toMatchObject({ price: 680_000 });
    // A post-moderated seller's edit stays visible while it is reviewed.
    const l1 = await levelled('level_1');
    const s2 = await publishService(l1, SERVICE);
    expect((await l1.patch(`/api/v1/services/${s2.id}`, { price: 900_000 })).body).toMatchObject({
      status: 'in_review',
      moderation: 'post',
    });
    expect(await visibleToBuyers(s2.id)).toBe(true);
  });

  it(`CAT-2, OPS-6: a rejected service carries a templated reason and text the \
seller reads by email and in the API, and is never restored`, async () => {
    const seller = await levelled('level_1');
    await t.ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', seller.id).execute();
    const svc = await publishService(seller, SERVICE, { approve: false });
    expect(await visibleToBuyers(svc.id)).toBe(true);
    const review = await openReviewOf(svc.id);
    const trust = await t.staff('trust_safety');
    // A reason from the list and a text are both required.
    expect(
      (await trust.post(`/api/admin/service-reviews/${review!.id}/reject`, { reason: 'No list reason' }))
        .status,
    ).toBe(400);
    expect(
      (
        await trust.post(`/api/admin/service-reviews/${review!.id}/reject`, {
          reasonCode: 'not_a_reason',
          reason: 'Unknown',
        })
      ).status,
    ).toBe(400);
    const rejected = await trust.post(`/api/admin/service-reviews/${review!.id}/reject`, {
      reasonCode: 'intellectual_property',
      reason: 'The mascot is a copy of a well-known cartoon character.',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', serviceStatus: 'rejected' });
    expect(await visibleToBuyers(svc.id)).toBe(false);
    expect(await myService(seller, svc.id)).toMatchObject({
      status: 'rejected',
      visible: false,
      rejectionCode: 'intellectual_property',
      rejectionReason: 'The mascot is a copy of a well-known cartoon character.',
      allowedActions: [],
    });
    const [mail] = await mailsTo(seller.email, 'service.rejected');
    expect(mail!.subject).toMatch(/rejected/);
    expect(mail!.body).toContain("someone else's work or trademark");
    expect(mail!.body).toContain('The mascot is a copy of a well-known cartoon character.');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('subject_type', '=', 'service_review')
      .where('subject_id', '=', String(review!.id))
      .execute();
    expect(audit).toEqual([
      { action: 'service-review.reject', reason: 'The mascot is a copy of a well-known cartoon character.' },
    ]);
    // Never restored: not by an edit, not by putting it back on sale, not by a second decision.
    for (const change of [{ title: 'An original mascot, promise' }, { active: true }, { deliveryDays: 3 }]) {
      const res = await seller.patch(`/api/v1/services/${svc.id}`, change);
      expect(res.status).toBe(409);
      expect(res.body.type).toBe('https://pasar.dev/problems/service-rejected');
    }
    expect(
      (
        await trust.post(`/api/admin/service-reviews/${review!.id}/approve`, {
          reason: 'Meets the guidelines',
        })
      ).status,
    ).toBe(409);
    expect(await openReviewOf(svc.id)).toBeUndefined();
    expect(await visibleToBuyers(svc.id)).toBe(false);
    // The seller may create a new one.
    expect((await seller.post('/api/v1/services', { ...SERVICE, title: 'Maskot orisinal' })).status).toBe(
      201,
    );
  });

  it('OPS-2: trust & safety claim a service review or assign it to a colleague', async () => {
    const svc = await publishService(await levelled('new'), SERVICE, { approve: false });
    const review = await openReviewOf(svc.id);
    const trust = await t.staff('trust_safety');
    const claim = await trust.post(`/api/admin/service-reviews/${review!.id}/claim`);
    expect(claim.body).toEqual({ id: review!.id, assignedTo: trust.id });
    const support = await t.staff('support');
    expect(
      (await trust.post(`/api/admin/service-reviews/${review!.id}/claim`, { staffId: support.id })).status,
    ).toBe(400);
    expect((await support.post(`/api/admin/service-reviews/${review!.id}/claim`)).status).toBe(403);
  });

  it('OPS-2: the Service reviews queue has unassign, a countdown and "next case" as all queues', async () => {
    const trust = await t.staff('trust_safety', 'tino@staff.test');
    const other = await t.staff('trust_safety', 'tari@staff.test');
    const first = await openReviewOf(
      (await publishService(await levelled('new'), SERVICE, { approve: false })).id,
    );
    await t.advance(60);
    const second = await openReviewOf(
      (await publishService(await levelled('new'), { ...SERVICE, title: 'Maskot kedua' }, { approve: false }))
        .id,
    );
    await t.advance(60);
    const third = await openReviewOf(
      (
        await publishService(
          await levelled('new'),
          { ...SERVICE, title: 'Maskot ketiga' },
          { approve: false },
        )
      ).id,
    );
    const [a, b, c] = [first!.id, second!.id, third!.id];
    // The reviews other tests left open go to the colleague, so this queue holds a, b and c for `trust`.
    const open = await trust
      .get('/api/admin/service-reviews')
      .query({ filter: JSON.stringify({ status: 'open' }), range: '[0,499]' });
    for (const r of open.body as { id: number }[])
      if (![a, b, c].includes(r.id))
        await other.post(`/api/admin/service-reviews/${r.id}/claim`, { staffId: other.id });
    const item = await trust.get(`/api/admin/queues/service-reviews/${a}`);
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({
      queue: 'service-reviews',
      role: 'trust_safety',
      open: true,
      assignedTo: null,
    });
    expect(item.body.slaState).toEqual(expect.any(String));
    // The colleague holds b: from a, the next case skips it.
    await other.post(`/api/admin/service-reviews/${b}/claim`);
    const next = await trust.get(`/api/admin/queues/service-reviews/${a}/next`);
    expect(next.status).toBe(200);
    expect(next.body.next).toEqual({ resource: 'service-reviews', id: c });
    // Unassigned, b is back in the queue: from a it comes before c (earlier SLA), audited.
    const un = await other.post(`/api/admin/service-reviews/${b}/unassign`);
    expect(un.status).toBe(200);
    expect(un.body).toEqual({ id: b, assignedTo: null });
    expect((await trust.get(`/api/admin/queues/service-reviews/${a}/next`)).body.next.id).toBe(b);
    const actions = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'service_review')
      .where('subject_id', '=', String(b) as never)
      .orderBy('id')
      .execute();
    expect(actions.map((r) => r.action)).toEqual(['service-review.claim', 'service-review.unassign']);
    expect((await (await t.staff('support')).post(`/api/admin/service-reviews/${b}/unassign`)).status).toBe(
      403,
    );
    // Decided: out of the queue, unassign refused.
    await trust.post(`/api/admin/service-reviews/${a}/approve`, { reason: 'Clean text, fair price' });
    expect((await trust.get(`/api/admin/queues/service-reviews/${a}`)).body).toMatchObject({ open: false });
    expect((await trust.post(`/api/admin/service-reviews/${a}/unassign`)).status).toBe(409);
  });
});

describe('contact details (CAT-3)', () => {
  it('CAT-3: phone numbers, emails, messaging links and payment outside are found with their offsets', () => {
    const text =
      'Hubungi 0812-3456-7890 atau budi@gmail.com, wa.me/6281234567890,' +
      ' t.me/budi_s; bayar di luar Pasar ya. ' +
      'Logo 3 konsep, Rp 500.000, 7 hari, 2026.';
    const found = detectContacts(text);
    expect(found.map((m) => [m.kind, m.text])).toEqual([
      ['phone', '0812-3456-7890'],
      ['email', 'budi@gmail.com'],
      ['messaging_link', 'wa.me/6281234567890'],
      ['messaging_link', 't.me/budi_s'],
      ['off_platform', 'bayar di luar Pasar'],
    ]);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(
      detectContacts('Please pay me directly to my bank account number, outside the platform.').map(
        (m) => m.kind,
      ),
    ).toEqual(['off_platform', 'off_platform', 'off_platform']);
    expect(detectContacts(SERVICE.description + ' Harga Rp 600.000, revisi 2 kali, selesai 5 hari.')).toEqual(
      [],
    );
  });

  it(`CAT-3: contact details in a service are flagged with the matching text, and \
flagged reviews rise in the queue`, async () => {
    const trust = await t.staff('trust_safety');
    const plain = await publishService(await levelled('new'), SERVICE, { approve: false });
    const seller = await levelled('new');
    const description =
      'Maskot lucu untuk brand Anda. Chat langsung di WA 0812-9876-5432 atau maskot@studio.id.';
    const flagged = await publishService(seller, { ...SERVICE, description }, { approve: false });
    const queue = await trust
      .get('/api/admin/service-reviews')
      .query({ filter: JSON.stringify({ status: 'open' }) });
    const ids = queue.body.map((r: { serviceId: number }) => r.serviceId);
    expect(ids.indexOf(flagged.id)).toBeLessThan(ids.indexOf(plain.id));
    expect(ids[0]).toBe(flagged.id);
    const review = queue.body.find((r: { serviceId: number }) => r.serviceId === flagged.id);
    expect(review.flags).toBe(2);
    const one = await trust.get(`/api/admin/service-reviews/${review.id}`);
    expect(one.body.contactFlags).toHaveLength(1);
    const f = one.body.contactFlags[0];
    expect(f).toMatchObject({
      subjectType: 'service',
      subjectId: flagged.id,
      field: 'description',
      status: 'open',
    });
    expect(f.matches.map((m: { kind: string; text: string }) => [m.kind, m.text])).toEqual([
      ['phone', '0812-9876-5432'],
      ['email', 'maskot@studio.id'],
    ]);
    for (const m of f.matches) expect(description.slice(m.start, m.end)).toBe(m.text);
    // A flag alone never blocks: a post-moderated seller's flagged service is visible at once.
    const l1 = await levelled('level_1');
    const s2 = await publishService(l1, { ...SERVICE, description }, { approve: false });
    expect(await visibleToBuyers(s2.id)).toBe(true);
  });

  it(`CAT-3: contact details in proposals and order messages are flagged; the \
proposal and the message are sent`, async () => {
    const trust = await t.staff('trust_safety');
    const buyer = await t.user();
    const project = await buyer.post('/api/v1/projects', {
      title: 'Menu design for my warung',
      description: 'A one-page menu with prices, print-ready, in Indonesian.',
      category: 'graphics_design',
    });
    const seller = await levelled('new');
    const message = 'I can do it in two days. Transfer langsung ke rekening BCA saya, lebih murah!';
    const proposal = await seller.post(`/api/v1/projects/${project.body.id}/proposals`, {
      message,
      milestones: [{ title: 'Menu', amount: 200_000, days: 2 }],
    });
    expect(proposal.status).toBe(201);
    const o = await makeOrder(t, { upTo: 'paid' });
    const body = 'Hi! Add me on Telegram https://t.me/pasar_seller or +62 812 1111 2222 for faster replies';
    const sent = await o.seller.post(`/api/v1/orders/${o.orderId}/messages`, { body });
    expect(sent.status).toBe(201);
    const thread = await o.buyer.get(`/api/v1/orders/${o.orderId}`);
    expect(JSON.stringify(thread.body)).toContain('t.me/pasar_seller');
    const clean = await o.buyer.post(`/api/v1/orders/${o.orderId}/messages`, {
      body: 'Thanks, looks great!',
    });
    expect(clean.status).toBe(201);

    const list = await trust
      .get('/api/admin/content-flags')
      .query({ filter: JSON.stringify({ status: 'open' }) });
    const ofProposal = list.body.find(
      (f: { subjectType: string; subjectId: number }) =>
        f.subjectType === 'proposal' && f.subjectId === proposal.body.id,
    );
    expect(ofProposal).toMatchObject({ userId: seller.id, field: 'message' });
    expect(ofProposal.matches.map((m: { kind: string }) => m.kind)).toEqual(['off_platform']);
    expect(message.slice(ofProposal.matches[0].start, ofProposal.matches[0].end)).toBe(
      'Transfer langsung ke rekening BCA saya',
    );
    const ofMessage = list.body.find(
      (f: { subjectType: string; subjectId: number }) =>
        f.subjectType === 'message' && f.subjectId === sent.body.id,
    );
    expect(ofMessage).toMatchObject({ userId: o.seller.id, orderId: o.orderId });
    expect(ofMessage.matches.map((m: { kind: string; text: string }) => [m.kind, m.text])).toEqual([
      ['off_platform', 'Add me on Telegram'],
      ['messaging_link', 'https://t.me/pasar_seller'],
      ['phone', '+62 812 1111 2222'],
    ]);
    expect(
      list.body.some(
        (f: { subjectType: string; subjectId: number }) =>
          f.subjectType === 'message' && f.subjectId === clean.body.id,
      ),
    ).toBe(false);

    // Trust & safety dismiss one, and warn for the other (WRN-2 sharing contact information).
    expect(
      (
        await trust.post(`/api/admin/content-flags/${ofProposal.id}/dismiss`, {
          reason: 'Their own shop account',
        })
      ).body,
    ).toMatchObject({ status: 'dismissed' });
    const warned = await trust.post(`/api/admin/content-flags/${ofMessage.id}/warn`, {
      reason: 'Asked the buyer to move to Telegram',
    });
    expect(warned.body).toMatchObject({ status: 'warned' });
    const warnings = await trust.get(`/api/admin/users/${o.seller.id}/warnings`);
    expect(warnings.body[0]).toMatchObject({
      type: 'sharing_contact_info',
      reason: 'Asked the buyer to move to Telegram',
    });
    expect(
      (await trust.post(`/api/admin/content-flags/${ofMessage.id}/dismiss`, { reason: 'again' })).status,
    ).toBe(409);
    void CARD;
  });
});
