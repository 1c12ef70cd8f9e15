import type { Executor } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';
import { basisPoints } from '../../money.js';

/**
 * The payment provider. Every call carries the caller's reference, which the provider
 * treats as an idempotency key: the same reference twice is one charge (MNY-5).
 */
export interface GatewayResult {
  reference: string;
  amount: number;
  fee: number;
  replayed: boolean;
}

export interface PaymentGateway {
  /** Takes `amount` from the buyer's card (`source`); answers the provider's fee. */
  charge(
    db: Executor,
    input: { reference: string; amount: number; source: string; now: Date; feeBp: number; feeFixed: number },
  ): Promise<GatewayResult>;
  /** Sends money back to the card of an earlier charge. */
  refund(db: Executor, input: { reference: string; amount: number; now: Date }): Promise<GatewayResult>;
  /** Pays a seller out to a bank account or e-wallet. */
  payout(
    db: Executor,
    input: { reference: string; amount: number; destination: string; now: Date },
  ): Promise<GatewayResult>;
}

export class PaymentDeclined extends Problem {
  constructor(detail: string) {
    super(402, 'payment-declined', 'Payment declined', detail);
  }
}

/** Card sources the sandbox understands: any `tok_…`; `tok_declined` is always declined. */
export const SANDBOX_DECLINED_SOURCE = 'tok_declined';

/** Provider fee: percentage (basis points, rounded half up) plus a fixed part. Integers only (MNY-1). */
export function providerFee(amount: number, feeBp: number, feeFixed: number): number {
  return basisPoints(amount, feeBp) + feeFixed;
}

/**
 * The sandbox provider: records its transactions in `gateway_transactions` (what a real
 * provider keeps on its side), charges a realistic fee, and can be told to fail: a
 * `tok_declined` source, or `failNext()` for the next call of any kind.
 */
export class SandboxGateway implements PaymentGateway {
  private failures = 0;
  private duplicates = 0;

  failNext(count = 1): void {
    this.failures += count;
  }

  /**
   * The next successful charge is captured twice, as a faulty provider might: the repeat is filed
   * under the same reference with `#2` appended and never reaches our books (REF-3).
   */
  duplicateNextCharge(): void {
    this.duplicates++;
  }

  private async record(
    db: Executor,
    kind: 'charge' | 'refund' | 'payout',
    reference: string,
    amount: number,
    fee: number,
    now: Date,
    decline: string | null,
  ): Promise<GatewayResult> {
    const existing = await db
      .selectFrom('gateway_transactions')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirst();
    if (existing) {
      if (existing.kind !== kind || existing.amount !== amount)
        throw new Problem(
          409,
          'gateway-reference-reused',
          'Payment reference reused',
          `Reference ${reference} was used for another ${existing.kind}.`,
        );
      if (existing.status === 'failed') throw new PaymentDeclined(existing.failure ?? 'declined');
      return { reference, amount, fee: existing.fee, replayed: true };
    }
    if (this.failures > 0) {
      this.failures--;
      decline = 'The payment provider is unavailable (sandbox failure).';
    }
    if (decline) throw new PaymentDeclined(decline);
    await db
      .insertInto('gateway_transactions')
      .values({ reference, kind, amount, fee, status: 'succeeded', failure: null, created_at: now })
      .execute();
    if (kind === 'charge' && this.duplicates > 0) {
      this.duplicates--;
      await db
        .insertInto('gateway_transactions')
        .values({
          reference: `${reference}#2`,
          kind,
          amount,
          fee,
          status: 'succeeded',
          failure: null,
          created_at: now,
        })
        .execute();
    }
    return { reference, amount, fee, replayed: false };
  }

  charge(db: Executor, i: Parameters<PaymentGateway['charge']>[1]) {
    const decline =
      i.source === SANDBOX_DECLINED_SOURCE ? 'The card was declined (sandbox card tok_declined).' : null;
    return this.record(
      db,
      'charge',
      i.reference,
      i.amount,
      providerFee(i.amount, i.feeBp, i.feeFixed),
      i.now,
      decline,
    );
  }

  refund(db: Executor, i: Parameters<PaymentGateway['refund']>[1]) {
    return this.record(db, 'refund', i.reference, i.amount, 0, i.now, null);
  }

  payout(db: Executor, i: Parameters<PaymentGateway['payout']>[1]) {
    return this.record(db, 'payout', i.reference, i.amount, 0, i.now, null);
  }
}
