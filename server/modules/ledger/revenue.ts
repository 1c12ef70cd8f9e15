import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';

/**
 * INV-4: the monthly revenue report, drawn from the ledger's postings (never from the orders), so it
 * agrees with the trial balance by construction.
 */
export const REVENUE_LINES = [
  'commission',
  'retainedMarketplaceFees',
  'retainedPaymentFees',
  'arbitrationFees',
  'revenueTotal',
  'paymentProviderFees',
  'refundsToCard',
  'refundsToCredit',
  'payouts',
  'heldNet',
  'heldBalance',
] as const;
export type RevenueLine = (typeof REVENUE_LINES)[number];
export type RevenueMonth = { month: string } & Record<RevenueLine, number>;

const REFUNDS = new Set([
  'refund-to-source',
  'refund-to-credit',
  'refund-credit-to-source',
  'refund-duplicate-charge',
  'support-refund-completed',
]);
const COMMISSION = new Set(['escrow-release', 'cancellation', 'dispute-settlement']);
const TO_BUYER_CREDIT = new Set([
  ...REFUNDS,
  'cancellation',
  'dispute-settlement',
  'arbitration-fee-returned',
]);

export interface PostingSum {
  month: string;
  entryKind: string;
  accountKind: string;
  amount: number;
}

/**
 * Sorts postings (summed by month, entry kind and account kind) into the report's lines. Amounts are
 * what each line moved in the month: revenue earned, fees kept, money sent back or out.
 */
export function revenueLines(months: string[], sums: PostingSum[], heldBefore: number): RevenueMonth[] {
  const out = new Map<string, RevenueMonth>(
    months.map((m) => [
      m,
      { month: m, ...Object.fromEntries(REVENUE_LINES.map((l) => [l, 0])) } as RevenueMonth,
    ]),
  );
  for (const s of sums) {
    const r = out.get(s.month);
    if (!r) continue;
    const k = s.entryKind;
    if (s.accountKind === 'revenue') {
      if (COMMISSION.has(k)) r.commission += s.amount;
      else if (REFUNDS.has(k)) r.retainedMarketplaceFees += s.amount;
      else if (k === 'arbitration-fee-kept') r.arbitrationFees += s.amount;
    } else if (s.accountKind === 'fees_payment') {
      if (REFUNDS.has(k)) r.retainedPaymentFees += s.amount;
      else if (k === 'payment-fee') r.paymentProviderFees += s.amount;
    } else if (s.accountKind === 'gateway') {
      if (REFUNDS.has(k)) r.refundsToCard += s.amount;
      else if (k === 'withdrawal-paid') r.payouts += s.amount;
    } else if (s.accountKind === 'credit') {
      if (TO_BUYER_CREDIT.has(k) && s.amount > 0) r.refundsToCredit += s.amount;
    } else if (s.accountKind === 'held') r.heldNet += s.amount;
  }
  let held = heldBefore;
  for (const r of out.values()) {
    r.revenueTotal = r.commission + r.retainedMarketplaceFees + r.arbitrationFees;
    held += r.heldNet;
    r.heldBalance = held;
  }
  return [...out.values()];
}

/** `count` months ending with `until` (`YYYY-MM`), oldest first. */
export function monthsUntil(until: string, count: number): string[] {
  const [y, m] = until.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const idx = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

export const addMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** The start of `month` (`YYYY-MM`) in the marketplace time zone, as SQL. */
export const monthStart = (month: string, timezone: string) =>
  sql<Date>`((${`${month}-01`})::timestamp at time zone ${timezone})`;

export async function revenueReport(
  db: Executor,
  timezone: string,
  until: string,
  count: number,
): Promise<RevenueMonth[]> {
  const months = monthsUntil(until, count);
  const from = monthStart(months[0]!, timezone);
  const to = monthStart(addMonth(until), timezone);
  const { rows } = await sql<PostingSum>`
    select to_char(je.at at time zone ${timezone}, 'YYYY-MM') as "month", je.kind as "entryKind",
           a.kind as "accountKind", sum(p.amount)::bigint as "amount"
    from postings p
    join journal_entries je on je.id = p.entry_id
    join ledger_accounts a on a.id = p.account_id
    where je.at >= ${from} and je.at < ${to}
      and a.kind in ('revenue', 'fees_payment', 'gateway', 'credit', 'held')
    group by 1, 2, 3`.execute(db);
  const {
    rows: [before],
  } = await sql<{ held: number }>`
    select coalesce(sum(p.amount), 0)::bigint as held
    from postings p
    join journal_entries je on je.id = p.entry_id
    join ledger_accounts a on a.id = p.account_id
    where a.kind = 'held' and je.at < ${from}`.execute(db);
  return revenueLines(
    months,
    rows.map((r) => ({ ...r, amount: Number(r.amount) })),
    Number(before!.held),
  );
}
