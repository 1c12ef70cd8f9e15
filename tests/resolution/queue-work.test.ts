import { describe, expect, it } from 'vitest';
import { useTestApp, type StaffClient, type UserClient } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';

const t = useTestApp();
const DAY = 86_400;
const HOUR = 3_600_000;
const P = 'https://pasar.dev/problems/';
const ANSWERS = { happened_in_order: true, asked_to_pay_outside: false, lost_money: false };
// A 1×1 PNG: enough for an identity check.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function identityCheck(seller: UserClient) {
  const res = await seller
    .upload('/api/v1/me/identity-verification')
    .attach('idPhoto', PNG, { filename: 'ktp.png', contentType: 'image/png' })
    .attach('selfie', PNG, { filename: 'selfie.png', contentType: 'image/png' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

const list = (staff: StaffClient, resource: string, filter: object) =>
  staff.get(`/api/admin/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`);

const ids = (res: { body: { id: number }[] }) => res.body.map((r) => r.id);

const auditActions = async (subjectType: string, subjectId: number) =>
  (
    await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('subject_type', '=', subjectType)
      .where('subject_id', '=', String(subjectId) as never)
      .orderBy('id')
      .execute()
  ).map((a) => a.action);

describe('working a queue (OPS-2)', () => {
  it('OPS-2: claim, double claim refused, assign only within the role, unassign; all audited', async () => {
    const a = await identityCheck(await t.seller());
    const ts1 = await t.staff('trust_safety', 'tika@staff.test');
    const ts2 = await t.staff('trust_safety', 'tomi@staff.test');
    const finance = await t.staff('finance');
    const support = await t.staff('support');

    const claimed = await ts1.post(`/api/admin/identity-checks/${a}/claim`, {});
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200);
    expect(claimed.body.assignedTo).toBe(ts1.id);
    // A second claim by a colleague is refused: taking over is an assignment, said on purpose.
    const twice = await ts2.post(`/api/admin/identity-checks/${a}/claim`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.type).toBe(`${P}already-claimed`);
    expect(twice.body.detail).toMatch(/claimed/);
    // Claiming one's own again changes nothing.
    expect((await ts1.post(`/api/admin/identity-checks/${a}/claim`, {})).body.assignedTo).toBe(ts1.id);
    // OPS-1: an identity check is trust & safety's: not assignable to finance, not claimable by support.
    const wrong = await ts2.post(`/api/admin/identity-checks/${a}/claim`, { staffId: finance.id });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'body.staffId' });
    expect((await support.post(`/api/admin/identity-checks/${a}/claim`, {})).status).toBe(403);
    expect((await ts1.post('/api/admin/identity-checks/999999/claim', {})).status).toBe(404);

    // Taking it over is a claim said on purpose; handing it on is an assignment.
    const takeover = await ts2.post(`/api/admin/identity-checks/${a}/claim`, { staffId: ts2.id });
    expect(takeover.body.assignedTo).toBe(ts2.id);
    expect(
      (await ts2.post(`/api/admin/identity-checks/${a}/claim`, { staffId: ts1.id })).body.assignedTo,
    ).toBe(ts1.id);
    const one = await ts2.get(`/api/admin/queues/identity-checks/${a}`);
    expect(one.body).toMatchObject({
      queue: 'identity-checks',
      role: 'trust_safety',
      assignedTo: ts1.id,
      open: true,
    });
    expect(one.body.assignedName).toEqual(expect.any(String));
    const back = await ts1.post(`/api/admin/identity-checks/${a}/unassign`);
    expect(back.status).toBe(200);
    expect((await ts1.get(`/api/admin/queues/identity-checks/${a}`)).body.assignedTo).toBeNull();
    expect(await auditActions('identity_check', a)).toEqual([
      'identity-check.claim',
      'identity-check.claim',
      'identity-check.assign',
      'identity-check.unassign',
    ]);

    // A decided case leaves the queue: no claim, no unassign.
    await ts1.post(`/api/admin/identity-checks/${a}/approve`, { reason: 'ID and selfie match' });
    expect((await ts1.post(`/api/admin/identity-checks/${a}/claim`, {})).status).toBe(409);
    expect((await ts1.post(`/api/admin/identity-checks/${a}/unassign`)).status).toBe(409);
    expect((await ts1.get('/api/admin/queues/nothing/1')).status).toBe(400);
  });

  it('OPS-2: every queue can be claimed by its own role only (disputes, reports, tickets)', async () => {
    const support = await t.staff('support');
    const ts = await t.staff('trust_safety');
    const finance = await t.staff('finance');
    const o = await makeOrder(t, { upTo: 'delivered' });
    const dispute = (
      await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
        milestoneId: o.milestoneId,
        reason: 'The logo is a copy of a stock image.',
        amount: 200_000,
      })
    ).body.id as number;
    expect((await ts.post(`/api/admin/disputes/${dispute}/claim`, {})).status).toBe(403);
    expect((await support.post(`/api/admin/disputes/${dispute}/claim`, {})).body.assignedTo).toBe(support.id);
    expect(
      (await list(support, 'disputes', { assignedTo: support.id })).body.map((d: { id: number }) => d.id),
    ).toEqual([dispute]);
    const report = (
      await o.buyer.post('/api/v1/reports', {
        subjectType: 'user',
        subjectId: o.seller.id,
        reason: 'spam',
        answers: ANSWERS,
        details: 'Sends the same message again and again.',
      })
    ).body.id as number;
    expect((await support.post(`/api/admin/reports/${report}/claim`, {})).status).toBe(403);
    expect((await ts.post(`/api/admin/reports/${report}/claim`, {})).body.assignedTo).toBe(ts.id);
    const ticket = (
      await o.buyer.post('/api/v1/support/tickets', {
        topic: 'payment_problem',
        subject: 'My payment failed',
        message: 'The card payment failed twice.',
      })
    ).body.id as number;
    expect((await finance.post(`/api/admin/tickets/${ticket}/claim`, {})).status).toBe(403);
    expect((await support.post(`/api/admin/tickets/${ticket}/claim`, {})).status).toBe(200);
    expect((await support.post(`/api/admin/tickets/${ticket}/unassign`)).body.assignedTo).toBeNull();
    expect(await auditActions('ticket', ticket)).toEqual(['ticket.claim', 'ticket.unassign']);
  });

  it(`OPS-2: "assigned to me", the business-time SLA countdown, next case by SLA \
skipping claimed ones`, async () => {
    const ts1 = await t.staff('trust_safety', 'tika@staff.test');
    const ts2 = await t.staff('trust_safety', 'tomi@staff.test');
    // Three checks an hour apart (Monday from 09:00 Jakarta; 3 business days each).
    const a = await identityCheck(await t.seller());
    await t.advance(3600);
    const b2 = await identityCheck(await t.seller());
    await t.advance(3600);
    const c2 = await identityCheck(await t.seller());
    const open = await list(ts1, 'identity-checks', { status: 'submitted' });
    const ours = open.body.filter((r: { id: number }) => [a, b2, c2].includes(r.id));
    expect(ours.map((r: { id: number }) => r.id)).toEqual([a, b2, c2]);
    const first = ours[0];
    expect(first).toMatchObject({ slaState: 'on_time', assignedTo: null, slaRunning: true });
    // Three business days long; two hours gone.
    expect(first.slaTotalMs).toBe(3 * 24 * HOUR);
    expect(first.slaLeftMs).toBe(3 * 24 * HOUR - 2 * HOUR);
    expect(new Date(first.slaStartedAt).getTime()).toBeLessThan(new Date(first.slaDueAt).getTime());

    await ts1.post(`/api/admin/identity-checks/${b2}/claim`, {});
    await ts2.post(`/api/admin/identity-checks/${a}/claim`, {});
    const mine = await list(ts1, 'identity-checks', { assignedTo: ts1.id });
    expect(ids(mine)).toEqual([b2]);
    expect(mine.body[0].assignedName).toEqual(expect.any(String));
    expect(ids(await list(ts2, 'identity-checks', { assignedTo: ts2.id }))).toEqual([a]);

    // From b2 (mine): a is earlier by SLA but claimed by a colleague, so the next is c2.
    const next = await ts1.get(`/api/admin/queues/identity-checks/${b2}/next`);
    expect(next.status).toBe(200);
    expect(next.body.next).toEqual({ resource: 'identity-checks', id: c2 });
    // For the colleague holding a, b2 is someone else's: from a the next is c2 as well; from c2 it is a.
    expect((await ts2.get(`/api/admin/queues/identity-checks/${a}/next`)).body.next.id).toBe(c2);
    expect((await ts2.get(`/api/admin/queues/identity-checks/${c2}/next`)).body.next.id).toBe(a);
    // Unclaimed cases and mine, earliest SLA first: from c2, ts1 gets b2 (its own) before anything later.
    expect((await ts1.get(`/api/admin/queues/identity-checks/${c2}/next`)).body.next.id).toBe(b2);
    expect((await (await t.staff('finance')).get(`/api/admin/queues/identity-checks/${a}/next`)).status).toBe(
      403,
    );

    // Wednesday 16:00: within the last quarter (18 business hours) of a's SLA: due soon.
    await t.advance(2 * DAY + 5 * 3600);
    const soon = (await ts1.get(`/api/admin/queues/identity-checks/${a}`)).body;
    expect(soon.slaState).toBe('due_soon');
    expect(soon.slaLeftMs).toBe(17 * HOUR);
    // Saturday: breached on Thursday 09:00; the weekend does not count, so it is one business day late.
    await t.advance(3 * DAY);
    const late = (await ts1.get(`/api/admin/queues/identity-checks/${a}`)).body;
    expect(late.slaState).toBe('breached');
    expect(late.slaLeftMs).toBe(-(24 + 15) * HOUR);
    // Decided: no countdown, out of "next".
    await ts2.post(`/api/admin/identity-checks/${a}/approve`, { reason: 'ID and selfie match' });
    expect((await ts2.get(`/api/admin/queues/identity-checks/${a}`)).body).toMatchObject({
      open: false,
      slaState: null,
      slaLeftMs: null,
    });
    expect((await ts2.get(`/api/admin/queues/identity-checks/${c2}/next`)).body.next).toBeNull();
  });
});

describe('one search for the console', () => {
  it(`finds users by email, username and phone, orders by id, per kind and role; \
wildcards literal`, async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const agus = await t.user({
      name: 'Agus Pembeli',
      email: 'agus.search@pasar.test',
      username: 'agus_search',
    });
    const support = await t.staff('support');
    const finance = await t.staff('finance');
    const ts = await t.staff('trust_safety');
    const search = (s: StaffClient, q: string) => s.get(`/api/admin/search?q=${encodeURIComponent(q)}`);
    const group = (res: { body: { groups: { kind: string; items: { id: number }[] }[] } }, kind: string) =>
      res.body.groups.find((g) => g.kind === kind)?.items.map((i) => i.id) ?? [];

    const byEmail = await search(support, 'agus.search@pasar');
    expect(byEmail.status).toBe(200);
    expect(group(byEmail, 'users')).toContain(agus.id);
    expect(group(await search(support, 'agus_search'), 'users')).toEqual([agus.id]);
    await t.ctx.db.updateTable('users').set({ phone: '+6281299887766' }).where('id', '=', agus.id).execute();
    expect(group(await search(support, '81299887'), 'users')).toEqual([agus.id]);
    expect(group(await search(support, String(o.orderId)), 'orders')).toContain(o.orderId);
    const refund = (
      await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, {
        reason: 'seller_not_working_as_agreed',
        message: 'Nothing for a week.',
      })
    ).body.id as number;
    // Support opens refund requests; finance and trust & safety do not see that kind at all.
    expect(group(await search(support, o.buyer.email), 'refund-requests')).toContain(refund);
    expect(
      (await search(finance, o.buyer.email)).body.groups.map((g: { kind: string }) => g.kind),
    ).not.toContain('refund-requests');
    expect((await search(ts, String(refund))).body.groups.map((g: { kind: string }) => g.kind)).not.toContain(
      'refund-requests',
    );
    // `_` and `%` are literal: "agus%search" matches nobody.
    expect(group(await search(support, 'agus%search'), 'users')).toEqual([]);
    expect((await search(support, '')).status).toBe(400);
    expect((await search(support, 'x'.repeat(201))).status).toBe(400);
  });

  it("every list's own search matches ids, emails and usernames", async () => {
    const o = await makeOrder(t, { upTo: 'delivered' });
    const support = await t.staff('support');
    const ts = await t.staff('trust_safety');
    const sellerEmail = o.seller.email;
    const dispute = (
      await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
        milestoneId: o.milestoneId,
        reason: 'Not what we agreed.',
        amount: 200_000,
      })
    ).body.id as number;
    // A dispute is found by the other party's email too, and by its id.
    expect(ids(await list(support, 'disputes', { q: sellerEmail }))).toEqual([dispute]);
    expect(ids(await list(support, 'disputes', { q: String(dispute) }))).toContain(dispute);
    const ticket = (
      await o.buyer.post('/api/v1/support/tickets', {
        topic: 'payment_problem',
        subject: 'Card declined',
        message: 'Declined twice.',
      })
    ).body.id as number;
    expect(ids(await list(support, 'tickets', { q: o.buyer.username }))).toEqual([ticket]);
    expect(ids(await list(support, 'tickets', { q: String(ticket) }))).toContain(ticket);
    const report = await o.buyer.post('/api/v1/reports', {
      subjectType: 'user',
      subjectId: o.seller.id,
      reason: 'spam',
      answers: ANSWERS,
      details: 'Spams me.',
    });
    expect(report.status).toBe(201);
    expect(ids(await list(ts, 'reports', { q: o.buyer.email }))).toEqual([report.body.id]);
    expect(ids(await list(ts, 'reports', { q: o.seller.username }))).toEqual([report.body.id]);
    expect(ids(await list(ts, 'reports', { q: String(report.body.id) }))).toContain(report.body.id);
    const check = await identityCheck(o.seller);
    expect(ids(await list(ts, 'identity-checks', { q: o.seller.username }))).toEqual([check]);
    expect(ids(await list(ts, 'identity-checks', { q: String(check) }))).toContain(check);
  });
});
