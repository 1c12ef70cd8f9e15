import { sql, type Transaction } from 'kysely';
import type { Database, Executor, MilestoneStatus } from '../../../db/schema.js';
import { account, accountCode } from '../ledger/ledger.js';
import { scheduleJob, type ClearancePayload } from '../../jobs/jobs.js';
import { settingsAt } from '../settings/repository.js';
import { addDays } from './rules.js';

export const JOB_CLEARANCE = 'ledger.clear-earnings';

export interface HeldMilestone {
  milestoneId: number;
  seq: number;
  status: MilestoneStatus;
  held: number;
}

/** `accountCode(account.escrow(id))` is this prefix and the milestone id. */
const ESCROW_CODE_PREFIX = accountCode(account.escrow(0)).replace(/0$/, '');

/**
 * What each paid, unreleased milestone of an order holds in escrow now (from its
 * account, so earlier partial refunds count), in milestone order. With a transaction
 * and `lock`, the milestone rows are locked too. One statement (issue #14: it was one per milestone more);
 * escrow accounts keep their balance (LOCKING.md), and every writer of one holds the order's lock first, as
 * the callers do, so the balance read with the milestones is the current one.
 */
export async function escrowHeld(db: Executor, orderId: number, lock = false): Promise<HeldMilestone[]> {
  const q = db
    .selectFrom('milestones as m')
    .leftJoin('ledger_accounts as a', (j) =>
      j.on('a.code', '=', sql<string>`${ESCROW_CODE_PREFIX} || m.id::text`),
    )
    .select(['m.id', 'm.seq', 'm.status', sql<number>`coalesce(a.balance, 0)::bigint`.as('held')])
    .where('m.order_id', '=', orderId)
    .where('m.status', 'in', ['in_escrow', 'delivered'])
    .orderBy('m.seq');
  const ms = await (lock ? q.forNoKeyUpdate(['m']) : q).execute();
  return ms.map((m) => ({ milestoneId: m.id, seq: m.seq, status: m.status, held: m.held }));
}

export type { ClearancePayload };

/**
 * CLR-1: earnings that reached `pending` clear after the policy days (in force at `policyAt`); one job per
 * `ref`.
 */
export async function scheduleClearance(
  trx: Transaction<Database>,
  now: Date,
  payload: ClearancePayload,
  policyAt: Date = now,
): Promise<Date> {
  const runAt = addDays(now, (await settingsAt(trx, policyAt)).clearance_days);
  await scheduleJob(trx, now, {
    kind: JOB_CLEARANCE,
    runAt,
    payload: { ...payload },
    dedupeKey: `clearance:${payload.ref}`,
  });
  return runAt;
}
