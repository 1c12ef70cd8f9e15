import { z } from 'zod';
import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import type { Clock } from '../../time/clock.js';
import { idValue } from '../../http/schemas.js';
import { filters, type ListSpec } from '../../http/list.js';
import { dueTodayWhere } from '../dashboards/queues.js';
import { camel } from '../../http/camel.js';

/**
 * The support queue (REF-4, RES-7, OPS-2): refund requests and escalated cancellations in
 * one list, oldest SLA first, each row linking to its own case page (`type` + `caseId`).
 */
// The union holds only the cases' own columns, so each branch walks its queue index in the order asked
// and the page is cut to 25 rows before the names and titles are joined (issue #15: 1M orders).
export const supportCases = (db: Executor, clock: Clock) => {
  const refunds = db
    .selectFrom('refund_requests')
    .select([
      sql<string>`'refund-' || refund_requests.id`.as('id'),
      sql<string>`'refund'`.as('type'),
      'refund_requests.id as caseId',
      sql<string>`refund_requests.kind`.as('kind'),
      sql<string>`refund_requests.status`.as('status'),
      ...camel('refund_requests.sla_due_at'),
      'refund_requests.created_at as slaStartedAt',
      sql<boolean>`refund_requests.status = 'open'`.as('slaRunning'),
      ...camel('refund_requests.assigned_to'),
      'refund_requests.buyer_id as partyId',
      ...camel('refund_requests.order_id'),
      'refund_requests.amount_requested as amount',
      ...camel('refund_requests.created_at'),
    ]);
  const escalations = db
    .selectFrom('escalations')
    .select([
      sql<string>`'escalation-' || escalations.id`.as('id'),
      sql<string>`'escalation'`.as('type'),
      'escalations.id as caseId',
      sql<string>`'escalated_cancellation'`.as('kind'),
      sql<string>`escalations.status`.as('status'),
      ...camel('escalations.sla_due_at'),
      'escalations.created_at as slaStartedAt',
      sql<boolean>`escalations.status = 'open'`.as('slaRunning'),
      ...camel('escalations.assigned_to'),
      'escalations.escalated_by as partyId',
      sql<number | null>`escalations.order_id`.as('orderId'),
      sql<number>`(select o.total from orders o where o.id = escalations.order_id)`.as('amount'),
      ...camel('escalations.created_at'),
    ]);
  return db
    .selectFrom(refunds.unionAll(escalations).as('cases'))
    .leftJoin('users', 'users.id', 'cases.partyId')
    .leftJoin('orders', 'orders.id', 'cases.orderId')
    .leftJoin('staff', 'staff.id', 'cases.assignedTo')
    .selectAll('cases')
    .select([
      'users.name as partyName',
      'orders.title as orderTitle',
      'staff.name as assignedName',
      sql<boolean>`cases.status = 'open' and cases."slaDueAt" < ${clock.now()}`.as('overdue'),
    ]);
};
/** The support queue's filters and sorts (the oldest SLA first). */
export const supportCaseList = (ctx: AppContext): ListSpec => ({
  resource: 'support-cases',
  idColumn: 'cases.caseId',
  defaultSort: ['slaDueAt', 'ASC'],
  tieBreaker: ['cases.caseId', 'cases.type'],
  sortable: { slaDueAt: 'cases.slaDueAt', createdAt: 'cases.createdAt', amount: 'cases.amount' },
  filters: {
    status: filters.oneOf(
      'cases.status',
      z.enum(['open', 'approved', 'partially_approved', 'rejected', 'decided']),
    ),
    type: filters.equals('cases.type', z.enum(['refund', 'escalation'])),
    kind: filters.oneOf('cases.kind', z.string()),
    assignedTo: filters.equals('cases.assignedTo', idValue),
    dueToday: dueTodayWhere(ctx, sql<boolean>`cases.status = 'open'`, sql`cases."slaDueAt"`),
    overdue: {
      schema: z.boolean(),
      apply: (qb, v: boolean) =>
        qb.where(sql<boolean>`(cases.status = 'open' and cases."slaDueAt" < ${ctx.clock.now()}) = ${v}`),
    },
    q: filters.find({ users: ['cases.partyId'], orders: ['cases.orderId'], ids: ['cases.caseId'] }),
  },
});

/** Active support agents (and admins), to assign a case to. */
export const supportAgents = (db: Executor) =>
  db
    .selectFrom('staff')
    .select(['id', 'name'])
    .where('active', '=', true)
    .where('role', 'in', ['support', 'admin'])
    .orderBy('name')
    .execute();
