import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';
import { filters, type ListSpec } from '../../http/list.js';
import { idValue } from '../../http/schemas.js';
import type { Clock } from '../../time/clock.js';
import { disputeCount } from '../disputes/guard.js';
import { userBalances } from '../ledger/ledger.js';

/** The refund queue (REF-4), the oldest SLA first. */
export const refundListSpec = (clock: Clock): ListSpec => ({
  resource: 'refund-requests',
  idColumn: 'refund_requests.id',
  defaultSort: ['slaDueAt', 'ASC'],
  sortable: {
    id: 'refund_requests.id',
    slaDueAt: 'refund_requests.sla_due_at',
    createdAt: 'refund_requests.created_at',
    amount: 'refund_requests.amount_requested',
  },
  filters: {
    status: filters.oneOf(
      'refund_requests.status',
      z.enum(['open', 'approved', 'partially_approved', 'rejected']),
    ),
    kind: filters.oneOf('refund_requests.kind', z.enum(['order', 'credit_to_source', 'duplicate_charge'])),
    assignedTo: filters.equals('refund_requests.assigned_to', idValue),
    // A user's cases as buyer or as the seller of the order, and an order's cases (its page's Cases tab).
    userId: {
      schema: idValue,
      apply: (qb, v: number) =>
        qb.where((eb) => eb.or([eb('refund_requests.buyer_id', '=', v), eb('orders.seller_id', '=', v)])),
    },
    orderId: filters.equals('refund_requests.order_id', idValue),
    overdue: {
      schema: z.boolean(),
      apply: (qb, v: boolean) =>
        qb.where(
          sql<boolean>`(refund_requests.status = 'open' and refund_requests.sla_due_at <
            ${clock.now()}) = ${v}`,
        ),
    },
    q: filters.find({
      users: ['refund_requests.buyer_id'],
      orders: ['refund_requests.order_id'],
      text: ['refund_requests.message', 'refund_requests.charge_reference'],
      ids: ['refund_requests.id'],
    }),
  },
});

/** Refund requests as staff read them: buyer, order, seller and who holds the case. */
export const staffRefundRequests = (db: Executor, clock: Clock) =>
  db
    .selectFrom('refund_requests')
    // A left join on a key that always exists: the same rows, and PostgreSQL drops it from the count.
    .leftJoin('users as buyer', 'buyer.id', 'refund_requests.buyer_id')
    .leftJoin('orders', 'orders.id', 'refund_requests.order_id')
    .leftJoin('users as seller', 'seller.id', 'orders.seller_id')
    .leftJoin('staff', 'staff.id', 'refund_requests.assigned_to')
    .select([
      'refund_requests.id',
      'refund_requests.kind',
      ...camel('refund_requests.buyer_id'),
      'buyer.name as buyerName',
      ...camel('refund_requests.order_id'),
      'orders.title as orderTitle',
      ...camel('orders.seller_id'),
      'seller.name as sellerName',
      'refund_requests.destination',
      'refund_requests.reason',
      'refund_requests.message',
      'refund_requests.amount_requested as amount',
      ...camel('refund_requests.charge_reference'),
      'refund_requests.status',
      ...camel('refund_requests.sla_due_at', 'refund_requests.assigned_to'),
      'staff.name as assignedName',
      ...camel('refund_requests.approved_amount'),
      'refund_requests.fee_payment as paymentFee',
      'refund_requests.fee_marketplace as marketplaceFee',
      ...camel(
        'refund_requests.paid_out',
        'refund_requests.decision_reason',
        'refund_requests.decided_at',
        'refund_requests.created_at',
      ),
      sql<boolean>`refund_requests.status = 'open' and refund_requests.sla_due_at < ${clock.now()}`.as(
        'overdue',
      ),
    ]);
/** A party's history as the refund case shows it: counts of orders and cases, warnings, balances. */
export async function partyHistory(db: Executor, userId: number) {
  const [orders, cancelled, refunds, escalations, disputes, warnings] = await Promise.all([
    db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('buyer_id', '=', userId), eb('seller_id', '=', userId)]))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('buyer_id', '=', userId), eb('seller_id', '=', userId)]))
      .where('status', '=', 'cancelled')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('refund_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('buyer_id', '=', userId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('escalations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('escalated_by', '=', userId)
      .executeTakeFirstOrThrow(),
    disputeCount(db, userId),
    db
      .selectFrom('warnings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ]);
  const u = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'status', ...camel('created_at')])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    ...u,
    orders: Number(orders.n),
    cancelledOrders: Number(cancelled.n),
    refundRequests: Number(refunds.n),
    escalations: Number(escalations.n),
    disputes,
    warnings: Number(warnings.n),
    balances: await userBalances(db, userId),
  };
}

/** A buyer's refund requests, newest first. */
export function refundRequestsOf(db: Executor, buyerId: number) {
  return db.selectFrom('refund_requests').selectAll().where('buyer_id', '=', buyerId).orderBy('id', 'desc');
}

/** A refund request by id; with `buyerId`, only if it is that buyer's. */
export async function findRefundRequest(db: Executor, id: number, buyerId?: number) {
  let qb = db.selectFrom('refund_requests').selectAll().where('id', '=', id);
  if (buyerId !== undefined) qb = qb.where('buyer_id', '=', buyerId);
  return qb.executeTakeFirst();
}

/** The evidence files of a refund request, in upload order. */
export async function evidenceOf(db: Executor, refundRequestId: number) {
  return db
    .selectFrom('evidence_files')
    .select(['id', 'filename', ...camel('content_type'), 'size', ...camel('created_at')])
    .where('refund_request_id', '=', refundRequestId)
    .orderBy('id')
    .execute();
}

export async function findEvidenceFile(db: Executor, id: number) {
  return db.selectFrom('evidence_files').selectAll().where('id', '=', id).executeTakeFirst();
}
