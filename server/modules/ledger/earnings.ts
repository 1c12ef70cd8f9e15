import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import { account, accountBalance, userBalances } from './ledger.js';
import { sellerShare } from '../orders/rules.js';

/**
 * CLR-3: a seller's earnings by status, all summed from postings (never from flags):
 * pending clearance, cleared, withdrawn, used for purchases, refunded/cancelled, and the
 * expected earnings of orders with money in escrow.
 */
export async function earnings(db: Executor, userId: number) {
  const balances = await userBalances(db, userId);
  const rows = await sql<{ kind: string; account: string; amount: number }>`
    select e.kind, a.kind as account, sum(p.amount)::bigint as amount
    from postings p join ledger_accounts a on a.id = p.account_id join journal_entries e on e.id = p.entry_id
    where a.user_id = ${userId} and a.kind in ('pending', 'available', 'withdrawing')
    group by e.kind, a.kind`.execute(db);
  const sum = (pred: (r: { kind: string; account: string; amount: number }) => boolean) =>
    rows.rows.filter(pred).reduce((a, r) => a + r.amount, 0);
  const earned = sum(
    (r) =>
      r.account === 'pending' && r.amount > 0 && (r.kind === 'escrow-release' || r.kind.startsWith('tip')),
  );
  const tips = sum((r) => r.account === 'pending' && r.kind.startsWith('tip'));
  const cleared = sum(
    (r) => r.account === 'available' && (r.kind === 'clearance' || r.kind === 'clearance-reversal'),
  );
  const withdrawn = -sum((r) => r.account === 'withdrawing' && r.kind === 'withdrawal-paid');
  const usedForPurchases = -sum((r) => r.account === 'available' && r.kind === 'milestone-payment-earnings');
  // Every entry that takes earnings back for a refund or cancellation, support's REF-6 refund of a
  // completed order ('support-refund-completed') included.
  const refundedOrCancelled = -sum(
    (r) => (r.account === 'pending' || r.account === 'available') && /refund|cancel/.test(r.kind),
  );
  const expectedRows = await db
    .selectFrom('milestones')
    .innerJoin('orders', 'orders.id', 'milestones.order_id')
    .select(['milestones.id', 'orders.commission_bp', 'orders.status'])
    .where('orders.seller_id', '=', userId)
    .where('milestones.status', 'in', ['in_escrow', 'delivered'])
    .execute();
  // What each milestone's escrow holds now, not its price: a partial refund has taken the rest back.
  const held = new Map<number, number>();
  for (const r of expectedRows) held.set(r.id, await accountBalance(db, account.escrow(r.id)));
  const expectedActive = expectedRows
    .filter((r) => r.status === 'in_progress')
    .reduce((a, r) => a + sellerShare(held.get(r.id)!, r.commission_bp), 0);
  const expectedDelivered = expectedRows
    .filter((r) => r.status === 'delivered')
    .reduce((a, r) => a + sellerShare(held.get(r.id)!, r.commission_bp), 0);
  return {
    pendingClearance: balances.pending,
    available: balances.available,
    withdrawing: balances.withdrawing,
    earned,
    tips,
    cleared,
    withdrawn,
    usedForPurchases,
    refundedOrCancelled,
    expected: {
      activeOrders: expectedActive,
      deliveredOrders: expectedDelivered,
      total: expectedActive + expectedDelivered,
    },
  };
}
