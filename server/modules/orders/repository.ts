import type { Selectable, Transaction } from 'kysely';
import type { Database, Order } from '../../../db/schema.js';
import { problems } from '../../http/problem.js';
import { partyOf } from './machine.js';

type Trx = Transaction<Database>;

/** Locks an order row (LOCKING.md: after user rows, before the order's milestones and other rows). */
export async function lockOrder(trx: Trx, orderId: number): Promise<Order | undefined> {
  return trx.selectFrom('orders').selectAll().where('id', '=', orderId).forNoKeyUpdate().executeTakeFirst();
}

/**
 * Loads and locks an order the user is a party to; any other id is a 404 (never a 403: ids are not
 * confirmed).
 */
export async function lockOrderFor(
  trx: Trx,
  orderId: number,
  userId: number,
): Promise<{ order: Order; role: 'buyer' | 'seller' }> {
  const order = await lockOrder(trx, orderId);
  const role = order ? partyOf(order, userId) : null;
  if (!order || !role) throw problems.notFound('order');
  return { order, role };
}

/**
 * A row that belongs to an order (a dispute, a resolution request), for a party of that order:
 * the order is locked first and the row after it, the same order every caller takes, so two
 * requests never wait on each other's locks. Anyone else gets the row's 404.
 */
export async function lockOrderChildFor<T extends 'disputes' | 'resolution_requests'>(
  trx: Trx,
  table: T,
  { id, userId, noun }: { id: number; userId: number; noun: string },
) {
  // Both tables have `id` and `order_id`; typed as one of them for the query builder.
  const from = () => trx.selectFrom(table as 'disputes');
  const head = await from().select('order_id').where('id', '=', id).executeTakeFirst();
  if (!head) throw problems.notFound(noun);
  const { order, role } = await lockOrderFor(trx, head.order_id, userId).catch(() => {
    throw problems.notFound(noun);
  });
  const row = await from().selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirstOrThrow();
  return { row: row as unknown as Selectable<Database[T]>, order, role };
}
