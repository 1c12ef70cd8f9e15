import { fromOf } from './machine.js';
import { z } from 'zod';

/** WDR-3: where a payout goes. Banks and e-wallets that Indonesian sellers use. */
export const BANKS = [
  'BCA',
  'BNI',
  'BRI',
  'Mandiri',
  'BSI',
  'CIMB Niaga',
  'Permata',
  'Danamon',
  'BTN',
  'OCBC NISP',
  'Bank Jago',
  'SeaBank',
] as const;
export const EWALLETS = ['GoPay', 'OVO', 'DANA', 'ShopeePay', 'LinkAja', 'Midtrans', 'PayPal'] as const;

export const payoutMethodSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('bank_transfer'),
    bank: z.enum(BANKS),
    accountNumber: z
      .string()
      .trim()
      .regex(/^\d{6,20}$/, '6 to 20 digits'),
    holderName: z.string().trim().min(2).max(100),
  }),
  z.object({
    type: z.literal('ewallet'),
    provider: z.enum(EWALLETS),
    accountId: z.string().trim().min(3).max(100),
  }),
]);
export type PayoutMethod = z.infer<typeof payoutMethodSchema>;

/**
 * The same destination gives the same fingerprint however it was typed (WDR "first payout to a new method").
 */
export function methodFingerprint(m: PayoutMethod): string {
  return m.type === 'bank_transfer'
    ? `bank:${m.bank.toLowerCase()}:${m.accountNumber}`
    : `ewallet:${m.provider.toLowerCase()}:${m.accountId.toLowerCase().replace(/\s+/g, '')}`;
}

/** Only the last four characters of an account stay readable. */
export function mask(value: string): string {
  return value.length <= 4 ? value : `${'•'.repeat(Math.min(value.length - 4, 8))}${value.slice(-4)}`;
}

export function maskedMethod(m: PayoutMethod) {
  return m.type === 'bank_transfer'
    ? { type: m.type, bank: m.bank, accountNumber: mask(m.accountNumber), holderName: m.holderName }
    : { type: m.type, provider: m.provider, accountId: mask(m.accountId) };
}

export const WITHDRAWAL_STATUSES = [
  'pending',
  'awaiting_second_approval',
  'approved',
  'exported',
  'paid',
  'rejected',
  'failed',
] as const;

/** Who may act on a withdrawal in which status (WDR-4..7). */
export const OPEN_STATUSES = ['pending', 'awaiting_second_approval', 'approved', 'exported'] as const;
export const CAN = {
  approve: fromOf('finance-approve'),
  reject: fromOf('finance-reject'),
  markPaid: fromOf('finance-mark-paid'),
  markFailed: fromOf('finance-mark-failed'),
} as const;

/** WDR-6: a payout above the threshold needs a second, different finance approver. */
export function approvalStep(
  amount: number,
  threshold: number,
  firstApprovedBy: number | null,
  staffId: number,
): { next: 'approved' | 'awaiting_second_approval' } | { refused: 'same-approver' } {
  if (amount <= threshold) return { next: 'approved' };
  if (firstApprovedBy === null) return { next: 'awaiting_second_approval' };
  if (firstApprovedBy === staffId) return { refused: 'same-approver' };
  return { next: 'approved' };
}

/**
 * WDR-7: one CSV cell; quotes doubled, and a leading = + - @ neutralised so a spreadsheet never runs it as a
 * formula.
 */
export function csvCell(v: string | number | null): string {
  let s = v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_HEADER = [
  'withdrawal_id',
  'payout_reference',
  'amount_idr',
  'method',
  'bank_or_provider',
  'account',
  'holder_name',
  'seller_id',
  'seller_email',
];

export function batchCsv(
  rows: { id: number; amount: number; method: PayoutMethod; userId: number; email: string }[],
): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of rows) {
    const m = r.method;
    lines.push(
      [
        r.id,
        `PASAR-WD-${r.id}`,
        r.amount,
        m.type,
        m.type === 'bank_transfer' ? m.bank : m.provider,
        m.type === 'bank_transfer' ? m.accountNumber : m.accountId,
        m.type === 'bank_transfer' ? m.holderName : '',
        r.userId,
        r.email,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
