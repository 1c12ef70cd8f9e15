import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { StaffRole } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { filters, type FilterDef, type ListSpec } from '../../http/list.js';
import { idValue } from '../../http/schemas.js';

/**
 * Every staff queue the dashboards count (OPS-1, OPS-2), as data: which table, when an item is open, when it
 * is due, who holds it, when it came in and when it was done, and which role's dashboard shows it. The same
 * definitions give the lists their `dueToday` filter, so a count on a dashboard and the list it links to
 * are one query.
 */
export interface QueueDef {
  key: string;
  /** The console resource (and admin list) the counts link to. */
  resource: string;
  roles: readonly StaffRole[];
  table: string;
  /** The item is waiting for staff. */
  open: RawBuilder<boolean>;
  /** Its SLA due time while open (OPS-2), or null for a queue without an SLA. */
  due: RawBuilder<Date | null> | null;
  assignee: string | null;
  /** When it came in, and when staff finished it (inflow and resolved per day). */
  created: string;
  resolved: RawBuilder<Date | null>;
  /** The due time the finished item was measured against (SLA attainment). */
  slaDue: RawBuilder<Date | null> | null;
  /** A row restriction for the role (tickets: the role's own ticket queue). */
  scope?: (role: StaffRole) => RawBuilder<boolean> | null;
  /** List filters that select this queue's open, overdue items in the console. */
  filters: { open: Record<string, unknown>; overdue: Record<string, unknown> | null };
}

const TICKET_ACTIVE = sql<boolean>`tickets.status in ('new', 'open', 'pending', 'on_hold')`;
/**
 * SUP-3: a waiting ticket's resolution SLA is stopped (as in the tickets list): it cannot breach while it
 * waits.
 */
const TICKET_RESOLUTION_DUE = sql<Date>`case when tickets.sla_paused_at is null
  or tickets.resolution_due_at < tickets.sla_paused_at then tickets.resolution_due_at end`;
/** SUP-3: the next breach of an active ticket: its first response while unanswered, then its resolution. */
export const TICKET_NEXT_BREACH = sql<Date | null>`case when tickets.status in ('new', 'open', 'pending',
  'on_hold') then case when tickets.first_responded_at is null then least(tickets.first_response_due_at,
  ${TICKET_RESOLUTION_DUE}) else ${TICKET_RESOLUTION_DUE} end end`;
const DISPUTE_OPEN_STAGES = [
  'negotiation',
  'awaiting_default_approval',
  'final_offer',
  'awaiting_final_approval',
  'arbitration',
];
const WITHDRAWAL_OPEN = sql<boolean>`withdrawals.status in ('pending', 'awaiting_second_approval',
  'approved', 'exported')`;

export const QUEUES: readonly QueueDef[] = [
  {
    key: 'refund-requests',
    // The console lists refund requests and escalations together in the support queue.
    resource: 'support-cases',
    roles: ['support'],
    table: 'refund_requests',
    open: sql`refund_requests.status = 'open'`,
    due: sql`refund_requests.sla_due_at`,
    assignee: 'refund_requests.assigned_to',
    created: 'refund_requests.created_at',
    resolved: sql`refund_requests.decided_at`,
    slaDue: sql`refund_requests.sla_due_at`,
    filters: {
      open: { type: 'refund', status: 'open' },
      overdue: { type: 'refund', status: 'open', overdue: true },
    },
  },
  {
    key: 'escalations',
    resource: 'support-cases',
    roles: ['support'],
    table: 'escalations',
    open: sql`escalations.status = 'open'`,
    due: sql`escalations.sla_due_at`,
    assignee: 'escalations.assigned_to',
    created: 'escalations.created_at',
    resolved: sql`escalations.decided_at`,
    slaDue: sql`escalations.sla_due_at`,
    filters: {
      open: { type: 'escalation', status: 'open' },
      overdue: { type: 'escalation', status: 'open', overdue: true },
    },
  },
  {
    key: 'disputes',
    resource: 'disputes',
    roles: ['support'],
    table: 'disputes',
    open: sql`disputes.stage <> 'closed'`,
    // Only the stages that wait for staff carry an SLA (DSP-4, DSP-8, DSP-10).
    due: sql`disputes.sla_due_at`,
    assignee: 'disputes.assigned_to',
    created: 'disputes.created_at',
    resolved: sql`disputes.closed_at`,
    slaDue: sql`disputes.sla_due_at`,
    filters: { open: { stage: DISPUTE_OPEN_STAGES }, overdue: { overdue: true } },
  },
  {
    key: 'seller-applications',
    resource: 'seller-applications',
    roles: ['trust_safety'],
    table: 'seller_applications',
    open: sql`seller_applications.status = 'submitted'`,
    due: sql`seller_applications.sla_due_at`,
    assignee: 'seller_applications.assigned_to',
    created: 'seller_applications.submitted_at',
    resolved: sql`seller_applications.decided_at`,
    slaDue: sql`seller_applications.sla_due_at`,
    filters: { open: { status: 'submitted' }, overdue: { status: 'submitted', overdue: true } },
  },
  {
    key: 'identity-checks',
    resource: 'identity-checks',
    roles: ['trust_safety'],
    table: 'identity_checks',
    open: sql`identity_checks.status = 'submitted'`,
    due: sql`identity_checks.sla_due_at`,
    assignee: 'identity_checks.assigned_to',
    created: 'identity_checks.submitted_at',
    resolved: sql`identity_checks.decided_at`,
    slaDue: sql`identity_checks.sla_due_at`,
    filters: { open: { status: 'submitted' }, overdue: { status: 'submitted', overdue: true } },
  },
  {
    key: 'reports',
    resource: 'reports',
    roles: ['trust_safety'],
    table: 'reports',
    open: sql`reports.status = 'open'`,
    due: sql`reports.sla_due_at`,
    assignee: 'reports.assigned_to',
    created: 'reports.created_at',
    resolved: sql`reports.decided_at`,
    slaDue: sql`reports.sla_due_at`,
    filters: { open: { status: 'open' }, overdue: { status: 'open', overdue: true } },
  },
  {
    key: 'service-reviews',
    resource: 'service-reviews',
    roles: ['trust_safety'],
    table: 'service_reviews',
    open: sql`service_reviews.status = 'open'`,
    due: sql`service_reviews.sla_due_at`,
    assignee: 'service_reviews.assigned_to',
    created: 'service_reviews.created_at',
    resolved: sql`service_reviews.decided_at`,
    slaDue: sql`service_reviews.sla_due_at`,
    filters: { open: { status: 'open' }, overdue: { status: 'open', overdue: true } },
  },
  {
    key: 'content-flags',
    resource: 'content-flags',
    roles: ['trust_safety'],
    table: 'content_flags',
    open: sql`content_flags.status = 'open'`,
    // CAT-3: a flag is a signal, not a case with an SLA.
    due: null,
    assignee: null,
    created: 'content_flags.created_at',
    resolved: sql`content_flags.decided_at`,
    slaDue: null,
    filters: { open: { status: 'open' }, overdue: null },
  },
  {
    key: 'withdrawals',
    resource: 'withdrawals',
    roles: ['finance'],
    table: 'withdrawals',
    open: WITHDRAWAL_OPEN,
    // WDR-4: an exported payout is with the bank; the SLA is finance's until it leaves.
    due: sql`case when withdrawals.status in ('pending', 'awaiting_second_approval', 'approved')
      then withdrawals.sla_due_at end`,
    assignee: 'withdrawals.assigned_to',
    created: 'withdrawals.created_at',
    resolved: sql`coalesce(withdrawals.paid_at, withdrawals.closed_at)`,
    slaDue: sql`withdrawals.sla_due_at`,
    filters: { open: { open: true }, overdue: { open: true, overdue: true } },
  },
  {
    key: 'tickets',
    resource: 'tickets',
    roles: ['support', 'trust_safety', 'finance'],
    table: 'tickets',
    open: TICKET_ACTIVE,
    due: TICKET_NEXT_BREACH,
    assignee: 'tickets.assigned_to',
    created: 'tickets.created_at',
    resolved: sql`tickets.solved_at`,
    slaDue: sql`tickets.resolution_due_at`,
    scope: (role) => (role === 'admin' ? null : sql<boolean>`tickets.queue = ${role}`),
    filters: { open: { active: true }, overdue: { active: true, breached: true } },
  },
];

export const queuesFor = (role: StaffRole) =>
  QUEUES.filter((q) => role === 'admin' || q.roles.includes(role));

export const queue = (key: string) => QUEUES.find((q) => q.key === key)!;

/** The end of today in the marketplace's time zone (OPS-2: business days are local days). */
export const endOfToday = (now: Date, timezone: string) =>
  sql<Date>`((${now}::timestamptz at time zone ${timezone})::date + 1)::timestamp at time zone ${timezone}`;

/**
 * `dueToday`: open items whose SLA falls due later today, local time (not those already overdue, which the
 * `overdue` filter lists).
 */
export function dueTodayFilter(ctx: AppContext, key: string): FilterDef {
  const q = queue(key);
  return dueTodayWhere(ctx, q.open, q.due ?? sql`null`);
}

/** `dueToday` over any open condition and due time (the combined support queue has its own columns). */
export function dueTodayWhere(
  ctx: AppContext,
  open: RawBuilder<boolean>,
  due: RawBuilder<unknown>,
): FilterDef {
  return {
    schema: z.boolean(),
    apply: (qb, v: boolean) => {
      const now = ctx.clock.now();
      return qb.where(
        sql<boolean>`coalesce(${open} and ${due} >= ${now} and ${due} <
          ${endOfToday(now, ctx.config.timezone)},
          false) = ${v}`,
      );
    },
  };
}

/** `overdue` for queues whose lists had none: open and past the SLA due time. */
export function overdueFilter(ctx: AppContext, key: string): FilterDef {
  const q = queue(key);
  return {
    schema: z.boolean(),
    apply: (qb, v: boolean) =>
      qb.where(
        sql<boolean>`coalesce(${q.open} and ${q.due ?? sql`null`} < ${ctx.clock.now()}, false) = ${v}`,
      ),
  };
}

/**
 * A queue list's spec with the filters its dashboard counts link to: `dueToday`, and `overdue` and
 * `assignedTo` where the list had none, each from the queue's one definition above.
 */
export function withQueueFilters(ctx: AppContext, spec: ListSpec, key: string): ListSpec {
  const q = queue(key);
  const extra: Record<string, FilterDef> = {};
  if (q.due) extra.dueToday = dueTodayFilter(ctx, key);
  if (q.due && !spec.filters.overdue) extra.overdue = overdueFilter(ctx, key);
  if (q.assignee && !spec.filters.assignedTo) extra.assignedTo = filters.equals(q.assignee, idValue);
  return { ...spec, filters: { ...spec.filters, ...extra } };
}
