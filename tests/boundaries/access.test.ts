import { describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { STAFF_ROLES, type StaffRole } from '../../db/schema.js';
import { useTestApp } from '../helpers/context.js';
import { CARD, makeOrder } from '../helpers/market.js';

/**
 * Who may do what, tried through the API against tables written here from the rulebook, never against the
 * routes' own declarations (a widened role list must fail a test).
 */
const t = useTestApp();
vi.setConfig({ testTimeout: 120_000 }); // long walks on a small, shared machine
const P = 'https://pasar.dev/problems/';
const DAY = 86_400;
const concrete = (path: string) => path.replace(/:(\w+)/g, '1');

/**
 * OPS-1, written from the rulebook: support (refunds, escalated cancellations, disputes), trust_safety
 * (seller applications, identity checks, warnings, suspensions, blocks, reports, review removal), finance
 * (withdrawals, held funds, ledger), admin (everything, staff accounts, policy settings). Every staff role
 * reads users, orders and the ledger. `admin` may call every route; 'any' is any signed-in staff member.
 */
const ROLE_TABLE: Record<string, string> = {
  'DELETE /api/admin/session': 'any',
  'GET /api/admin/me': 'any',
  'GET /api/admin/me/second-factor': 'any',
  'POST /api/admin/me/second-factor': 'any',
  'POST /api/admin/me/second-factor/confirm': 'any',
  'POST /api/admin/me/password': 'any',
  'GET /api/admin/me/sessions': 'any',
  'DELETE /api/admin/me/sessions/:id': 'any',
  'GET /api/admin/staff/:id/sessions': 'admin',
  'POST /api/admin/staff/:id/sessions/end': 'admin',
  'POST /api/admin/staff/:id/second-factor/reset': 'admin',
  'GET /api/admin/staff': 'admin',
  'GET /api/admin/staff/:id': 'admin',
  'POST /api/admin/staff': 'admin',
  'PUT /api/admin/staff/:id': 'admin',
  'GET /api/admin/audit-log': 'admin',
  'GET /api/admin/my-activity': 'any',
  'GET /api/admin/audit-log/:id': 'admin',
  'GET /api/admin/settings': 'admin',
  'GET /api/admin/settings/:id': 'admin',
  'PUT /api/admin/settings/:id': 'admin',
  'PUT /api/admin/settings': 'admin',
  'GET /api/admin/outbox': 'admin',
  'GET /api/admin/outbox/:id': 'admin',
  'GET /api/admin/sms-outbox': 'admin',
  'GET /api/admin/users/:id/access': 'support,trust_safety',
  'POST /api/admin/users/:id/activation/resend': 'support,trust_safety',
  'POST /api/admin/users/:id/password-reset': 'support,trust_safety',
  'POST /api/admin/users/:id/sessions/end': 'support,trust_safety',
  'GET /api/admin/sms-outbox/:id': 'admin',
  'GET /api/admin/jobs': 'admin',
  'GET /api/admin/jobs/:id': 'admin',
  'POST /api/admin/jobs/:id/retry': 'admin',
  'GET /api/admin/seller-applications': 'trust_safety',
  'GET /api/admin/seller-applications/:id': 'trust_safety',
  'POST /api/admin/seller-applications/:id/approve': 'trust_safety',
  'POST /api/admin/seller-applications/:id/reject': 'trust_safety',
  'POST /api/admin/seller-applications/:id/request-changes': 'trust_safety',
  'GET /api/admin/ledger-entries': 'support,trust_safety,finance',
  'GET /api/admin/ledger-entries/:id': 'support,trust_safety,finance',
  'GET /api/admin/accounts': 'finance',
  'GET /api/admin/accounts/:id': 'finance',
  'GET /api/admin/ledger/trial-balance': 'support,trust_safety,finance',
  'GET /api/admin/ledger/reconciliations': 'support,trust_safety,finance',
  'POST /api/admin/ledger/reconcile': 'finance',
  'GET /api/admin/payments/reconciliation': 'finance',
  'GET /api/admin/users': 'support,trust_safety,finance',
  'GET /api/admin/users/:id': 'support,trust_safety,finance',
  'GET /api/admin/orders': 'support,trust_safety,finance',
  'GET /api/admin/orders/:id': 'support,trust_safety,finance',
  'POST /api/admin/orders/:id/reverse-clearance': 'support',
  'GET /api/admin/reviews': 'trust_safety,support',
  'GET /api/admin/reviews/:id': 'trust_safety,support',
  'POST /api/admin/reviews/:id/remove': 'trust_safety',
  'GET /api/admin/escalations': 'support',
  'GET /api/admin/escalations/:id': 'support',
  'GET /api/admin/escalations/:id/preview': 'support',
  'POST /api/admin/escalations/:id/claim': 'support',
  'POST /api/admin/escalations/:id/decide': 'support',
  'GET /api/admin/refund-requests': 'support',
  'GET /api/admin/refund-requests/:id': 'support',
  'GET /api/admin/refund-requests/:id/preview': 'support',
  'GET /api/admin/evidence/:id': 'support',
  'POST /api/admin/refund-requests/:id/claim': 'support',
  'POST /api/admin/refund-requests/:id/approve': 'support',
  'POST /api/admin/orders/:id/refund': 'support',
  'POST /api/admin/refund-requests/:id/reject': 'support',
  'GET /api/admin/support-agents': 'support',
  'GET /api/admin/support-cases': 'support',
  'GET /api/admin/disputes': 'support',
  'GET /api/admin/disputes/:id': 'support',
  'GET /api/admin/disputes/:id/preview': 'support',
  'POST /api/admin/disputes/:id/approve-award': 'support',
  'POST /api/admin/disputes/:id/refuse-award': 'support',
  'POST /api/admin/disputes/:id/decide': 'support',
  'POST /api/admin/seller-levels/recompute': 'trust_safety',
  'POST /api/admin/users/:id/level': 'trust_safety',
  'POST /api/admin/users/:id/warnings/preview': 'trust_safety',
  'POST /api/admin/users/:id/warnings': 'trust_safety',
  'GET /api/admin/users/:id/warnings': 'trust_safety,support',
  'GET /api/admin/suspensions': 'trust_safety,support',
  'POST /api/admin/users/:id/lift-suspension': 'trust_safety',
  'POST /api/admin/users/:id/block': 'trust_safety',
  'GET /api/admin/reports': 'trust_safety',
  'GET /api/admin/reports/:id': 'trust_safety',
  'POST /api/admin/reports/:id/dismiss': 'trust_safety',
  'POST /api/admin/reports/:id/warn': 'trust_safety',
  'POST /api/admin/reports/:id/remove-service': 'trust_safety',
  'POST /api/admin/reports/:id/block': 'trust_safety',
  'GET /api/admin/withdrawals/export.csv': 'finance',
  'GET /api/admin/payout-batches': 'finance',
  'POST /api/admin/payout-results/preview': 'finance',
  'POST /api/admin/payout-results/apply': 'finance',
  'GET /api/admin/dashboard/:role': 'any',
  'GET /api/admin/users/:id/user-view': 'support,trust_safety,finance',
  'GET /api/admin/withdrawals': 'finance',
  'GET /api/admin/withdrawals/:id': 'finance',
  'POST /api/admin/withdrawals/:id/approve': 'finance',
  'POST /api/admin/withdrawals/bulk-approve': 'finance',
  'POST /api/admin/withdrawals/:id/mark-paid': 'finance',
  'POST /api/admin/withdrawals/:id/reject': 'finance',
  'POST /api/admin/withdrawals/:id/mark-failed': 'finance',
  'GET /api/admin/held-funds': 'finance',
  'POST /api/admin/held-funds/:id/release': 'finance',
  'GET /api/admin/identity-checks': 'trust_safety',
  'GET /api/admin/identity-checks/:id': 'trust_safety',
  'POST /api/admin/identity-checks/:id/approve': 'trust_safety',
  'POST /api/admin/identity-checks/:id/reject': 'trust_safety',
  'GET /api/admin/documents/:id': 'trust_safety',
  'GET /api/admin/test-clock': 'any',
  'POST /api/admin/test-clock/advance': 'admin',
  'GET /api/admin/health': 'admin',
  // CAT-1, CAT-3: trust & safety review services and contact-detail flags.
  'GET /api/admin/service-reviews': 'trust_safety',
  'GET /api/admin/service-reviews/:id': 'trust_safety',
  'POST /api/admin/service-reviews/:id/approve': 'trust_safety',
  'POST /api/admin/service-reviews/:id/reject': 'trust_safety',
  'POST /api/admin/service-reviews/:id/claim': 'trust_safety',
  'POST /api/admin/service-reviews/:id/unassign': 'trust_safety',
  'GET /api/admin/content-flags': 'trust_safety',
  'GET /api/admin/content-flags/:id': 'trust_safety',
  'POST /api/admin/content-flags/:id/dismiss': 'trust_safety',
  'POST /api/admin/content-flags/:id/warn': 'trust_safety',
  // INV-4: finance reads invoices and the revenue report.
  'GET /api/admin/invoices': 'finance',
  'GET /api/admin/invoices/export.csv': 'finance',
  'GET /api/admin/invoices/:id.pdf': 'finance',
  'GET /api/admin/invoices/:id': 'finance',
  'GET /api/admin/revenue': 'finance',
  'GET /api/admin/revenue.csv': 'finance',
  'GET /api/admin/tickets': 'support,trust_safety,finance',
  'GET /api/admin/tickets/:id': 'support,trust_safety,finance',
  'GET /api/admin/ticket-agents': 'support,trust_safety,finance',
  'POST /api/admin/tickets/:id/claim': 'support,trust_safety,finance',
  'POST /api/admin/tickets/:id/messages': 'support,trust_safety,finance',
  'GET /api/admin/tickets/:id/macros/:mid/preview': 'support,trust_safety,finance',
  'POST /api/admin/tickets/:id/status': 'support,trust_safety,finance',
  'POST /api/admin/tickets/:id/tags': 'support,trust_safety,finance',
  'POST /api/admin/tickets/:id/route': 'support,trust_safety,finance',
  'POST /api/admin/tickets/:id/merge': 'support,trust_safety,finance',
  'POST /api/admin/tickets/:id/refund-requests': 'support',
  'GET /api/admin/ticket-attachments/:id': 'support,trust_safety,finance',
  'GET /api/admin/tickets-satisfaction': 'support,trust_safety,finance',
  'GET /api/admin/ticket-macros': 'support,trust_safety,finance',
  'GET /api/admin/ticket-macros/:id': 'support,trust_safety,finance',
  'POST /api/admin/ticket-macros': 'admin',
  'PUT /api/admin/ticket-macros/:id': 'admin',
  'DELETE /api/admin/ticket-macros/:id': 'admin',
  // OPS-6, OPS-8: reason templates (admins keep them, every role reads them), case notes, decision previews.
  'GET /api/admin/reason-templates': 'any',
  'GET /api/admin/reason-templates/:id': 'any',
  'POST /api/admin/reason-templates': 'admin',
  'PUT /api/admin/reason-templates/:id': 'admin',
  'DELETE /api/admin/reason-templates/:id': 'admin',
  'GET /api/admin/case-notes/:kind/:caseId': 'support,trust_safety,finance',
  'GET /api/admin/case-readers/:kind/:caseId': 'support,trust_safety,finance',
  'POST /api/admin/case-notes/:kind/:caseId': 'support,trust_safety,finance',
  'GET /api/admin/disputes/:id/award-preview': 'support',
  'POST /api/admin/withdrawals/bulk-approve/preview': 'finance',
  // OPS-2: every queue claimed, assigned and unassigned by its own role; one case's SLA and the next case.
  'POST /api/admin/disputes/:id/claim': 'support',
  'POST /api/admin/seller-applications/:id/claim': 'trust_safety',
  'POST /api/admin/identity-checks/:id/claim': 'trust_safety',
  'POST /api/admin/reports/:id/claim': 'trust_safety',
  'POST /api/admin/withdrawals/:id/claim': 'finance',
  'POST /api/admin/refund-requests/:id/unassign': 'support',
  'POST /api/admin/escalations/:id/unassign': 'support',
  'POST /api/admin/disputes/:id/unassign': 'support',
  'POST /api/admin/seller-applications/:id/unassign': 'trust_safety',
  'POST /api/admin/identity-checks/:id/unassign': 'trust_safety',
  'POST /api/admin/reports/:id/unassign': 'trust_safety',
  'POST /api/admin/withdrawals/:id/unassign': 'finance',
  'POST /api/admin/tickets/:id/unassign': 'support,trust_safety,finance',
  'GET /api/admin/queues/:resource/:id': 'support,trust_safety,finance',
  'GET /api/admin/queues/:resource/:id/next': 'support,trust_safety,finance',
  // The one search: every role, each seeing only the kinds it may open.
  'GET /api/admin/search': 'support,trust_safety,finance',
};

function allowed(key: string, role: StaffRole): boolean {
  const roles = ROLE_TABLE[key]!;
  return role === 'admin' || roles === 'any' || roles.split(',').includes(role);
}

describe('OPS-1: every admin route against the expected role table', () => {
  const adminRoutes = () =>
    t.routes.filter((r) => r.path.startsWith('/api/admin') && r.access.kind !== 'public');

  it('OPS-1: the table and the routes name the same admin routes', () => {
    const keys = adminRoutes().map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const table = Object.keys(ROLE_TABLE);
    expect({
      notInTable: keys.filter((k) => !table.includes(k)),
      noSuchRoute: table.filter((k) => !keys.includes(k)),
    }).toEqual({ notInTable: [], noSuchRoute: [] });
  });

  it(`OPS-1: each role is refused (403) exactly where the table says, and admin \
may call every staff route`, async () => {
    for (const route of adminRoutes()) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      // Signing out would end the clients' sessions; staff-auth.test.ts covers it for every role.
      // Ending session 1 could end the very client's session; staff.test.ts covers it (OPS-7).
      if (key === 'DELETE /api/admin/session' || key === 'DELETE /api/admin/me/sessions/:id') continue;
      for (const role of STAFF_ROLES) {
        const client = await t.staff(role);
        const res = await client.agent[route.method](concrete(route.path))
          .set('X-CSRF-Token', client.csrfToken)
          .send({});
        if (allowed(key, role)) expect(res.status, `${role} ${key}`).not.toBe(403);
        else {
          expect(res.status, `${role} ${key}`).toBe(403);
          expect(res.body.type).toBe(`${P}forbidden`);
        }
        expect(res.status, `${role} ${key}`).not.toBe(401);
      }
    }
  });
});

describe('CSRF on every state-changing admin route', () => {
  it(`every POST, PUT, PATCH and DELETE admin route refuses a request without the \
CSRF token or with a wrong one`, async () => {
    const admin = await t.staff('admin');
    const changing = t.routes.filter(
      (r) => r.path.startsWith('/api/admin') && r.access.kind !== 'public' && r.method !== 'get',
    );
    expect(new Set(changing.map((r) => r.method))).toEqual(new Set(['post', 'put', 'delete']));
    for (const route of changing) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      const none = await admin.agent[route.method](concrete(route.path)).send({});
      expect(none.status, `no token: ${key}`).toBe(403);
      expect(none.body.type, key).toBe(`${P}csrf-token-invalid`);
      const wrong = await admin.agent[route.method](concrete(route.path))
        .set('X-CSRF-Token', 'x'.repeat(43))
        .send({});
      expect(wrong.status, `wrong token: ${key}`).toBe(403);
    }
    // Still signed in: none of the refused requests (DELETE /api/admin/session among them) did anything.
    expect((await admin.get('/api/admin/me')).status).toBe(200);
  });
});

/** Every row a stranger could touch, to compare before and after. */
async function snapshot() {
  const tables = [
    'orders',
    'milestones',
    'deliveries',
    'order_messages',
    'reviews',
    'tips',
    'services',
    'proposals',
    'resolution_requests',
    'refund_requests',
    'evidence_files',
    'disputes',
    'dispute_offers',
    'dispute_statements',
    'payout_methods',
    'withdrawals',
    'ledger_accounts',
    'journal_entries',
    'tickets',
    'ticket_messages',
    'ticket_attachments',
    'notifications',
  ] as const;
  const out: Record<string, unknown> = {};
  for (const table of tables)
    out[table] = await t.ctx.db.selectFrom(table).selectAll().orderBy('id').execute();
  return out;
}

/** User routes whose id is not someone's own record: open to every user by design. */
const OPEN_TO_EVERY_USER = new Set([
  'POST /api/v1/services/:id/orders', // ORD-1: anyone orders a published service
  'POST /api/v1/projects/:id/proposals', // ORD-1: any seller proposes on a posted project
  'POST /api/v1/users/:id/block', // ORD-6: a seller blocks any buyer
  'DELETE /api/v1/users/:id/block',
]);

/** A valid body for each route, so that the answer is about the id and not about the input. */
const BODIES: Record<string, object> = {
  'PATCH /api/v1/services/:id': { title: 'A title that is mine now' },
  'POST /api/v1/orders/:id/milestones/:mid/pay': CARD,
  'POST /api/v1/orders/:id/deliveries': { message: 'Here it is' },
  'POST /api/v1/orders/:id/revisions': { message: 'Change it all' },
  'POST /api/v1/orders/:id/messages': { body: 'Hello from a stranger' },
  'POST /api/v1/orders/:id/reviews': { communication: 1, asDescribed: 1, recommend: 1 },
  'POST /api/v1/orders/:id/tips': { amount: 50_000, ...CARD },
  'POST /api/v1/orders/:id/resolution-requests': { kind: 'cancel', reason: 'other', message: 'Cancel it' },
  'POST /api/v1/resolution-requests/:id/escalate': { statement: 'Please cancel this order now.' },
  'POST /api/v1/orders/:id/refund-requests': {
    reason: 'seller_not_working_as_agreed',
    message: 'Not my order at all.',
  },
  'POST /api/v1/orders/:id/disputes': { milestoneId: 1, reason: 'Not my order at all.', amount: 0 },
  'POST /api/v1/disputes/:id/statements': { text: 'I am not a party.' },
  'POST /api/v1/disputes/:id/offers': { sellerAmount: 100_000 },
  'POST /api/v1/disputes/:id/arbitration': CARD,
  'POST /api/v1/disputes/:id/arbitration/pay': CARD,
  'POST /api/v1/support/tickets/:id/messages': { message: 'Not my ticket' },
  'POST /api/v1/support/tickets/:id/rating': { score: 1, comment: 'Not my ticket' },
};

describe("a stranger on every user route that takes someone else's id", () => {
  it('every such route answers a stranger 404 and changes nothing', async () => {
    const earner = await makeOrder(t, { upTo: 'completed' });
    await t.advance(14 * DAY + 60);
    const withdrawal = await earner.seller.post('/api/v1/withdrawals', {
      amount: 200_000,
      method: { type: 'bank_transfer', bank: 'BCA', accountNumber: '1234567890', holderName: 'Sari Dewi' },
    });
    const o = await makeOrder(t, { upTo: 'paid' });
    const disputedOrder = await makeOrder(t, { upTo: 'delivered' });
    const ticket = await o.buyer
      .upload('/api/v1/support/tickets')
      .field('topic', 'other')
      .field('subject', 'My own question')
      .field('message', 'Only I may read this.')
      .attach('attachments', Buffer.from('mine'), { filename: 'a.txt', contentType: 'text/plain' });
    const notification = await t.ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', o.buyer.id)
      .executeTakeFirstOrThrow();
    const rr = await o.buyer.post(`/api/v1/orders/${o.orderId}/resolution-requests`, {
      kind: 'update',
      reason: 'no_news',
      message: 'Any news?',
    });
    const refund = await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, {
      reason: 'seller_not_working_as_agreed',
      message: 'The seller stopped answering.',
    });
    const dispute = await disputedOrder.buyer.post(`/api/v1/orders/${disputedOrder.orderId}/disputes`, {
      milestoneId: disputedOrder.milestoneId,
      reason: 'The logo is a copy of a stock image.',
      amount: 200_000,
    });
    const offer = await disputedOrder.seller.post(`/api/v1/disputes/${dispute.body.id}/offers`, {
      sellerAmount: 300_000,
    });
    const project = await o.buyer.post('/api/v1/projects', {
      title: 'Company profile website',
      description: 'Five pages, bilingual, with a contact form.',
      category: 'programming_tech',
      budget: 5_000_000,
    });
    const proposal = await o.seller.post(`/api/v1/projects/${project.body.id}/proposals`, {
      message: 'I build it in one step.',
      milestones: [{ title: 'All', amount: 1_500_000, days: 5 }],
    });
    const method = await o.seller.post('/api/v1/me/payout-methods', {
      type: 'bank_transfer',
      bank: 'BCA',
      accountNumber: '1234567890',
      holderName: 'Sari Dewi',
    });
    for (const r of [rr, refund, dispute, offer, project, proposal, method, withdrawal, ticket])
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    const ids: Record<string, Record<string, number>> = {
      services: { id: o.service.id },
      proposals: { id: proposal.body.id },
      orders: { id: o.orderId, mid: o.milestoneId },
      'resolution-requests': { id: rr.body.id },
      'refund-requests': { id: refund.body.id },
      disputes: { id: dispute.body.id, oid: offer.body.id },
      'payout-methods': { id: method.body.id },
      invoices: { id: (await o.buyer.get('/api/v1/invoices')).body.items[0].id },
      'support/tickets': { id: ticket.body.id, aid: ticket.body.messages[0].attachments[0].id },
      notifications: { id: notification.id },
      withdrawals: { id: withdrawal.body.id },
      // ACC-11: another user's session.
      sessions: {
        id: (
          await t.ctx.db
            .selectFrom('user_tokens')
            .select('id')
            .where('user_id', '=', o.buyer.id)
            .executeTakeFirstOrThrow()
        ).id,
      },
    };
    const stranger = await t.seller();
    const before = await snapshot();
    const tried: string[] = [];
    for (const route of t.routes) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      if (route.access.kind !== 'user' || !route.path.includes(':') || OPEN_TO_EVERY_USER.has(key)) continue;
      const resource = Object.keys(ids).find((k) => route.path.includes(`/${k}/:id`));
      expect(resource, `no record to try ${key} with`).toBeDefined();
      const path = route.path.replace(/:(\w+)/g, (_, p: string) => String(ids[resource!]![p]));
      const res = path.endsWith('/evidence')
        ? await stranger
            .upload(path)
            .attach('files', Buffer.from('not mine'), { filename: 'a.txt', contentType: 'text/plain' })
        : await stranger[route.method](path).send(BODIES[key] ?? {});
      expect(res.status, `${key} → ${res.status} ${JSON.stringify(res.body)}`).toBe(404);
      tried.push(key);
    }
    expect(tried.length).toBeGreaterThan(20);
    expect(await snapshot()).toEqual(before);
  });

  it('REF-1: a stranger cannot file a refund request on an order that is not theirs', async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const stranger = await t.user();
    const res = await stranger.post(`/api/v1/orders/${o.orderId}/refund-requests`, {
      reason: 'seller_not_working_as_agreed',
      message: 'Not my order.',
    });
    expect(res.status).toBe(404);
    const rows = await t.ctx.db
      .selectFrom('refund_requests')
      .select('id')
      .where('order_id', '=', o.orderId)
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('ACC-5, DSP-3 and the list helper', () => {
  it(`ACC-5: deactivation is refused while money is in withdrawing, even with \
every other balance at zero`, async () => {
    const o = await makeOrder(t, { upTo: 'completed', price: 1_000_000 });
    await t.advance(14 * DAY + 1);
    const w = await o.seller.post('/api/v1/withdrawals', {
      amount: 800_000,
      method: { type: 'bank_transfer', bank: 'BCA', accountNumber: '1234567890', holderName: 'Sari Dewi' },
    });
    expect(w.status).toBe(201);
    expect((await o.seller.get('/api/v1/me/balance')).body).toMatchObject({
      credit: 0,
      pending: 0,
      available: 0,
      withdrawing: 800_000,
    });
    const res = await o.seller.post('/api/v1/me/deactivate', { reason: 'privacy' });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe(`${P}account-holds-funds`);
  });

  it('DSP-3: a seller cannot deliver on an in-progress order under dispute', async () => {
    const o = await makeOrder(t, { upTo: 'paid' });
    const d = await o.buyer.post(`/api/v1/orders/${o.orderId}/disputes`, {
      milestoneId: o.milestoneId,
      reason: 'The seller went silent after payment.',
      amount: 500_000,
    });
    expect(d.status).toBe(201);
    const res = await o.seller.post(`/api/v1/orders/${o.orderId}/deliveries`, { message: 'Here it is' });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe(`${P}order-disputed`);
    expect((await o.buyer.get(`/api/v1/orders/${o.orderId}`)).body.status).toBe('in_progress');
  });

  it('the list helper serves 500 rows a page and refuses 501 with a field error', async () => {
    const admin = await t.staff('admin');
    expect((await admin.get('/api/admin/audit-log?range=[0,499]')).status).toBe(200);
    const res = await admin.get('/api/admin/audit-log?range=[0,500]');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'query.range' })]);
  });

  it('anonymous callers of every admin route get 401', async () => {
    for (const route of t.routes.filter((r) => r.path.startsWith('/api/admin') && r.access.kind !== 'public'))
      expect((await request(t.app)[route.method](concrete(route.path))).status, route.path).toBe(401);
  });
});
