import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { Problem } from '../../http/problem.js';
import { payMilestone } from '../orders/service.js';
import { account, postEntry } from '../ledger/ledger.js';
import type { ChargePurpose } from './gateway.js';
import { recordGatewayRefund } from './repository.js';
import { parseGrossAmount, validSignature, type MidtransTransaction } from './midtrans.js';

export const invalidSignature = () =>
  new Problem({
    status: 401,
    slug: 'invalid-signature',
    title: 'Invalid signature',
    detail: 'The notification signature does not verify.',
  });

/**
 * A Midtrans HTTP notification: verified (signature_key), stored once per transaction id and status (a
 * repeat is answered and ignored), checked against the amount we charged, then applied: a settled bank
 * transfer pays its milestone through the same use case as a card (payMilestone); an expired, cancelled or
 * denied one leaves the milestone awaiting payment; a refund is matched with the refunds Pasar made, and
 * what Midtrans refunded beyond them is booked to `provider_refunds` for finance. All in
 * one transaction; what it did is kept with the notification (`outcome`).
 */
export async function receiveMidtransNotification(
  ctx: AppContext,
  serverKey: string,
  n: MidtransTransaction & { order_id: string; transaction_id: string; transaction_status: string },
): Promise<{ outcome: string }> {
  if (!validSignature(n, serverKey)) throw invalidSignature();
  // Each refund of a transaction is told with the same id and status and the refunded total so far: the
  // total keeps a second refund from passing for a repeat of the first.
  const refund = n.transaction_status === 'refund' || n.transaction_status === 'partial_refund';
  const statusKey = refund ? `${n.transaction_status}@${n.refund_amount ?? ''}` : n.transaction_status;
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const stored = await trx
      .insertInto('gateway_notifications')
      .values({
        provider: 'midtrans',
        transaction_id: n.transaction_id,
        transaction_status: statusKey,
        order_id: n.order_id,
        gross_amount: n.gross_amount ?? '',
        body: JSON.stringify(n),
        outcome: 'received',
        received_at: now,
      })
      .onConflict((oc) => oc.columns(['provider', 'transaction_id', 'transaction_status']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!stored) return { outcome: 'duplicate: already applied' };
    const outcome = await apply(ctx, trx, n);
    await trx.updateTable('gateway_notifications').set({ outcome }).where('id', '=', stored.id).execute();
    return { outcome };
  });
}

async function apply(
  ctx: AppContext,
  trx: Transaction<Database>,
  n: MidtransTransaction & { order_id: string; transaction_status: string },
): Promise<string> {
  const charge = await trx
    .selectFrom('gateway_transactions')
    .selectAll()
    .where('provider', '=', 'midtrans')
    .where('kind', '=', 'charge')
    .where('provider_order_id', '=', n.order_id)
    .forUpdate()
    .executeTakeFirst();
  if (!charge) return 'ignored: no charge with this order id';
  const gross = parseGrossAmount(n.gross_amount);
  // Refused and not stored: the genuine notification of this transaction and status still applies.
  if (gross !== charge.amount)
    throw new Problem({
      status: 422,
      slug: 'notification-amount-mismatch',
      title: 'Amount does not match the charge',
      detail:
        `gross_amount ${n.gross_amount ?? '-'} is not ` +
        `the Rp ${charge.amount} charged for ${n.order_id}.`,
    });
  const status = n.transaction_status;
  const fraudOk = n.fraud_status === undefined || n.fraud_status === 'accept';
  if (status === 'settlement' || (status === 'capture' && fraudOk)) {
    if (charge.status === 'succeeded') return 'ignored: already settled';
    if (charge.status !== 'pending') return `not applied: the charge is ${charge.status}`;
    const purpose = charge.purpose as ChargePurpose;
    if (purpose.type !== 'milestone' || !purpose.orderId || !purpose.milestoneId || !purpose.buyerId)
      return 'not applied: the charge pays nothing known';
    await sql`savepoint settle`.execute(trx);
    try {
      await payMilestone(ctx, trx, {
        userId: purpose.buyerId,
        orderId: purpose.orderId,
        milestoneId: purpose.milestoneId,
        payment: {
          type: 'transfer',
          reference: charge.reference,
        },
      });
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      // E.g. the buyer paid the milestone by card meanwhile: the transfer stays for reconciliation.
      await sql`rollback to savepoint settle`.execute(trx);
      return `not applied: ${e.detail ?? e.title}`;
    }
    await sql`release savepoint settle`.execute(trx);
    return `applied: settlement paid milestone ${purpose.milestoneId}`;
  }
  if (status === 'expire' || status === 'cancel' || status === 'deny' || status === 'failure') {
    if (charge.status !== 'pending') return `ignored: ${status} of a ${charge.status} charge`;
    await trx
      .updateTable('gateway_transactions')
      .set({ status: 'expired', failure: `${status} (Midtrans)` })
      .where('id', '=', charge.id)
      .execute();
    return `applied: ${status}, the milestone stays awaiting payment`;
  }
  if (status === 'refund' || status === 'partial_refund') {
    const refunded = await trx
      .selectFrom('gateway_transactions')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total'))
      .where('provider', '=', 'midtrans')
      .where('kind', '=', 'refund')
      .where(sql<string>`purpose->>'charge'`, '=', n.order_id)
      .executeTakeFirstOrThrow();
    const told = parseGrossAmount(n.refund_amount);
    const recorded = Number(refunded.total);
    if (told !== null && told > recorded) {
      // Refunded at Midtrans beyond what Pasar asked for (e.g. from its dashboard): that money has left the
      // provider. The ledger follows the provider and books the difference to `provider_refunds` for finance
      // to settle (recover it, or make it a refund of the order); the order and its escrow stay as they are.
      const extra = told - recorded;
      const reference = `provider-refund:${n.order_id}:${told}`;
      await postEntry(trx, ctx.clock.now(), {
        kind: 'provider-refund-unmatched',
        memo: `Refunded at Midtrans outside Pasar: Rp ${extra} of ${charge.reference}, for finance to settle`,
        memoKey: 'provider_refund',
        memoParams: { amount: extra, reference: charge.reference },
        reference,
        postings: [
          { account: account.platform('gateway'), amount: extra },
          { account: account.platform('provider_refunds'), amount: -extra },
        ],
      });
      await recordGatewayRefund(trx, {
        reference,
        amount: extra,
        at: ctx.clock.now(),
        transactionId: n.transaction_id ?? null,
        purpose: { charge: n.order_id, external: true },
      });
      return `applied: Rp ${extra} refunded at Midtrans outside Pasar, booked to platform:provider_refunds`;
    }
    if (told !== null && told < recorded)
      return `unmatched: Midtrans refunded Rp ${told}, Pasar recorded Rp ${recorded}`;
    return `applied: ${status} matches the refunds recorded`;
  }
  return `noted: ${status}`;
}
