import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { access, defineRoute } from '../../http/route.js';
import { idValue } from '../../http/schemas.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { dueTodayWhere } from '../dashboards/queues.js';
import { withSla } from '../queues/sla.js';
import { camel } from '../../http/camel.js';

/**
 * The support queue (REF-4, RES-7, OPS-2): refund requests and escalated cancellations in
 * one list, oldest SLA first, each row linking to its own case page (`type` + `caseId`).
 */
export function supportQueueRoutes(ctx: AppContext) {
  // The union holds only the cases' own columns, so each branch walks its queue index in the order asked
  // and the page is cut to 25 rows before the names and titles are joined (issue #15: 1M orders).
  const cases = () => {
    const refunds = ctx.db
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
    const escalations = ctx.db
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
    return ctx.db
      .selectFrom(refunds.unionAll(escalations).as('cases'))
      .leftJoin('users', 'users.id', 'cases.partyId')
      .leftJoin('orders', 'orders.id', 'cases.orderId')
      .leftJoin('staff', 'staff.id', 'cases.assignedTo')
      .selectAll('cases')
      .select([
        'users.name as partyName',
        'orders.title as orderTitle',
        'staff.name as assignedName',
        sql<boolean>`cases.status = 'open' and cases."slaDueAt" < ${ctx.clock.now()}`.as('overdue'),
      ]);
  };
  const spec: ListSpec = {
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
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/support-agents',
      tag: 'Support queue',
      access: access.staff('support'),
      summary: 'Active support agents, to assign a case to (OPS-2)',
      handler: () =>
        ctx.db
          .selectFrom('staff')
          .select(['id', 'name'])
          .where('active', '=', true)
          .where('role', 'in', ['support', 'admin'])
          .orderBy('name')
          .execute(),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/support-cases',
      tag: 'Support queue',
      access: access.staff('support'),
      summary:
        'Refund requests and escalated cancellations together, oldest SLA first; filters status, type,' +
        ' kind, overdue, assignedTo, q',
      query: listQuery,
      handler: async ({ query, res }) => withSla(ctx, await listResource(ctx.db, res, cases(), spec, query)),
    }),
  ];
}
