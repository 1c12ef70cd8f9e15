import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';
import { filters, type ListSpec } from '../../http/list.js';
import { idValue } from '../../http/schemas.js';
import type { Clock } from '../../time/clock.js';

/** The escalation queue (RES-6), the soonest SLA first. */
export const escalationListSpec = (clock: Clock): ListSpec => ({
  resource: 'escalations',
  idColumn: 'escalations.id',
  defaultSort: ['slaDueAt', 'ASC'],
  sortable: { id: 'escalations.id', slaDueAt: 'escalations.sla_due_at', createdAt: 'escalations.created_at' },
  filters: {
    status: filters.oneOf('escalations.status', z.enum(['open', 'decided'])),
    assignedTo: filters.equals('escalations.assigned_to', idValue),
    // A user's cases as the order's buyer or seller, and an order's cases (its page's Cases tab).
    userId: {
      schema: idValue,
      apply: (qb, v: number) =>
        qb.where((eb) => eb.or([eb('orders.buyer_id', '=', v), eb('orders.seller_id', '=', v)])),
    },
    orderId: filters.equals('escalations.order_id', idValue),
    overdue: {
      schema: z.boolean(),
      apply: (qb, v: boolean) =>
        qb.where(
          sql<boolean>`(escalations.status = 'open' and escalations.sla_due_at < ${clock.now()}) = ${v}`,
        ),
    },
    q: filters.find({
      orders: ['escalations.order_id'],
      users: ['escalations.escalated_by'],
      ids: ['escalations.id'],
    }),
  },
});

/** Escalations as staff read them: the order, both parties, the request and who holds the case. */
export function staffEscalations(db: Executor, clock: Clock) {
  return (
    db
      .selectFrom('escalations')
      // Left joins on keys that always exist (not null, foreign keys): the same rows, and PostgreSQL drops
      // them from the list's count, which joined four tables for every open escalation (issue #15).
      .leftJoin('orders', 'orders.id', 'escalations.order_id')
      .leftJoin('resolution_requests as rr', 'rr.id', 'escalations.resolution_request_id')
      .leftJoin('users as buyer', 'buyer.id', 'orders.buyer_id')
      .leftJoin('users as seller', 'seller.id', 'orders.seller_id')
      .leftJoin('staff', 'staff.id', 'escalations.assigned_to')
      .select([
        'escalations.id',
        ...camel('escalations.order_id'),
        'orders.title as orderTitle',
        'orders.status as orderStatus',
        'orders.total as orderTotal',
        ...camel('orders.buyer_id'),
        'buyer.name as buyerName',
        ...camel('orders.seller_id'),
        'seller.name as sellerName',
        ...camel('escalations.escalated_by'),
        'escalations.statement',
        'escalations.status',
        ...camel('escalations.sla_due_at', 'escalations.assigned_to'),
        'staff.name as assignedName',
        'escalations.outcome',
        ...camel(
          'escalations.buyer_credit',
          'escalations.decision_reason',
          'escalations.decided_at',
          'escalations.created_at',
          'rr.requester_role',
        ),
        'rr.reason as requestReason',
        'rr.message as requestMessage',
        'rr.answer as declineAnswer',
        sql<boolean>`escalations.status = 'open' and escalations.sla_due_at < ${clock.now()}`.as('overdue'),
      ])
  );
}

/** The resolution requests of a user's orders, as buyer or seller, with the order's title and status. */
export function requestsOfUser(db: Executor, userId: number) {
  return db
    .selectFrom('resolution_requests')
    .innerJoin('orders', 'orders.id', 'resolution_requests.order_id')
    .selectAll('resolution_requests')
    .select(['orders.title as orderTitle', 'orders.status as orderStatus', ...camel('orders.buyer_id')])
    .where((eb) => eb.or([eb('orders.buyer_id', '=', userId), eb('orders.seller_id', '=', userId)]));
}

export async function findEscalation(db: Executor, id: number) {
  return db.selectFrom('escalations').select('order_id').where('id', '=', id).executeTakeFirst();
}

export async function commissionOf(db: Executor, orderId: number) {
  return db.selectFrom('orders').select('commission_bp').where('id', '=', orderId).executeTakeFirstOrThrow();
}
