import { sql } from 'kysely';
import type { InTransaction } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { notify } from '../../notifications/templates.js';
import { audit, type Actor } from '../audit/audit.js';
import { scheduleClearance } from '../orders/escrow.js';
import { recordEvent } from '../orders/machine.js';
import { account, postEntry, userBalances } from './ledger.js';
import { reconcile } from './reconcile.js';

/** CLR-2: support move an order's cleared earnings back to pending with a reason; they clear again later. */
export async function reverseClearance(
  ctx: AppContext,
  actor: Actor & { type: 'staff' },
  input: { orderId: number; amount?: number; reason: string; requestId: string },
  run: InTransaction,
) {
  const { orderId, requestId } = input;
  return run(async (trx) => {
    const now = ctx.clock.now();
    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', orderId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!order) throw problems.notFound('order');
    const cleared = await sql<{
      amount: number;
    }>`select coalesce(sum(p.amount), 0)::bigint as amount
         from postings p
         join journal_entries e on e.id = p.entry_id
         join ledger_accounts a on a.id = p.account_id
        where e.order_id = ${order.id} and a.code = ${`user:${order.seller_id}:available`}
          and e.kind in ('clearance', 'clearance-reversal')`.execute(trx);
    const clearedNet = cleared.rows[0]!.amount;
    const amount = input.amount ?? clearedNet;
    if (clearedNet <= 0)
      throw new Problem({
        status: 409,
        slug: 'nothing-cleared',
        title: 'Nothing cleared',
        detail: 'This order has no cleared earnings to reverse.',
      });
    if (amount > clearedNet)
      throw problems.unprocessable(
        'reversal-too-large',
        'More than was cleared',
        `At most Rp ${clearedNet} of this order was cleared.`,
      );
    const before = await userBalances(trx, order.seller_id);
    const entryId = await postEntry(trx, now, {
      kind: 'clearance-reversal',
      memo: `Cleared earnings of order ${order.id} reversed to pending: ${input.reason}`,
      memoKey: 'clearance_reversal',
      memoParams: { orderId: order.id, reason: input.reason },
      orderId: order.id,
      userId: order.seller_id,
      staffId: actor.id,
      postings: [
        { account: account.user(order.seller_id, 'available'), amount: -amount },
        { account: account.user(order.seller_id, 'pending'), amount },
      ],
    });
    const clearAt = await scheduleClearance(trx, now, {
      ref: `reversal:${entryId}`,
      orderId: order.id,
      sellerId: order.seller_id,
      amount,
    });
    await recordEvent(trx, now, {
      orderId: order.id,
      event: 'support-reverse-clearance',
      by: { actor: 'staff', id: actor.id },
      data: { amount, reason: input.reason, entryId },
    });
    await audit(trx, ctx.clock, {
      actor,
      action: 'ledger.reverse-clearance',
      subjectType: 'order',
      subjectId: order.id,
      reason: input.reason,
      before,
      after: await userBalances(trx, order.seller_id),
      requestId: requestId,
    });
    await notify(trx, ctx, {
      userId: order.seller_id,
      kind: 'ledger.clearance-reversed',
      params: { title: order.title, amount, reason: input.reason, clearsAt: clearAt },
      payload: { orderId: order.id },
    });
    return { entryId, amount, clearsAgainAt: clearAt };
  });
}

/**
 * MNY-4: staff run the reconciliation now (the scheduler runs it daily); its result is stored and
 * audited.
 */
export async function reconcileNow(
  ctx: AppContext,
  { actor, requestId }: { actor: Actor & { type: 'staff' }; requestId?: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const run = await reconcile(trx, ctx.clock);
    await audit(trx, ctx.clock, {
      actor,
      action: 'ledger.reconcile',
      subjectType: 'reconciliation',
      subjectId: run.id,
      after: { ok: run.ok },
      requestId,
    });
    return run;
  });
}
