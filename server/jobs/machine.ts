import { sql, type Transaction } from 'kysely';
import type { Database, Executor, JobStatus } from '../../db/schema.js';
import { problems } from '../http/problem.js';
import { allowedActions, applyTransition, defineMachine, type Transition } from '../machines/apply.js';

/**
 * A scheduled job (OPS-4) as data: the scheduler runs it, or after a failed attempt waits
 * (2^attempts minutes) and tries again, and after the last attempt gives up; an admin
 * sends a failed job back to the queue with a reason (OPS-3). Answering the request a
 * timer was waiting for cancels it.
 */
export const JOB_TRANSITIONS = [
  { name: 'auto-run', from: ['pending'], to: 'done', actor: 'system', rule: 'OPS-4' },
  {
    name: 'auto-retry-later',
    from: ['pending'],
    to: 'pending',
    actor: 'system',
    rule: 'OPS-4',
    description: 'A failed attempt is rolled back and tried again later.',
  },
  {
    name: 'auto-give-up',
    from: ['pending'],
    to: 'failed',
    actor: 'system',
    rule: 'OPS-4',
    description: 'The last attempt failed: the job waits on the admin "Failed jobs" list.',
  },
  { name: 'cancel', from: ['pending'], to: 'done', actor: 'system', rule: 'OPS-4', consequence: true },
  { name: 'admin-retry', from: ['failed'], to: 'pending', actor: 'staff', rule: 'OPS-3, OPS-4' },
] as const satisfies readonly Transition<JobStatus, 'system' | 'staff'>[];

export const JOB_MACHINE = defineMachine<JobStatus, 'system' | 'staff', never, 'scheduled_jobs'>({
  table: 'scheduled_jobs',
  column: 'status',
  initial: ['pending'],
  transitions: JOB_TRANSITIONS,
  conflict: (status, _t, id) =>
    problems.conflict(
      'job-not-failed',
      'Not a failed job',
      `Job #${id} is ${status}; only a job that failed its last attempt is retried by hand.`,
      { state: status },
    ),
});

/** What staff may do with a job now: retry it when it failed. */
export const jobActions = (status: JobStatus) => allowedActions(JOB_MACHINE, status, 'staff');

/**
 * The `cancel` transition for the pending job of `dedupeKey`, in one statement. A job a
 * scheduler is running right now is skipped (see cancelJob in jobs.ts).
 */
export async function cancelPendingJob(db: Executor, dedupeKey: string, now: Date): Promise<void> {
  await db
    .updateTable('scheduled_jobs')
    .set({ status: 'done', done_at: now, last_error: 'cancelled' })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('scheduled_jobs')
        .select('id')
        .where('dedupe_key', '=', dedupeKey)
        .where('status', 'in', JOB_TRANSITIONS.find((t) => t.name === 'cancel')!.from)
        .forUpdate()
        .skipLocked(),
    )
    .execute();
}

/**
 * The `auto-run` transition for a batch of jobs that ran, in one statement (the scheduler's batch commit).
 */
export async function markJobsDone(db: Executor, ids: number[], now: Date): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('scheduled_jobs')
    .set({ status: 'done', done_at: now, attempts: sql`attempts + 1` })
    .where('id', 'in', ids)
    .where('status', 'in', JOB_TRANSITIONS.find((t) => t.name === 'auto-run')!.from)
    .execute();
}

/**
 * A failed attempt: tried again after 2^attempts minutes (`auto-retry-later`), or after the last attempt
 * left for an admin on the "Failed jobs" list (`auto-give-up`, with when).
 */
export async function recordJobFailure(
  trx: Transaction<Database>,
  job: { id: number; attempts: number },
  failure: { error: string; now: Date; maxAttempts: number },
): Promise<void> {
  const { error, now, maxAttempts } = failure;
  const attempts = job.attempts + 1;
  const giveUp = attempts >= maxAttempts;
  await applyTransition(trx, {
    machine: JOB_MACHINE,
    id: job.id,
    state: 'pending',
    name: giveUp ? 'auto-give-up' : 'auto-retry-later',
    actor: 'system',
    now,
    set: {
      attempts,
      last_error: error.slice(0, 4000),
      run_at: new Date(now.getTime() + 2 ** attempts * 60_000),
      ...(giveUp ? { failed_at: now } : {}),
    },
  });
}
