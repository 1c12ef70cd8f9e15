import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { Executor, InTransaction } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { problems } from '../../http/problem.js';
import { audit, type Actor } from '../audit/audit.js';
import { CAN } from './rules.js';
import { closeWithdrawal, markPaid } from './service.js';
import { camel } from '../../http/camel.js';

type Staff = Actor & { type: 'staff' };

/** The columns of the bank's result file; the reference is the one our batch file gave the bank (WDR-7). */
export const RESULT_COLUMNS = [
  'payout_reference',
  'outcome',
  'amount_idr',
  'bank_reference',
  'failure_reason',
];
const REQUIRED = ['payout_reference', 'outcome', 'amount_idr'];
export const MAX_RESULT_ROWS = 500;

export type ResultFlag =
  | 'unknown_reference'
  | 'bad_outcome'
  | 'wrong_state'
  | 'amount_mismatch'
  | 'missing_bank_reference'
  | 'bank_reference_used'
  | 'missing_failure_reason'
  | 'duplicate_row';

export interface ResultRow {
  /** The line in the file (the header is line 1). */
  line: number;
  payoutReference: string;
  withdrawalId: number | null;
  outcome: 'paid' | 'failed' | null;
  amount: number | null;
  bankReference: string | null;
  failureReason: string | null;
  withdrawal: { status: string; amount: number; userId: number; userName: string } | null;
  flags: ResultFlag[];
}

const OUTCOMES: Record<string, 'paid' | 'failed'> = {
  paid: 'paid',
  success: 'paid',
  succeeded: 'paid',
  berhasil: 'paid',
  sukses: 'paid',
  failed: 'failed',
  failure: 'failed',
  rejected: 'failed',
  returned: 'failed',
  gagal: 'failed',
};

/** Reads the bank's CSV (quoted cells, BOM, `;` or `,`); a file we cannot read is a 400 that says why. */
function readCsv(text: string): Record<string, string>[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(text, {
      bom: true,
      delimiter,
      columns: (header: string[]) =>
        header.map((h) =>
          h
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
        ),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    });
  } catch (e) {
    throw problems.validation([
      { field: 'body.csv', message: `not a readable CSV file: ${(e as Error).message}` },
    ]);
  }
  if (!records.length) throw problems.validation([{ field: 'body.csv', message: 'the file has no rows' }]);
  const missing = REQUIRED.filter((c) => !(c in records[0]!));
  if (missing.length)
    throw problems.validation([
      {
        field: 'body.csv',
        message: `missing column(s): ${missing.join(', ')} (expected ${RESULT_COLUMNS.join(', ')})`,
      },
    ]);
  if (records.length > MAX_RESULT_ROWS)
    throw problems.validation([{ field: 'body.csv', message: `at most ${MAX_RESULT_ROWS} rows per file` }]);
  return records;
}

/**
 * OPS-8, WDR-4: every row of the bank's result file checked against our payouts before anything is applied:
 * unknown reference, a payout not at the bank (wrong state), another amount, a paid row without the bank's
 * reference or with one already recorded, a failed row without a reason, the same payout twice.
 */
export async function previewBankResults(db: Executor, text: string) {
  const records = readCsv(text);
  const ids = records
    .map((r) => /^PASAR-WD-(\d{1,12})$/i.exec(r.payout_reference ?? '')?.[1])
    .filter((x): x is string => x !== undefined)
    .map(Number)
    .filter((n) => Number.isSafeInteger(n) && n <= 2_147_483_647);
  const found = ids.length
    ? await db
        .selectFrom('withdrawals')
        .innerJoin('users', 'users.id', 'withdrawals.user_id')
        .select([
          'withdrawals.id',
          'withdrawals.status',
          'withdrawals.amount',
          ...camel('withdrawals.user_id'),
          'users.name as userName',
        ])
        .where('withdrawals.id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(found.map((w) => [w.id, w]));
  const bankRefs = records.map((r) => r.bank_reference?.trim()).filter((x): x is string => Boolean(x));
  const used = bankRefs.length
    ? new Map(
        (
          await db
            .selectFrom('withdrawals')
            .select(['id', 'bank_reference'])
            .where('bank_reference', 'in', bankRefs)
            .execute()
        ).map((w) => [w.bank_reference!, w.id]),
      )
    : new Map<string, number>();
  const seenIds = new Set<number>();
  const seenRefs = new Set<string>();
  const rows: ResultRow[] = records.map((r, i) => {
    const flags: ResultFlag[] = [];
    const payoutReference = r.payout_reference ?? '';
    const id = Number(/^PASAR-WD-(\d{1,12})$/i.exec(payoutReference)?.[1] ?? NaN);
    const w = byId.get(id) ?? null;
    if (!w) flags.push('unknown_reference');
    const outcome = OUTCOMES[(r.outcome ?? '').toLowerCase()] ?? null;
    if (!outcome) flags.push('bad_outcome');
    const rawAmount = (r.amount_idr ?? '').replace(/[.\s]/g, '');
    const amount = /^\d{1,15}$/.test(rawAmount) ? Number(rawAmount) : null;
    if (w && !(CAN.markPaid as readonly string[]).includes(w.status)) flags.push('wrong_state');
    if (w && amount !== w.amount) flags.push('amount_mismatch');
    const bankReference = r.bank_reference?.trim() || null;
    const failureReason = r.failure_reason?.trim() || null;
    if (outcome === 'paid') {
      if (!bankReference || bankReference.length < 3 || bankReference.length > 100)
        flags.push('missing_bank_reference');
      else if ((used.has(bankReference) && used.get(bankReference) !== id) || seenRefs.has(bankReference))
        flags.push('bank_reference_used');
      if (bankReference) seenRefs.add(bankReference);
    }
    if (outcome === 'failed' && (!failureReason || failureReason.length < 3))
      flags.push('missing_failure_reason');
    if (w && seenIds.has(w.id)) flags.push('duplicate_row');
    if (w) seenIds.add(w.id);
    return {
      line: i + 2,
      payoutReference,
      withdrawalId: w?.id ?? null,
      outcome,
      amount,
      bankReference,
      failureReason,
      withdrawal: w ? { status: w.status, amount: w.amount, userId: w.userId, userName: w.userName } : null,
      flags,
    };
  });
  const ok = rows.filter((r) => !r.flags.length);
  const sum = (o: 'paid' | 'failed') => {
    const of = ok.filter((r) => r.outcome === o);
    return { count: of.length, total: of.reduce((a, r) => a + r.amount!, 0) };
  };
  return {
    fileSha256: createHash('sha256').update(text).digest('hex'),
    rows,
    summary: {
      rows: rows.length,
      ok: ok.length,
      flagged: rows.length - ok.length,
      paid: sum('paid'),
      failed: sum('failed'),
    },
  };
}

/**
 * WDR-4: applies the rows finance confirmed in the preview, all or nothing, in one transaction: each row
 * goes through the withdrawal machine's own mark-paid or mark-failed use case (its posting, audit entry and
 * notification), and the upload itself is audited. If any confirmed row is no longer clean (another
 * finance user marked it meanwhile, the file changed) nothing is applied and the answer lists those rows:
 * what was confirmed is exactly what happens, and a retry with the same Idempotency-Key moves nothing.
 */
export function applyBankResults(
  ctx: AppContext,
  actor: Staff,
  input: { csv: string; lines: number[]; requestId: string | undefined },
  run: InTransaction,
) {
  const { requestId } = input;
  return run(async (trx) => {
    const preview = await previewBankResults(trx, input.csv);
    const wanted = new Set(input.lines);
    const chosen = preview.rows.filter((r) => wanted.has(r.line));
    const unknownLines = input.lines.filter((l) => !preview.rows.some((r) => r.line === l));
    const changed = chosen.filter((r) => r.flags.length);
    if (unknownLines.length || changed.length)
      throw problems.conflict(
        'bank-results-changed',
        'Rows are not as previewed',
        'Some confirmed rows cannot be applied now; nothing was applied. Preview the file again.',
        { rows: changed.map((r) => ({ line: r.line, flags: r.flags })), unknownLines },
      );
    const same: InTransaction = (work) => work(trx);
    const results = [];
    for (const r of chosen) {
      const after =
        r.outcome === 'paid'
          ? await markPaid(ctx, {
              actor,
              id: r.withdrawalId!,
              reference: r.bankReference!,
              requestId,
              run: same,
            })
          : await closeWithdrawal(
              ctx,
              actor,
              { id: r.withdrawalId!, outcome: 'failed', reason: r.failureReason!, requestId },
              same,
            );
      results.push({ line: r.line, withdrawalId: r.withdrawalId, outcome: r.outcome, status: after.status });
    }
    const total = chosen.reduce((a, r) => a + r.amount!, 0);
    await audit(trx, ctx.clock, {
      actor,
      action: 'withdrawal.bank-results',
      subjectType: 'payout_results',
      subjectId: preview.fileSha256.slice(0, 16),
      after: {
        fileSha256: preview.fileSha256,
        applied: results.length,
        paid: results.filter((x) => x.outcome === 'paid').map((x) => x.withdrawalId),
        failed: results.filter((x) => x.outcome === 'failed').map((x) => x.withdrawalId),
        skippedLines: preview.rows.filter((x) => !wanted.has(x.line)).map((x) => x.line),
        total,
      },
      requestId,
    });
    return { applied: results.length, total, results };
  });
}
