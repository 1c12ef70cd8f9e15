import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, Executor } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';
import { recordGatewayRefund } from './repository.js';
import {
  PaymentDeclined,
  providerFee,
  type ChargePurpose,
  type GatewayResult,
  type PaymentGateway,
  type VirtualAccount,
} from './gateway.js';

export interface MidtransSettings {
  serverKey: string;
  /** `https://api.sandbox.midtrans.com` (default) or `https://api.midtrans.com`. */
  baseUrl: string;
}

/** The fields of a Midtrans transaction (charge and status answers, HTTP notifications) that Pasar reads. */
export interface MidtransTransaction {
  status_code: string;
  status_message?: string;
  transaction_id?: string;
  order_id?: string;
  gross_amount?: string;
  payment_type?: string;
  transaction_status?: string;
  fraud_status?: string;
  signature_key?: string;
  va_numbers?: { bank: string; va_number: string }[];
  permata_va_number?: string;
  expiry_time?: string;
  refund_amount?: string;
}

export const providerUnavailable = (detail: string) =>
  new Problem({
    status: 503,
    slug: 'payment-provider-unavailable',
    title: 'Payment provider unavailable',
    detail,
    extra: {},
    headers: {
      'Retry-After': '30',
    },
  });

/** Midtrans `gross_amount` ("150000.00") as whole rupiah, or null when it is not a whole amount. */
export function parseGrossAmount(gross: string | undefined): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(gross ?? '');
  if (!m || (m[2] && Number(m[2]) !== 0)) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : null;
}

/** SHA512(order_id + status_code + gross_amount + server key), hex: how Midtrans signs a notification. */
export function midtransSignature(
  t: { order_id?: string; status_code?: string; gross_amount?: string },
  serverKey: string,
): string {
  return createHash('sha512')
    .update(`${t.order_id ?? ''}${t.status_code ?? ''}${t.gross_amount ?? ''}${serverKey}`)
    .digest('hex');
}

export function validSignature(t: MidtransTransaction, serverKey: string): boolean {
  const expected = Buffer.from(midtransSignature(t, serverKey));
  const given = Buffer.from(t.signature_key ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Midtrans order ids allow letters, digits, `-`, `_`, `~` and `.`; each attempt gets its own. */
function orderIdFor(reference: string): string {
  return `${reference.replace(/[^\w.~-]/g, '-').slice(0, 40)}-${randomBytes(4).toString('hex')}`;
}

/**
 * The Midtrans Core API (PAYMENT_GATEWAY=midtrans): card charges with a token from Midtrans' card form,
 * bank-transfer virtual accounts, refunds and status look-ups, authenticated with the server key (HTTP basic,
 * key as user name). Every call is also recorded in `gateway_transactions` with Midtrans' order and
 * transaction ids, so a retry with the same reference replays instead of charging twice (MNY-5) and the
 * daily reconciliation can ask Midtrans about each. Payouts to sellers are not a Core API call (they go
 * through Midtrans Iris or the bank): they are recorded as the finance team pays them.
 */
export class MidtransGateway implements PaymentGateway {
  /**
   * `attempts`: the application's own connection pool, outside any use case's transaction, where each
   * charge is noted before it is asked for (MNY-4: a rolled-back payment is still found by the
   * reconciliation). Absent on the embedded database, whose one connection the use case holds.
   */
  constructor(
    private readonly settings: MidtransSettings,
    private readonly attempts?: Kysely<Database>,
  ) {}

  /** Notes a charge about to be asked for, committed at once, whatever the caller's transaction does. */
  private async noteAttempt(a: {
    orderId: string;
    reference: string;
    kind: 'card' | 'virtual_account';
    amount: number;
    now: Date;
  }) {
    const { orderId, reference, kind, amount, now } = a;
    await this.attempts
      ?.insertInto('gateway_attempts')
      .values({ provider_order_id: orderId, provider: 'midtrans', reference, kind, amount, created_at: now })
      .onConflict((oc) => oc.column('provider_order_id').doNothing())
      .execute();
  }

  async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<MidtransTransaction> {
    let res: Response;
    try {
      res = await fetch(`${this.settings.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${this.settings.serverKey}:`).toString('base64')}`,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (e) {
      throw Object.assign(providerUnavailable('Midtrans could not be reached; nothing was charged.'), {
        cause: e,
      });
    }
    if (res.status >= 500) throw providerUnavailable(`Midtrans answered ${res.status}; nothing was charged.`);
    const json = (await res.json().catch(() => null)) as MidtransTransaction | null;
    if (!json || typeof json.status_code !== 'string')
      throw providerUnavailable(`Midtrans answered ${res.status} without a transaction.`);
    return json;
  }

  /** GET /v2/{order_id}/status. */
  status(orderId: string): Promise<MidtransTransaction> {
    return this.request('GET', `/v2/${encodeURIComponent(orderId)}/status`);
  }

  private async existing(
    db: Executor,
    reference: string,
    kind: 'charge' | 'refund' | 'payout',
    amount: number,
  ) {
    const row = await db
      .selectFrom('gateway_transactions')
      .selectAll()
      .where('reference', '=', reference)
      .executeTakeFirst();
    if (!row) return null;
    if (row.kind !== kind || row.amount !== amount)
      throw new Problem({
        status: 409,
        slug: 'gateway-reference-reused',
        title: 'Payment reference reused',
        detail: `Reference ${reference} was used for another ${row.kind}.`,
      });
    return row;
  }

  async charge(db: Executor, i: Parameters<PaymentGateway['charge']>[1]): Promise<GatewayResult> {
    const found = await this.existing(db, i.reference, 'charge', i.amount);
    if (found?.status === 'succeeded')
      return { reference: i.reference, amount: i.amount, fee: found.fee, replayed: true };
    if (found) throw new PaymentDeclined('This payment is waiting for a bank transfer.');
    const orderId = orderIdFor(i.reference);
    await this.noteAttempt({ orderId, reference: i.reference, kind: 'card', amount: i.amount, now: i.now });
    const t = await this.request('POST', '/v2/charge', {
      payment_type: 'credit_card',
      transaction_details: { order_id: orderId, gross_amount: i.amount },
      credit_card: { token_id: i.source, authentication: false },
    });
    const captured =
      t.status_code === '200' &&
      (t.transaction_status === 'capture' || t.transaction_status === 'settlement') &&
      (t.fraud_status === undefined || t.fraud_status === 'accept');
    if (!captured)
      throw new PaymentDeclined(`The card was not charged: ${t.status_message ?? t.status_code}.`);
    if (parseGrossAmount(t.gross_amount) !== i.amount)
      throw providerUnavailable(`Midtrans charged ${t.gross_amount} instead of ${i.amount}.`);
    const fee = providerFee(i.amount, i.feeBp, i.feeFixed);
    await db
      .insertInto('gateway_transactions')
      .values({
        reference: i.reference,
        kind: 'charge',
        amount: i.amount,
        fee,
        status: 'succeeded',
        failure: null,
        created_at: i.now,
        provider: 'midtrans',
        provider_order_id: orderId,
        provider_transaction_id: t.transaction_id ?? null,
        purpose: JSON.stringify(i.purpose ?? {}),
      })
      .execute();
    return { reference: i.reference, amount: i.amount, fee, replayed: false };
  }

  async openVirtualAccount(
    db: Executor,
    i: { reference: string; amount: number; bank: string; now: Date; purpose: ChargePurpose },
  ): Promise<VirtualAccount> {
    const found = await this.existing(db, i.reference, 'charge', i.amount);
    if (found?.status === 'pending' && found.va_number && found.va_bank === i.bank)
      return {
        reference: i.reference,
        amount: i.amount,
        bank: found.va_bank,
        vaNumber: found.va_number,
        expiresAt: found.expires_at,
      };
    if (found?.status === 'succeeded')
      throw new Problem({
        status: 409,
        slug: 'milestone-already-paid',
        title: 'Already paid',
        detail: 'This payment was already settled.',
      });
    const orderId = orderIdFor(i.reference);
    await this.noteAttempt({
      orderId,
      reference: i.reference,
      kind: 'virtual_account',
      amount: i.amount,
      now: i.now,
    });
    const t = await this.request('POST', '/v2/charge', {
      payment_type: 'bank_transfer',
      transaction_details: { order_id: orderId, gross_amount: i.amount },
      bank_transfer: { bank: i.bank },
    });
    const vaNumber = t.va_numbers?.[0]?.va_number ?? t.permata_va_number;
    if (t.status_code !== '201' || t.transaction_status !== 'pending' || !vaNumber)
      throw new PaymentDeclined(`No virtual account was opened: ${t.status_message ?? t.status_code}.`);
    const expiresAt = t.expiry_time ? jakartaTime(t.expiry_time) : null;
    const values = {
      reference: i.reference,
      kind: 'charge' as const,
      amount: i.amount,
      fee: 0,
      status: 'pending' as const,
      failure: null,
      created_at: i.now,
      provider: 'midtrans',
      provider_order_id: orderId,
      provider_transaction_id: t.transaction_id ?? null,
      va_bank: i.bank,
      va_number: vaNumber,
      expires_at: expiresAt,
      purpose: JSON.stringify(i.purpose),
    };
    // An expired or other-bank account of the same payment is replaced by the new one.
    if (found) await db.updateTable('gateway_transactions').set(values).where('id', '=', found.id).execute();
    else await db.insertInto('gateway_transactions').values(values).execute();
    return { reference: i.reference, amount: i.amount, bank: i.bank, vaNumber, expiresAt };
  }

  async refund(db: Executor, i: Parameters<PaymentGateway['refund']>[1]): Promise<GatewayResult> {
    const found = await this.existing(db, i.reference, 'refund', i.amount);
    if (found) return { reference: i.reference, amount: i.amount, fee: 0, replayed: true };
    if (i.orderId === undefined)
      throw new Problem({
        status: 409,
        slug: 'refund-without-charge',
        title: 'No card charge to refund',
        detail: 'The refund names no order.',
      });
    // The order's settled card charges, newest first, less what was refunded from each already.
    const charges = await db
      .selectFrom('gateway_transactions')
      .select(['provider_order_id', 'amount'])
      .where('provider', '=', 'midtrans')
      .where('kind', '=', 'charge')
      .where('status', '=', 'succeeded')
      .where(sql<string>`purpose->>'orderId'`, '=', String(i.orderId))
      .orderBy('id', 'desc')
      .execute();
    const refunded = await db
      .selectFrom('gateway_transactions')
      .select(['amount', 'purpose'])
      .where('provider', '=', 'midtrans')
      .where('kind', '=', 'refund')
      .execute();
    let left = i.amount;
    const parts: { orderId: string; amount: number }[] = [];
    for (const c of charges) {
      if (!c.provider_order_id || left === 0) continue;
      const done = refunded
        .filter((r) => (r.purpose as { charge?: string }).charge === c.provider_order_id)
        .reduce((a, r) => a + r.amount, 0);
      const take = Math.min(left, c.amount - done);
      if (take <= 0) continue;
      parts.push({ orderId: c.provider_order_id, amount: take });
      left -= take;
    }
    if (left > 0)
      throw new Problem({
        status: 409,
        slug: 'refund-exceeds-charges',
        title: 'Refund exceeds the card charges',
        detail: `Rp ${left} of this refund has no card charge at Midtrans to go back to.`,
      });
    for (const [n, part] of parts.entries()) {
      const key = `${i.reference.replace(/[^\w-]/g, '-').slice(0, 40)}-${n}`;
      const t = await this.request('POST', `/v2/${encodeURIComponent(part.orderId)}/refund`, {
        refund_key: key,
        amount: part.amount,
        reason: i.reference,
      });
      if (t.status_code !== '200')
        throw new Problem({
          status: 502,
          slug: 'refund-refused',
          title: 'Refund refused by the payment provider',
          detail: `Midtrans refused the refund: ${t.status_message ?? t.status_code}.`,
        });
      await recordGatewayRefund(db, {
        reference: parts.length === 1 ? i.reference : `${i.reference}#${n}`,
        amount: part.amount,
        at: i.now,
        transactionId: t.transaction_id ?? null,
        purpose: { charge: part.orderId, refundKey: key },
      });
    }
    return { reference: i.reference, amount: i.amount, fee: 0, replayed: false };
  }

  async payout(db: Executor, i: Parameters<PaymentGateway['payout']>[1]): Promise<GatewayResult> {
    const found = await this.existing(db, i.reference, 'payout', i.amount);
    if (found) return { reference: i.reference, amount: i.amount, fee: 0, replayed: true };
    await db
      .insertInto('gateway_transactions')
      .values({
        reference: i.reference,
        kind: 'payout',
        amount: i.amount,
        fee: 0,
        status: 'succeeded',
        failure: null,
        created_at: i.now,
        provider: 'bank',
      })
      .execute();
    return { reference: i.reference, amount: i.amount, fee: 0, replayed: false };
  }
}

/** Midtrans writes times as `2026-11-24 10:00:00` in Jakarta (UTC+7). */
function jakartaTime(s: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(s);
  return m ? new Date(`${m[1]}T${m[2]}+07:00`) : null;
}
