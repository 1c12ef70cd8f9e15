import type { Transaction } from 'kysely';
import type { Database, Executor, MilestoneStatus } from '../../../db/schema.js';
import { account, accountBalance } from '../ledger/ledger.js';
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

/**
 * What each paid, unreleased milestone of an order holds in escrow now (from its
 * account, so earlier partial refunds count), in milestone order. With a transaction
 * and `lock`, the milestone rows are locked too.
 */
export async function escrowHeld(db: Executor, orderId: number, lock = false): Promise<HeldMilestone[]> {
  const q = db
    .selectFrom('milestones')
    .select(['id', 'seq', 'status'])
    .where('order_id', '=', orderId)
    .where('status', 'in', ['in_escrow', 'delivered'])
    .orderBy('seq');
  const ms = await (lock ? q.forNoKeyUpdate() : q).execute();
  const out: HeldMilestone[] = [];
  for (const m of ms)
    out.push({
      milestoneId: m.id,
      seq: m.seq,
      status: m.status,
      held: await accountBalance(db, account.escrow(m.id)),
    });
  return out;
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
