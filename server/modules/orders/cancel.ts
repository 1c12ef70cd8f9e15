import type { Transaction } from 'kysely';
import type { Database, Order } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { problems } from '../../http/problem.js';
import { account, postEntry } from '../ledger/ledger.js';
import { applyTransition, moveMilestone, type OrderActor, type TransitionName } from './machine.js';
import { splitEscrow } from './rules.js';
import { escrowHeld, scheduleClearance } from './escrow.js';
import { creditNote } from '../invoices/service.js';

export type CancelTransition = Extract<
  TransitionName,
  | 'buyer-accept-cancellation'
  | 'seller-accept-cancellation'
  | 'auto-cancel-unanswered'
  | 'support-cancel-escalated'
  | 'support-refund-cancel'
>;

/**
 * RES-8: a cancelled order returns what its milestones hold in escrow to the buyer's
 * `credit` (not the card). With `buyerCredit` (RES-7 partial credit) only that much goes
 * back; the rest of each escrow is released to the seller as on completion (commission
 * to revenue, clearance scheduled). Amounts come from the escrow balances, not the
 * milestone prices, so an earlier partial refund is respected.
 */
export async function cancelOrder(
  ctx: AppContext,
  trx: Transaction<Database>,
  {
    order,
    name,
    by,
    ...opts
  }: {
    order: Order;
    name: CancelTransition;
    by: { actor: OrderActor; id: number | null };
    buyerCredit?: number;
    fault?: string;
    data?: Record<string, unknown>;
  },
) {
  const now = ctx.clock.now();
  const held = await escrowHeld(trx, order.id, true);
  const total = held.reduce((a, h) => a + h.held, 0);
  if (opts.buyerCredit !== undefined && (opts.buyerCredit < 0 || opts.buyerCredit > total)) {
    throw problems.unprocessable(
      'credit-exceeds-escrow',
      'More than is in escrow',
      `The buyer can be credited at most Rp ${total}, what the order holds in escrow.`,
      { escrow: total },
    );
  }
  const buyerCredit = opts.buyerCredit ?? total;
  await applyTransition(trx, {
    now,
    order,
    name,
    by,
    data: { escrow: total, buyerCredit, ...opts.data },
  });
  await trx
    .updateTable('orders')
    .set({ cancelled_at: now, cancellation_fault: opts.fault ?? null })
    .where('id', '=', order.id)
    .execute();
  const split = splitEscrow(held, buyerCredit, order.commission_bp);
  for (const [i, m] of held.entries()) {
    const { held: balance, toBuyer, toSeller, commission } = split[i]!;
    if (balance > 0) {
      await postEntry(trx, now, {
        kind: 'cancellation',
        memo:
          `Order ${order.id} cancelled (${name}): milestone ${m.seq} escrow ` +
          `${toBuyer} to the buyer's ` +
          `credit${toSeller + commission ? `, ${toSeller} to the seller, ${commission} commission` : ''}`,
        memoKey: toSeller + commission ? 'cancellation_split' : 'cancellation',
        memoParams: { orderId: order.id, seq: m.seq, toBuyer, toSeller, commission },
        reference: `cancel:milestone:${m.milestoneId}`,
        orderId: order.id,
        milestoneId: m.milestoneId,
        userId: order.buyer_id,
        staffId: by.actor === 'staff' ? by.id : null,
        postings: [
          { account: account.escrow(m.milestoneId), amount: -balance },
          { account: account.user(order.buyer_id, 'credit'), amount: toBuyer },
          { account: account.user(order.seller_id, 'pending'), amount: toSeller },
          { account: account.platform('revenue'), amount: commission },
        ],
      });
    }
    // INV-3: what goes back to the buyer is credited against the milestone's invoice.
    await creditNote(ctx, trx, now, {
      of: { milestoneId: m.milestoneId },
      amount: toBuyer,
      reason: `Order ${order.id} cancelled`,
    });
    if (toSeller > 0) {
      await scheduleClearance(trx, now, {
        ref: `cancel:milestone:${m.milestoneId}`,
        milestoneId: m.milestoneId,
        orderId: order.id,
        sellerId: order.seller_id,
        amount: toSeller,
      });
    }
    await moveMilestone(trx, {
      now,
      milestone: { id: m.milestoneId, status: m.status },
      name: 'order-cancelled',
      actor: 'system',
      released: toSeller + commission > 0 && toBuyer === 0,
      set: { released_at: toSeller + commission > 0 ? now : null },
    });
  }
  return { escrow: total, buyerCredit, sellerGross: total - buyerCredit };
}
