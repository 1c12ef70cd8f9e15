import { sql, type RawBuilder } from 'kysely';
import type { StaffRole } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { localDate } from '../../time/business-days.js';
import { endOfToday, queuesFor, type QueueDef } from './queues.js';

/** The charts cover the last 30 local days, today included. */
export const DASHBOARD_DAYS = 30;

type Window = { from: string; to: string; fromAt: RawBuilder<Date>; tz: string };

const noScope = sql<boolean>`true`;
const scopeOf = (q: QueueDef, role: StaffRole) => q.scope?.(role) ?? noScope;
const asNumber = (v: unknown) => Number(v ?? 0);

/** The days of the window, oldest first, as local dates (`generate_series` over the marketplace's days). */
const DAYS = (w: Window) =>
  sql`select generate_series(${w.from}::date, ${w.to}::date, interval '1 day')::date as day`;

/** A timestamp column as the local day it falls on (OPS-2: the marketplace's time zone). */
const dayOf = (col: RawBuilder<unknown>, w: Window) => sql`(${col} at time zone ${w.tz})::date`;

/** OPS-2: a queue's open, due today, overdue and assigned-to-me counts, one grouped scan. */
async function queueCounts(ctx: AppContext, q: QueueDef, role: StaffRole, staffId: number) {
  const now = ctx.clock.now();
  const due = q.due ?? sql`null::timestamptz`;
  const mine = q.assignee ? sql`count(*) filter (where ${sql.ref(q.assignee)} = ${staffId})` : sql`null`;
  const { rows } = await sql<{ open: number; overdue: number; due_today: number; mine: number | null }>`
    select count(*) as open,
      count(*) filter (where ${due} < ${now}) as overdue,
      count(*) filter (where ${due} >= ${now} and ${due} < ${endOfToday(now, ctx.config.timezone)})
        as due_today,
      ${mine} as mine
    from ${sql.table(q.table)} where ${q.open} and ${scopeOf(q, role)}`.execute(ctx.db);
  const c = rows[0]!;
  return {
    key: q.key,
    resource: q.resource,
    open: asNumber(c.open),
    dueToday: q.due ? asNumber(c.due_today) : null,
    overdue: q.due ? asNumber(c.overdue) : null,
    assignedToMe: q.assignee ? asNumber(c.mine) : null,
    // The list filters behind each count: the console links every number to its list.
    links: {
      open: q.filters.open,
      dueToday: q.due ? { ...q.filters.open, dueToday: true } : null,
      overdue: q.filters.overdue,
      assignedToMe: q.assignee ? { ...q.filters.open, assignedTo: staffId } : null,
    },
  };
}

/** Inflow, resolved and SLA attainment per local day: two grouped counts joined onto the days. */
async function queueFlow(ctx: AppContext, q: QueueDef, role: StaffRole, w: Window) {
  const created = sql.ref(q.created);
  const scope = scopeOf(q, role);
  const met = q.slaDue ? sql`count(*) filter (where ${q.resolved} <= ${q.slaDue})` : sql`0`;
  const measured = q.slaDue ? sql`count(*) filter (where ${q.slaDue} is not null)` : sql`0`;
  const { rows } = await sql<{
    day: string;
    inflow: number;
    resolved: number;
    met: number;
    measured: number;
  }>`
    with days as (${DAYS(w)}),
    inflow as (select ${dayOf(created, w)} as day, count(*) as n from ${sql.table(q.table)}
      where ${created} >= ${w.fromAt} and ${scope} group by 1),
    done as (select ${dayOf(q.resolved, w)} as day, count(*) as n, ${met} as met, ${measured} as measured
      from ${sql.table(q.table)} where ${q.resolved} >= ${w.fromAt} and ${scope} group by 1)
    select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(inflow.n, 0) as inflow,
      coalesce(done.n, 0) as resolved, coalesce(done.met, 0) as met, coalesce(done.measured, 0) as measured
    from days left join inflow on inflow.day = days.day left join done on done.day = days.day
    order by days.day`.execute(ctx.db);
  return {
    key: q.key,
    inflow: rows.map((r) => asNumber(r.inflow)),
    resolved: rows.map((r) => asNumber(r.resolved)),
    slaMet: rows.map((r) => asNumber(r.met)),
    slaMeasured: rows.map((r) => asNumber(r.measured)),
    // SLA attainment: the share of the day's finished items finished by their due time (null: none measured).
    slaAttainment: rows.map((r) =>
      asNumber(r.measured) ? Math.round((asNumber(r.met) / asNumber(r.measured)) * 1000) / 10 : null,
    ),
  };
}

/** REF-1, DSP-1: refund requests and disputes per day, with orders placed that day for the rate. */
async function refundsAndDisputes(ctx: AppContext, w: Window) {
  const { rows } = await sql<{
    day: string;
    orders: number;
    refunds: number;
    refunded: number;
    disputes: number;
  }>`
    with days as (${DAYS(w)}),
    o as (select ${dayOf(sql.ref('created_at'), w)} as day, count(*) as n from orders
      where created_at >= ${w.fromAt} group by 1),
    rr as (select ${dayOf(sql.ref('created_at'), w)} as day, count(*) as n from refund_requests
      where created_at >= ${w.fromAt} group by 1),
    ra as (select ${dayOf(sql.ref('decided_at'), w)} as day, sum(approved_amount) as amount from
      refund_requests
      where decided_at >= ${w.fromAt} and approved_amount is not null group by 1),
    d as (select ${dayOf(sql.ref('created_at'), w)} as day, count(*) as n from disputes
      where created_at >= ${w.fromAt} group by 1)
    select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(o.n, 0) as orders, coalesce(rr.n, 0) as refunds,
      coalesce(ra.amount, 0) as refunded, coalesce(d.n, 0) as disputes
    from days left join o on o.day = days.day left join rr on rr.day = days.day
      left join ra on ra.day = days.day left join d on d.day = days.day
    order by days.day`.execute(ctx.db);
  const rate = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);
  const orders = rows.map((r) => asNumber(r.orders));
  const refunds = rows.map((r) => asNumber(r.refunds));
  const disputes = rows.map((r) => asNumber(r.disputes));
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  return {
    orders,
    refundRequests: refunds,
    refundedAmount: rows.map((r) => asNumber(r.refunded)),
    disputesOpened: disputes,
    // Per 100 orders placed the same day; the window's rate beside it.
    refundRate: refunds.map((n, i) => rate(n, orders[i]!)),
    disputeRate: disputes.map((n, i) => rate(n, orders[i]!)),
    totals: {
      orders: sum(orders),
      refundRequests: sum(refunds),
      disputesOpened: sum(disputes),
      refundRate: rate(sum(refunds), sum(orders)),
      disputeRate: rate(sum(disputes), sum(orders)),
    },
  };
}

/** WDR-4: payouts paid per day, count and amount. */
async function payoutsPaid(ctx: AppContext, w: Window) {
  const { rows } = await sql<{ day: string; n: number; amount: number }>`
    with days as (${DAYS(w)}),
    p as (select ${dayOf(sql.ref('paid_at'), w)} as day, count(*) as n, sum(amount) as amount from withdrawals
      where paid_at >= ${w.fromAt} group by 1)
    select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(p.n, 0) as n, coalesce(p.amount, 0) as amount
    from days left join p on p.day = days.day order by days.day`.execute(ctx.db);
  return { count: rows.map((r) => asNumber(r.n)), amount: rows.map((r) => asNumber(r.amount)) };
}

/** WRN-9: held funds now, and at the end of each day (today's total minus what moved after that day). */
async function heldFunds(ctx: AppContext, w: Window) {
  const [now, moves] = await Promise.all([
    sql<{ total: number; users: number }>`select coalesce(sum(balance), 0) as total,
      count(*) filter (where balance > 0) as users from ledger_accounts where kind = 'held'`.execute(ctx.db),
    sql<{ day: string; net: number }>`
      with days as (${DAYS(w)}),
      m as (select ${dayOf(sql.ref('journal_entries.at'), w)} as day, sum(postings.amount) as net
        from postings join ledger_accounts on ledger_accounts.id = postings.account_id
        join journal_entries on journal_entries.id = postings.entry_id
        where ledger_accounts.kind = 'held' and journal_entries.at >= ${w.fromAt} group by 1)
      select to_char(days.day, 'YYYY-MM-DD') as day, coalesce(m.net, 0) as net
      from days left join m on m.day = days.day order by days.day`.execute(ctx.db),
  ]);
  const total = asNumber(now.rows[0]?.total);
  const net = moves.rows.map((r) => asNumber(r.net));
  const endOfDay: number[] = new Array<number>(net.length);
  let after = 0;
  for (let i = net.length - 1; i >= 0; i--) {
    endOfDay[i] = total - after;
    after += net[i]!;
  }
  return { total, users: asNumber(now.rows[0]?.users), endOfDay };
}

/** SUP-3: median first-response and resolution hours of the tickets answered or solved each day. */
async function ticketTimes(ctx: AppContext, role: StaffRole, w: Window) {
  const scope = role === 'admin' ? noScope : sql<boolean>`queue = ${role}`;
  const hours = (a: string, b: string) =>
    sql`percentile_cont(0.5) within group (order by extract(epoch from ${sql.ref(a)} - ${sql.ref(b)})
      / 3600)`;
  const { rows } = await sql<{ day: string; first: number | null; resolution: number | null }>`
    with days as (${DAYS(w)}),
    f as (select ${dayOf(sql.ref('first_responded_at'), w)} as day,
      ${hours('first_responded_at', 'created_at')} as h from tickets
      where first_responded_at >= ${w.fromAt} and ${scope} group by 1),
    s as (select ${dayOf(sql.ref('solved_at'), w)} as day, ${hours('solved_at', 'created_at')} as h
      from tickets
      where solved_at >= ${w.fromAt} and ${scope} group by 1)
    select to_char(days.day, 'YYYY-MM-DD') as day, f.h::float8 as first, s.h::float8 as resolution
    from days left join f on f.day = days.day left join s on s.day = days.day order by days.day`.execute(
    ctx.db,
  );
  const round = (h: number | null) => (h === null ? null : Math.round(Number(h) * 10) / 10);
  return {
    firstResponseHours: rows.map((r) => round(r.first)),
    resolutionHours: rows.map((r) => round(r.resolution)),
  };
}

/** The days of the window as local dates, oldest first. */
export function windowDays(now: Date, timezone: string, days = DASHBOARD_DAYS): string[] {
  const today = localDate(now, timezone);
  const base = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    new Date(base - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * One role's dashboard (issue 16 item 7): its queues' counts with the filters behind them, and the last 30
 * days of its work from the server's data.
 */
export async function dashboard(ctx: AppContext, role: StaffRole, staffId: number) {
  const tz = ctx.config.timezone;
  const days = windowDays(ctx.clock.now(), tz);
  const w: Window = {
    from: days[0]!,
    to: days[days.length - 1]!,
    tz,
    fromAt: sql<Date>`${days[0]}::date::timestamp at time zone ${tz}`,
  };
  const queues = queuesFor(role);
  const money = role === 'finance' || role === 'admin';
  const [counts, flow, cases, payouts, held, tickets] = await Promise.all([
    Promise.all(queues.map((q) => queueCounts(ctx, q, role, staffId))),
    Promise.all(queues.map((q) => queueFlow(ctx, q, role, w))),
    role === 'support' || role === 'admin' || role === 'finance' ? refundsAndDisputes(ctx, w) : null,
    money ? payoutsPaid(ctx, w) : null,
    money ? heldFunds(ctx, w) : null,
    ticketTimes(ctx, role, w),
  ]);
  return { role, timezone: tz, days, queues: counts, flow, cases, payouts, held, tickets };
}
