import { describe, expect, it, vi } from 'vitest';
import { useTestApp, type StaffClient } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';

const t = useTestApp();
vi.setConfig({ testTimeout: 120_000 });
const HOUR = 3_600;
const ask = { reason: 'seller_not_working_as_agreed', message: 'The seller delivered nothing for a week.' };

type Queue = {
  key: string;
  open: number;
  dueToday: number | null;
  overdue: number | null;
  assignedToMe: number | null;
  links: Record<string, Record<string, unknown> | null>;
};
type Dashboard = {
  days: string[];
  queues: Queue[];
  flow: { key: string; inflow: number[]; resolved: number[]; slaAttainment: (number | null)[] }[];
  cases: { refundRequests: number[]; orders: number[]; refundRate: (number | null)[] } | null;
  payouts: unknown;
  tickets: { firstResponseHours: (number | null)[]; resolutionHours: (number | null)[] };
};

async function board(staff: StaffClient, role = staff.role): Promise<Dashboard> {
  const res = await staff.get(`/api/admin/dashboard/${role}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Dashboard;
}
const q = (d: Dashboard, key: string) => d.queues.find((x) => x.key === key)!;
const flow = (d: Dashboard, key: string) => d.flow.find((x) => x.key === key)!;

/** The list a dashboard count links to, with the same filter: its total is the count. */
async function listTotal(staff: StaffClient, resource: string, filter: Record<string, unknown>) {
  const res = await staff.get(`/api/admin/${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return Number(/\/(\d+)$/.exec(res.headers['content-range'] as string)![1]);
}

describe('role dashboards (issue 16 item 7)', () => {
  it('OPS-1: each role reads its own dashboard with its own queues; admins read every one', async () => {
    const support = await t.staff('support');
    const trust = await t.staff('trust_safety');
    const finance = await t.staff('finance');
    const admin = await t.staff('admin');
    expect((await board(support)).queues.map((x) => x.key)).toEqual([
      'refund-requests',
      'escalations',
      'disputes',
      'tickets',
    ]);
    expect((await board(trust)).queues.map((x) => x.key)).toEqual([
      'seller-applications',
      'identity-checks',
      'reports',
      'service-reviews',
      'content-flags',
      'tickets',
    ]);
    const fin = await board(finance);
    expect(fin.queues.map((x) => x.key)).toEqual(['withdrawals', 'tickets']);
    expect(fin.payouts).not.toBeNull();
    expect((await board(support)).payouts).toBeNull();
    expect((await support.get('/api/admin/dashboard/finance')).status).toBe(403);
    expect((await finance.get('/api/admin/dashboard/admin')).status).toBe(403);
    expect((await support.get('/api/admin/dashboard/nobody')).status).toBe(400);
    expect((await board(admin, 'support')).queues).toHaveLength(4);
    expect((await board(admin)).queues.length).toBeGreaterThanOrEqual(10);
  });

  it(`OPS-2: open, due today, overdue and mine move with the clock and match \
their linked lists`, async () => {
    const support = await t.staff('support');
    const o = await makeOrder(t, { upTo: 'paid' });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const before = q(await board(support), 'refund-requests');
    expect(before.open).toBeGreaterThanOrEqual(1);
    expect((await support.post(`/api/admin/refund-requests/${r.id}/claim`, {})).status).toBe(200);
    const claimed = q(await board(support), 'refund-requests');
    expect(claimed.assignedToMe).toBe(1);
    expect(await listTotal(support, 'support-cases', claimed.links.assignedToMe!)).toBe(1);

    // Move to one hour before the request's SLA due time (REF-4: 2 business days): due today, not overdue.
    const due = (
      await t.ctx.db
        .selectFrom('refund_requests')
        .select('sla_due_at')
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow()
    ).sla_due_at;
    await t.advance(Math.round((due.getTime() - t.clock.now().getTime()) / 1000) - HOUR);
    const today = q(await board(support), 'refund-requests');
    expect(today.dueToday).toBeGreaterThanOrEqual(1);
    expect(await listTotal(support, 'support-cases', today.links.dueToday!)).toBe(today.dueToday);
    const dueList = await support.get(
      `/api/admin/support-cases?filter=${encodeURIComponent(JSON.stringify(today.links.dueToday))}`,
    );
    expect(dueList.body.map((x: { caseId: number }) => x.caseId)).toContain(r.id);
    expect(today.links.dueToday).toMatchObject({ type: 'refund', dueToday: true });
    const overdueBefore = today.overdue!;

    await t.advance(2 * HOUR);
    const late = q(await board(support), 'refund-requests');
    expect(late.overdue).toBe(overdueBefore + 1);
    expect(late.dueToday).toBe(today.dueToday! - 1);
    expect(await listTotal(support, 'support-cases', late.links.overdue!)).toBe(late.overdue);
    expect(await listTotal(support, 'support-cases', late.links.open!)).toBe(late.open);
  });

  it('OPS-2: day buckets are local days in Asia/Jakarta, oldest first, 30 of them', async () => {
    const support = await t.staff('support');
    const d0 = await board(support);
    expect(d0.days).toHaveLength(30);
    const last = d0.days.length - 1;
    // 23:30 UTC is already the next day in Jakarta (UTC+7): the request must land on that local day.
    const now = t.clock.now();
    const toLateEvening = Math.round(
      (Date.parse(now.toISOString().slice(0, 10) + 'T23:30:00Z') - now.getTime()) / 1000,
    );
    await t.advance(toLateEvening > 0 ? toLateEvening : toLateEvening + 24 * HOUR);
    const utcDay = t.clock.now().toISOString().slice(0, 10);
    const o = await makeOrder(t, { upTo: 'paid' });
    const r = (await o.buyer.post(`/api/v1/orders/${o.orderId}/refund-requests`, ask)).body;
    const d1 = await board(support);
    expect(d1.days[last]).not.toBe(utcDay);
    expect(d1.days[last]).toBe(new Date(t.clock.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10));
    const inflow = flow(d1, 'refund-requests').inflow;
    expect(inflow[last]).toBe(1);
    expect(d1.cases!.refundRequests[last]).toBe(1);
    expect(d1.cases!.orders[last]).toBe(1);
    expect(d1.cases!.refundRate[last]).toBe(100);

    // Decided within its SLA: one resolved today, 100% attainment on that day.
    const reject = await support.post(`/api/admin/refund-requests/${r.id}/reject`, {
      reason: 'The seller shows delivery in the order messages.',
    });
    expect(reject.status, JSON.stringify(reject.body)).toBe(200);
    const d2 = await board(support);
    expect(flow(d2, 'refund-requests').resolved[last]).toBe(1);
    expect(flow(d2, 'refund-requests').slaAttainment[last]).toBe(100);
  });

  it('SUP-3: ticket first-response and resolution medians per day, in hours', async () => {
    const support = await t.staff('support');
    const user = await t.user();
    const ticket = (
      await user.post('/api/v1/support/tickets', {
        topic: 'payment_problem',
        subject: 'My payment failed',
        message: 'The card payment for my order failed twice.',
      })
    ).body;
    await t.advance(2 * HOUR);
    const reply = await support.post(`/api/admin/tickets/${ticket.id}/messages`, {
      body: 'Looking into it.',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
    await t.advance(HOUR);
    await support.post(`/api/admin/tickets/${ticket.id}/messages`, { body: 'Fixed.', status: 'solved' });
    const d = await board(support);
    const last = d.days.length - 1;
    expect(d.tickets.firstResponseHours[last]).toBe(2);
    expect(d.tickets.resolutionHours[last]).toBe(3);
    expect(d.tickets.firstResponseHours[last - 1]).toBeNull();
    // Finance's dashboard counts only finance's ticket queue.
    const fin = await board(await t.staff('finance'));
    expect(fin.tickets.firstResponseHours[last]).toBeNull();
  });
});
