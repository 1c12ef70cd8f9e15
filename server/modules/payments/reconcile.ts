import type { Executor } from '../../../db/schema.js';
import { scheduleJob } from '../../jobs/jobs.js';
import { nextDailyAt } from '../../time/business-days.js';
import { parseGrossAmount, type MidtransGateway } from './midtrans.js';

export const JOB_PAYMENT_RECONCILE = 'payments.reconcile';

export interface PaymentDifference {
  reference: string;
  providerOrderId: string;
  ours: string;
  provider: string;
  problem: string;
}

/** Midtrans' status of an order: its transaction and the status word (`unknown` when it has none). */
async function providerStatus(gateway: MidtransGateway, orderId: string) {
  const t = await gateway.status(orderId);
  return { t, theirs: t.status_code === '404' ? 'unknown' : (t.transaction_status ?? t.status_code) };
}

/** How far back each daily run asks the provider about our charges. */
const WINDOW_DAYS = 35;

/**
 * MNY-4 against the provider: every Midtrans charge of the last weeks is looked up (GET
 * /v2/{order_id}/status)
 * and compared with our record and the ledger: a transfer settled there but not here, a charge here that
 * Midtrans does not know or did not capture, another amount, or a captured charge without its journal entry
 * (posted from gateway), and a charge asked for whose payment then rolled back (gateway_attempts) but that
 * Midtrans captured. The differences are stored and shown on the finance dashboard.
 */
export async function reconcilePayments(
  db: Executor,
  gateway: MidtransGateway,
  now: Date,
): Promise<{ checked: number; differences: PaymentDifference[] }> {
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const ours = await db
    .selectFrom('gateway_transactions')
    .select(['reference', 'provider_order_id', 'amount', 'status'])
    .where('provider', '=', 'midtrans')
    .where('kind', '=', 'charge')
    .where('created_at', '>=', since)
    .orderBy('id')
    .execute();
  const differences: PaymentDifference[] = [];
  for (const row of ours) {
    if (!row.provider_order_id) continue;
    const { t, theirs } = await providerStatus(gateway, row.provider_order_id);
    const captured = theirs === 'settlement' || theirs === 'capture';
    const diff = (problem: string) =>
      differences.push({
        reference: row.reference,
        providerOrderId: row.provider_order_id!,
        ours: `${row.status} Rp ${row.amount}`,
        provider: `${theirs}${t.gross_amount ? ` ${t.gross_amount}` : ''}`,
        problem,
      });
    if (t.status_code !== '404' && parseGrossAmount(t.gross_amount) !== row.amount) {
      diff('amounts differ');
      continue;
    }
    if (captured && row.status !== 'succeeded') diff('paid at the provider, not in the ledger');
    else if (!captured && row.status === 'succeeded' && !['refund', 'partial_refund'].includes(theirs))
      diff('in the ledger, not captured at the provider');
    if (row.status === 'succeeded') {
      const entry = await db
        .selectFrom('journal_entries')
        .select('id')
        .where('reference', '=', row.reference.replace(/^charge:/, ''))
        .executeTakeFirst();
      if (!entry) diff('charged, but no journal entry');
    }
  }
  // Charges asked of Midtrans whose payment rolled back (no record here): was the order charged after all?
  // Only notes older than a quarter of an hour, so a payment still on its way is not counted.
  const orphans = await db
    .selectFrom('gateway_attempts')
    .leftJoin(
      'gateway_transactions',
      'gateway_transactions.provider_order_id',
      'gateway_attempts.provider_order_id',
    )
    .select([
      'gateway_attempts.provider_order_id as orderId',
      'gateway_attempts.reference',
      'gateway_attempts.amount',
    ])
    .where('gateway_attempts.provider', '=', 'midtrans')
    .where('gateway_attempts.created_at', '>=', since)
    .where('gateway_attempts.created_at', '<', new Date(now.getTime() - 15 * 60_000))
    .where('gateway_transactions.id', 'is', null)
    .orderBy('gateway_attempts.created_at')
    .execute();
  for (const a of orphans) {
    const { t, theirs } = await providerStatus(gateway, a.orderId);
    if (theirs === 'settlement' || theirs === 'capture')
      differences.push({
        reference: a.reference,
        providerOrderId: a.orderId,
        ours: `no payment Rp ${a.amount}`,
        provider: `${theirs}${t.gross_amount ? ` ${t.gross_amount}` : ''}`,
        problem:
          'charged at the provider, but Pasar has no payment for it (rolled back or' +
          ' replaced): refund it there',
      });
  }
  await db
    .insertInto('payment_reconciliations')
    .values({
      provider: 'midtrans',
      ran_at: now,
      checked: ours.length + orphans.length,
      differences: JSON.stringify(differences),
    })
    .execute();
  return { checked: ours.length + orphans.length, differences };
}

/** Daily at 03:00 in Jakarta (20:00 UTC), once whatever the number of instances. */
export async function scheduleNextPaymentReconciliation(db: Executor, now: Date): Promise<void> {
  const next = nextDailyAt(now, 20);
  await scheduleJob(db, now, {
    kind: JOB_PAYMENT_RECONCILE,
    runAt: next,
    dedupeKey: `payments-reconcile:${next.toISOString().slice(0, 10)}`,
  });
}
