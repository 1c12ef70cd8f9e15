import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import type { Clock } from '../../time/clock.js';
import { scheduleJob } from '../../jobs/jobs.js';
import { trialBalance } from './ledger.js';
import { nextDailyAt } from '../../time/business-days.js';
import { OPEN_STATUSES } from '../withdrawals/rules.js';

export const JOB_RECONCILE = 'ledger.reconcile';

/**
 * MNY-4, daily: the trial balance (postings sum to zero, no user account below zero,
 * balances equal their postings) plus two cross-checks against the operational tables:
 * money in `withdrawing` equals the open payouts, and nothing is `held` for an account
 * that is not blocked. The result is stored; the dashboard shows the latest.
 */
export async function reconcile(db: Executor, clock: Clock) {
  const tb = await trialBalance(db);
  const kindTotal = (kind: string) => tb.byKind.find((k) => k.kind === kind)?.balance ?? 0;
  const withdrawing = kindTotal('withdrawing');
  const held = kindTotal('held');
  const open = (
    await db
      .selectFrom('withdrawals')
      .select(sql<number>`coalesce(sum(amount), 0)::bigint`.as('n'))
      .where('status', 'in', [...OPEN_STATUSES])
      .executeTakeFirstOrThrow()
  ).n;
  const heldNotBlocked = await db
    .selectFrom('ledger_accounts')
    .innerJoin('users', 'users.id', 'ledger_accounts.user_id')
    .select(['users.id as userId', 'ledger_accounts.balance'])
    .where('ledger_accounts.kind', '=', 'held')
    .where('ledger_accounts.balance', '>', 0)
    .where('users.status', '<>', 'blocked')
    .execute();
  // WRN-9: a blocked account keeps nothing spendable; whatever reaches it goes to held.
  const spendableBlocked = await db
    .selectFrom('ledger_accounts')
    .innerJoin('users', 'users.id', 'ledger_accounts.user_id')
    .select(['users.id as userId', 'ledger_accounts.kind', 'ledger_accounts.balance'])
    .where('ledger_accounts.kind', 'in', ['credit', 'pending', 'available'])
    .where('ledger_accounts.balance', '<>', 0)
    .where('users.status', '=', 'blocked')
    .execute();
  const problemsFound: string[] = [];
  if (tb.sum !== 0) problemsFound.push(`postings sum to ${tb.sum}, not 0`);
  if (tb.negativeAccounts.length) problemsFound.push(`${tb.negativeAccounts.length} account(s) below zero`);
  if (tb.driftingAccounts.length)
    problemsFound.push(`${tb.driftingAccounts.length} account balance(s) differ from their postings`);
  if (withdrawing !== open)
    problemsFound.push(`withdrawing holds ${withdrawing} but open payouts add up to ${open}`);
  if (heldNotBlocked.length)
    problemsFound.push(`${heldNotBlocked.length} account(s) hold funds without being blocked`);
  if (spendableBlocked.length)
    problemsFound.push(
      `${spendableBlocked.length} blocked account(s) have credit, pending or available funds`,
    );
  const row = await db
    .insertInto('reconciliation_runs')
    .values({
      ran_at: clock.now(),
      ok: problemsFound.length === 0,
      postings_sum: tb.sum,
      entries: tb.entries,
      negative_accounts: tb.negativeAccounts.length,
      drifting_accounts: tb.driftingAccounts.length,
      withdrawing_balance: withdrawing,
      withdrawals_open: open,
      held_balance: held,
      details: JSON.stringify({
        problems: problemsFound,
        negativeAccounts: tb.negativeAccounts,
        driftingAccounts: tb.driftingAccounts,
        heldNotBlocked,
        spendableBlocked,
      }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return runView(row);
}

export function runView(r: {
  id: number;
  ran_at: Date;
  ok: boolean;
  postings_sum: number;
  entries: number;
  negative_accounts: number;
  drifting_accounts: number;
  withdrawing_balance: number;
  withdrawals_open: number;
  held_balance: number;
  details: unknown;
}) {
  return {
    id: r.id,
    ranAt: r.ran_at,
    ok: r.ok,
    postingsSum: r.postings_sum,
    entries: r.entries,
    negativeAccounts: r.negative_accounts,
    driftingAccounts: r.drifting_accounts,
    withdrawingBalance: r.withdrawing_balance,
    withdrawalsOpen: r.withdrawals_open,
    heldBalance: r.held_balance,
    problems: (r.details as { problems: string[] }).problems,
    details: r.details,
  };
}

/** The daily run at 01:00 Jakarta time, deduplicated per day so every start may schedule it. */
export async function scheduleNextReconciliation(db: Executor, now: Date): Promise<void> {
  const next = nextDailyAt(now, 18); // 01:00 in Jakarta
  await scheduleJob(db, now, {
    kind: JOB_RECONCILE,
    runAt: next,
    dedupeKey: `reconcile:${next.toISOString().slice(0, 10)}`,
  });
}
