import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';

/** One payment of a milestone as the buyer sees it on the order (REF-3). */
export interface ChargeView {
  /** The reference the buyer cites in a duplicate-charge refund request. */
  reference: string;
  amount: number;
  chargedAt: Date;
  method: 'card' | 'credit' | 'earnings';
  milestoneId: number;
  milestoneSeq: number;
  /** The other charge for the same milestone when the card was charged more than once (REF-3), else null. */
  duplicateOf: string | null;
}

/**
 * Every payment of the order's milestones. Card charges are read from the payment provider's
 * records (`gateway_transactions`), so a charge the provider took twice shows twice: the
 * provider files a repeated capture under the merchant reference with `#n` appended
 * (`charge:milestone:12#2`). The charge booked in our journal (`charge:<entry reference>`) is
 * the genuine one; any other charge for the same milestone duplicates it.
 */
export async function chargesOfOrder(db: Executor, orderId: number): Promise<ChargeView[]> {
  const { rows } = await sql<ChargeRow>`${chargeRowsSql(sql`${orderId}`)} order by 6, 3, 1`.execute(db);
  return chargeViews(rows);
}

/** A charge as `chargeRowsSql` selects it. */
export interface ChargeRow {
  reference: string;
  amount: number | string;
  charged_at: Date | string;
  method: ChargeView['method'];
  milestone_id: number;
  milestone_seq: number;
  booked_reference: string;
}

/**
 * The charges of the order `orderId` (a value or a column of an outer query) as rows of `ChargeRow`. A
 * provider's repeat (`#n`) is found through the index on the reference before its `#`, not by a scan of
 * every charge ever taken (issue #14).
 */
export function chargeRowsSql(orderId: RawBuilder<unknown>) {
  return sql`
    select g.reference, g.amount, g.created_at as charged_at, 'card' as method,
      m.id as milestone_id, m.seq as milestone_seq, 'charge:' || j.reference as booked_reference
    from journal_entries j
    join milestones m on m.id = j.milestone_id
    join gateway_transactions g on g.kind = 'charge' and g.status = 'succeeded'
      and split_part(g.reference, '#', 1) = split_part('charge:' || j.reference, '#', 1)
      and (g.reference = 'charge:' || j.reference or g.reference like 'charge:' || j.reference || '#%')
    where j.order_id = ${orderId} and j.kind = 'milestone-payment'
    union all
    select j.reference, m.amount, j.at, substr(j.kind, length('milestone-payment-') + 1),
      m.id, m.seq, j.reference
    from journal_entries j
    join milestones m on m.id = j.milestone_id
    where j.order_id = ${orderId} and j.kind in ('milestone-payment-credit', 'milestone-payment-earnings')`;
}

/** REF-3: each charge with the one it duplicates; `rows` in milestone, time and reference order. */
export function chargeViews(rows: ChargeRow[]): ChargeView[] {
  return rows.map((r) => {
    const others = rows.filter((o) => o.milestone_id === r.milestone_id && o.reference !== r.reference);
    return {
      reference: r.reference,
      amount: Number(r.amount),
      chargedAt: new Date(r.charged_at),
      method: r.method,
      milestoneId: r.milestone_id,
      milestoneSeq: r.milestone_seq,
      duplicateOf:
        others.length === 0
          ? null
          : r.reference === r.booked_reference
            ? others[0]!.reference
            : r.booked_reference,
    };
  });
}

/** The buyer's own card charge `reference`, with the other charges for its milestone (REF-3). */
export async function chargeOfBuyer(db: Executor, buyerId: number, reference: string) {
  const hit = await db
    .selectFrom('gateway_transactions')
    .select('reference')
    .where('reference', '=', reference)
    .where('kind', '=', 'charge')
    .where('status', '=', 'succeeded')
    .executeTakeFirst();
  if (!hit) return null;
  const booked = reference.replace(/#\d+$/, '').replace(/^charge:/, '');
  const entry = await db
    .selectFrom('journal_entries')
    .innerJoin('orders', 'orders.id', 'journal_entries.order_id')
    .select(['orders.id as orderId', ...camel('orders.buyer_id', 'journal_entries.milestone_id')])
    .where('journal_entries.reference', '=', booked)
    .where('journal_entries.kind', '=', 'milestone-payment')
    .executeTakeFirst();
  if (entry?.buyerId !== buyerId || entry.milestoneId === null) return null;
  const charges = (await chargesOfOrder(db, entry.orderId)).filter(
    (c) => c.method === 'card' && c.milestoneId === entry.milestoneId,
  );
  const charge = charges.find((c) => c.reference === reference);
  return charge ? { orderId: entry.orderId, charge, sameMilestone: charges } : null;
}
