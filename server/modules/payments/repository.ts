import type { Executor } from '../../../db/schema.js';

/**
 * A refund Midtrans made, as the gateway's record of it: one row per refunded charge, whether Pasar asked
 * for it (`refundKey`) or the provider's dashboard did (`external`); `purpose.charge` names the charge.
 */
export async function recordGatewayRefund(
  db: Executor,
  r: {
    reference: string;
    amount: number;
    at: Date;
    transactionId: string | null;
    purpose: { charge: string; refundKey?: string; external?: true };
  },
) {
  await db
    .insertInto('gateway_transactions')
    .values({
      reference: r.reference,
      kind: 'refund',
      amount: r.amount,
      fee: 0,
      status: 'succeeded',
      failure: null,
      created_at: r.at,
      provider: 'midtrans',
      provider_order_id: null,
      provider_transaction_id: r.transactionId,
      purpose: JSON.stringify(r.purpose),
    })
    .execute();
}

/** The latest daily comparison of the provider's transactions with the ledger (MNY-4), if one ran. */
export async function latestReconciliation(db: Executor) {
  return db
    .selectFrom('payment_reconciliations')
    .select(['provider', 'ran_at', 'checked', 'differences'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
