import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { settingsAt } from '../settings/repository.js';
import { account, postEntry, type AccountRef } from '../ledger/ledger.js';
import { invoicePayment } from '../invoices/service.js';
import { providerFee } from './gateway.js';

export type PaymentSource =
  | { type: 'card'; token: string }
  | { type: 'credit' }
  | { type: 'earnings' }
  /** A bank transfer the provider notified as settled (its pending charge `reference`). */
  | { type: 'transfer'; reference: string };

export interface Collection {
  source: PaymentSource;
  payerId: number;
  amount: number;
  /** Where the money goes (an escrow, a seller's pending account). */
  to: AccountRef;
  /** Entry kind for the card case; balance payments get `-credit` / `-earnings` appended. */
  kind: string;
  memo: string;
  /** The memo's key and parameters for the console (`enums.memo.<key>`); the source is added as `source`. */
  memoKey?: string;
  memoParams?: Record<string, string | number>;
  /** Unique per payment: the gateway's idempotency reference and the entry's. */
  reference: string;
  orderId?: number;
  milestoneId?: number;
  /** The user the entry is about (shown in their history). */
  userId?: number;
}

/**
 * Takes a buyer's money: by card through the gateway (with the provider fee as its own
 * entry, MNY-3 fees_payment), or from their credit or earnings balance. Inside the caller's
 * transaction; a declined card throws before anything is written.
 */
export async function collectPayment(
  ctx: AppContext,
  trx: Transaction<Database>,
  now: Date,
  c: Collection,
): Promise<{ fee: number }> {
  const taken = await take(ctx, trx, now, c);
  // INV-2: every payment has its invoice, numbered in this transaction.
  await invoicePayment(ctx, trx, now, {
    payerId: c.payerId,
    amount: c.amount,
    source: c.source.type,
    reference: c.reference,
    kind: c.kind,
    memo: c.memo,
    orderId: c.orderId,
    milestoneId: c.milestoneId,
  });
  return taken;
}

async function take(
  ctx: AppContext,
  trx: Transaction<Database>,
  now: Date,
  c: Collection,
): Promise<{ fee: number }> {
  const common = { orderId: c.orderId, milestoneId: c.milestoneId, userId: c.userId };
  if (c.source.type === 'credit' || c.source.type === 'earnings') {
    const from = c.source.type === 'credit' ? 'credit' : 'available';
    await postEntry(trx, now, {
      ...common,
      kind: `${c.kind}-${c.source.type}`,
      memo: `${c.memo} (from ${c.source.type === 'credit' ? 'credit balance' : 'earnings'})`,
      ...(c.memoKey && { memoKey: c.memoKey, memoParams: { ...c.memoParams, source: c.source.type } }),
      reference: c.reference,
      postings: [
        { account: account.user(c.payerId, from), amount: -c.amount },
        { account: c.to, amount: c.amount },
      ],
    });
    return { fee: 0 };
  }
  const settings = await settingsAt(trx, now);
  const charge =
    c.source.type === 'transfer'
      ? await settleTransfer(trx, c.source.reference, c.amount, settings)
      : await ctx.gateway.charge(trx, {
          reference: `charge:${c.reference}`,
          amount: c.amount,
          source: c.source.token,
          now,
          feeBp: settings.payment_fee_bp,
          feeFixed: settings.payment_fee_fixed,
          purpose: { orderId: c.orderId, milestoneId: c.milestoneId, buyerId: c.payerId },
        });
  await postEntry(trx, now, {
    ...common,
    kind: c.kind,
    memo: `${c.memo} (${c.source.type === 'transfer' ? 'bank transfer' : 'card'})`,
    ...(c.memoKey && { memoKey: c.memoKey, memoParams: { ...c.memoParams, source: c.source.type } }),
    reference: c.reference,
    postings: [
      { account: account.platform('gateway'), amount: -c.amount },
      { account: c.to, amount: c.amount },
    ],
  });
  await postEntry(trx, now, {
    ...common,
    userId: null,
    kind: 'payment-fee',
    memo: `Payment provider fee on ${charge.reference}`,
    memoKey: 'payment_fee',
    memoParams: { reference: charge.reference },
    reference: `fee:${charge.reference}`,
    postings: [
      { account: account.platform('fees_payment'), amount: charge.fee },
      { account: account.platform('gateway'), amount: -charge.fee },
    ],
  });
  return { fee: charge.fee };
}

/** A settled virtual-account charge: marked succeeded with the provider fee, once. */
async function settleTransfer(
  trx: Transaction<Database>,
  reference: string,
  amount: number,
  settings: { payment_fee_bp: number; payment_fee_fixed: number },
) {
  const fee = providerFee(amount, settings.payment_fee_bp, settings.payment_fee_fixed);
  const row = await trx
    .updateTable('gateway_transactions')
    .set({ status: 'succeeded', fee })
    .where('reference', '=', reference)
    .where('status', '=', 'pending')
    .where('amount', '=', amount)
    .returning('reference')
    .executeTakeFirst();
  if (!row) throw new Error(`no pending transfer ${reference} of ${amount}`);
  return { reference, amount, fee, replayed: false };
}
