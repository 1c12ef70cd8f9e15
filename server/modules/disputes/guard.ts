import type { Executor } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';

/** DSP-3: while a dispute is open the order's workspace is frozen. */
export async function assertNotDisputed(db: Executor, orderId: number): Promise<void> {
  const open = await db
    .selectFrom('disputes')
    .select(['id', 'stage'])
    .where('order_id', '=', orderId)
    .where('stage', '<>', 'closed')
    .executeTakeFirst();
  if (open)
    throw new Problem({
      status: 409,
      slug: 'order-disputed',
      title: 'Order under dispute',
      detail:
        `Dispute #${open.id} is open on this order (${open.stage.replace(/_/g, ' ')}): deliveries, requests` +
        ` and reviews wait until it closes (DSP-3).`,
      extra: { disputeId: open.id },
    });
}

/** DSP-3: a disputed order can never be reviewed. */
export async function assertNeverDisputed(db: Executor, orderId: number): Promise<void> {
  const any = await db.selectFrom('disputes').select('id').where('order_id', '=', orderId).executeTakeFirst();
  if (any)
    throw new Problem({
      status: 409,
      slug: 'order-disputed',
      title: 'Disputed order',
      detail: `This order was disputed (#${any.id}); disputed orders cannot be reviewed (DSP-3).`,
      extra: { disputeId: any.id },
    });
}

export async function hasOpenDispute(db: Executor, orderId: number): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom('disputes')
      .select('id')
      .where('order_id', '=', orderId)
      .where('stage', '<>', 'closed')
      .executeTakeFirst(),
  );
}

/** DSP-3: how many disputes a user has been party to, as buyer or seller (public profiles, case pages). */
export async function disputeCount(db: Executor, userId: number): Promise<number> {
  const r = await db
    .selectFrom('disputes')
    .innerJoin('orders', 'orders.id', 'disputes.order_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([eb('orders.buyer_id', '=', userId), eb('orders.seller_id', '=', userId)]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
