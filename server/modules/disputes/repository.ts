import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import type { Clock } from '../../time/clock.js';
import { filters, type ListSpec } from '../../http/list.js';
import { idValue } from '../../http/schemas.js';
import { kindOf, queueColumns } from '../queues/registry.js';
import { z } from 'zod';
import { camel } from '../../http/camel.js';

// The priority (arbitration and approvals first) is a stored column computed from the stage (migration
// 2026-11-27T00-30-00), so the default sort reads an index.

/** The staff's disputes list (OPS-2): filters and sorts, awaiting approval first. */
export const disputeListSpec = (clock: Clock): ListSpec => ({
  resource: 'disputes',
  idColumn: 'disputes.id',
  defaultSort: ['priority', 'ASC'],
  sortable: {
    priority: 'disputes.priority',
    id: 'disputes.id',
    slaDueAt: 'disputes.sla_due_at',
    createdAt: 'disputes.created_at',
  },
  filters: {
    stage: filters.oneOf('disputes.stage', z.string()),
    overdue: {
      schema: z.boolean(),
      apply: (qb, v: boolean) =>
        qb.where(
          sql<boolean>`(disputes.sla_due_at is not null and disputes.stage <> 'closed' and
            disputes.sla_due_at <
             ${clock.now()}) = ${v}`,
        ),
    },
    assignedTo: filters.equals('disputes.assigned_to', idValue),
    q: filters.find({
      orders: ['disputes.order_id'],
      users: ['orders.buyer_id', 'orders.seller_id'],
      ids: ['disputes.id'],
    }),
    // A user's disputes as the order's buyer or seller, and an order's disputes (its page's Cases tab).
    userId: {
      schema: idValue,
      apply: (qb, v: number) =>
        qb.where((eb) => eb.or([eb('orders.buyer_id', '=', v), eb('orders.seller_id', '=', v)])),
    },
    orderId: filters.equals('disputes.order_id', idValue),
  },
});

/** Disputes as staff list them, with both parties, the SLA and the queue columns. */
export const staffDisputes = (db: Executor, clock: Clock) =>
  db
    .selectFrom('disputes')
    // Left joins on keys that always exist: PostgreSQL drops them from the list's count (issue #15).
    .leftJoin('orders', 'orders.id', 'disputes.order_id')
    .leftJoin('users as buyer', 'buyer.id', 'orders.buyer_id')
    .leftJoin('users as seller', 'seller.id', 'orders.seller_id')
    .select([
      'disputes.id',
      ...camel('disputes.order_id'),
      'orders.title as orderTitle',
      ...camel('orders.buyer_id'),
      'buyer.name as buyerName',
      ...camel('orders.seller_id'),
      'seller.name as sellerName',
      'disputes.stage',
      ...camel(
        'disputes.opener_role',
        'disputes.escrow_amount',
        'disputes.respond_by',
        'disputes.fee_due_at',
        'disputes.sla_due_at',
      ),
      'disputes.outcome',
      ...camel('disputes.created_at'),
      sql<boolean>`disputes.sla_due_at is not null and disputes.stage <> 'closed' and disputes.sla_due_at <
         ${clock.now()}`.as('overdue'),
      ...queueColumns(kindOf('disputes')),
    ]);

/** A user's disputes as buyer and as seller, newest first (SUP-7). */
export const myDisputes = (db: Executor, userId: number) =>
  db
    .selectFrom('disputes')
    // Left joins on not-null foreign keys: the same rows, and the list's count drops them (issue #15).
    .leftJoin('orders', 'orders.id', 'disputes.order_id')
    .select([
      'disputes.id',
      ...camel('disputes.order_id'),
      'orders.title as orderTitle',
      ...camel('disputes.milestone_id'),
      sql<'buyer' | 'seller'>`case when orders.buyer_id = ${userId} then 'buyer' else 'seller' end`.as(
        'role',
      ),
      ...camel('disputes.opener_role'),
      'disputes.reason',
      'disputes.escrow_amount as escrow',
      'disputes.stage',
      'disputes.outcome',
      ...camel(
        'disputes.respond_by',
        'disputes.decision_reason',
        'disputes.decided_at',
        'disputes.created_at',
      ),
    ])
    .where((eb) => eb.or([eb('orders.buyer_id', '=', userId), eb('orders.seller_id', '=', userId)]))
    .orderBy('disputes.id', 'desc');
