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

/** A bank-transfer charge waiting for the buyer's transfer into a virtual account. */
export interface VirtualAccount {
  reference: string;
  amount: number;
  bank: string;
  vaNumber: string;
  expiresAt: Date | null;
}

/** The banks whose virtual accounts a buyer may pay into (Midtrans Core API `bank_transfer.bank`). */
export const VA_BANKS = ['bca', 'bni', 'bri', 'permata'] as const;

/** What a charge pays for, kept with it: a refund finds the order's charges, a settlement its milestone. */
export interface ChargePurpose {
  type?: 'milestone';
  orderId?: number;
  milestoneId?: number;
  buyerId?: number;
}

export interface PaymentGateway {
  /** Takes `amount` from the buyer's card (`source`); answers the provider's fee. */
  charge(
    db: Executor,
    input: {
      reference: string;
      amount: number;
      source: string;
      now: Date;
      feeBp: number;
      feeFixed: number;
      purpose?: ChargePurpose;
    },
  ): Promise<GatewayResult>;
  /** Sends money back to the card of an earlier charge (of `orderId`, where the provider needs to know). */
  refund(
    db: Executor,
    input: { reference: string; amount: number; now: Date; orderId?: number },
  ): Promise<GatewayResult>;
  /**
   * Bank transfer: opens a virtual account for `amount`; the charge stays pending until the provider
   * notifies its settlement. Absent when the provider offers no bank transfer (the sandbox).
   */
  openVirtualAccount?(
    db: Executor,
    input: { reference: string; amount: number; bank: string; now: Date; purpose: ChargePurpose },
  ): Promise<VirtualAccount>;
  /** Pays a seller out to a bank account or e-wallet. */
  payout(
    db: Executor,
    input: { reference: string; amount: number; destination: string; now: Date },
  ): Promise<GatewayResult>;
}

export class PaymentDeclined extends Problem {
  constructor(detail: string) {
    super({ status: 402, slug: 'payment-declined', title: 'Payment declined', detail });
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
    r: {
      kind: 'charge' | 'refund' | 'payout';
      reference: string;
      amount: number;
      fee: number;
      now: Date;
      decline: string | null;
    },
  ): Promise<GatewayResult> {
    const { kind, reference, amount, fee, now } = r;
    let decline = r.decline;
    // Issue #14: a new reference that will succeed is written in one statement; the reference's earlier
    // record, if any, is read only when that insert finds one (or before a decline).
    if (!decline && this.failures === 0 && this.duplicates === 0) {
      const inserted = await db
        .insertInto('gateway_transactions')
        .values({ reference, kind, amount, fee, status: 'succeeded', failure: null, created_at: now })
        .onConflict((oc) => oc.column('reference').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return { reference, amount, fee, replayed: false };
    }
    const existing = await db
      .selectFrom('gateway_transactions')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirst();
    if (existing) {
      if (existing.kind !== kind || existing.amount !== amount)
        throw new Problem({
          status: 409,
          slug: 'gateway-reference-reused',
          title: 'Payment reference reused',
          detail: `Reference ${reference} was used for another ${existing.kind}.`,
        });
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
    return this.record(db, {
      kind: 'charge',
      reference: i.reference,
      amount: i.amount,
      fee: providerFee(i.amount, i.feeBp, i.feeFixed),
      now: i.now,
      decline,
    });
  }

  refund(db: Executor, i: Parameters<PaymentGateway['refund']>[1]) {
    return this.record(db, {
      kind: 'refund',
      reference: i.reference,
      amount: i.amount,
      fee: 0,
      now: i.now,
      decline: null,
    });
  }

  payout(db: Executor, i: Parameters<PaymentGateway['payout']>[1]) {
    return this.record(db, {
      kind: 'payout',
      reference: i.reference,
      amount: i.amount,
      fee: 0,
      now: i.now,
      decline: null,
    });
  }
}
