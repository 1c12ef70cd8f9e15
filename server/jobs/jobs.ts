import type { Executor } from '../../db/schema.js';
import { cancelPendingJob } from './machine.js';

/** Money cleared from `pending` to `available` (CLR-1), scheduled when escrow is released. */
export interface ClearancePayload {
  ref: string;
  milestoneId?: number;
  orderId: number;
  sellerId: number;
  amount: number;
}

/**
 * The one map from job kind to its payload: what `scheduleJob` writes and what the handler
 * registered with `Scheduler.handle` reads for that kind.
 */
export interface JobPayloads {
  'order.auto-accept-delivery': { orderId: number; deliveryId: number };
  'ledger.clear-earnings': ClearancePayload;
  'ledger.reconcile': Record<string, never>;
  'dispute.response-deadline': { disputeId: number };
  'dispute.fee-deadline': { disputeId: number };
  'resolution.expire': { requestId: number };
  'account.end-suspension': { userId: number; until: string };
  'sellers.recompute-levels': Record<string, never>;
  /** SUP-2: `since` is the moment the ticket entered the state; a later change makes the job moot. */
  'ticket.pending-reminder': { ticketId: number; since: string };
  'ticket.auto-solve': { ticketId: number; since: string };
  'ticket.auto-close': { ticketId: number; since: string };
  'storage.clean-orphans': Record<string, never>;
  'payments.reconcile': Record<string, never>;
  'account.password-reset-request': { email: string };
  'account.activation-resend': { email: string };
  'staff.password-reset-request': { email: string };
}

/** Payload of a job kind; kinds outside the map (tests' own jobs) carry any JSON object. */
export type JobPayload<K extends string> = K extends keyof JobPayloads
  ? JobPayloads[K]
  : Record<string, unknown>;

export interface ScheduleJob<K extends string = string> {
  kind: K;
  runAt: Date;
  payload?: JobPayload<K>;
  /** At most one job per key ever exists: scheduling the same key twice is a no-op. */
  dedupeKey?: string;
}

/**
 * Schedules a timed rule (OPS-4) in the caller's transaction, so it exists iff the state change committed.
 */
export async function scheduleJob<K extends string>(
  db: Executor,
  now: Date,
  job: ScheduleJob<K>,
): Promise<void> {
  await db
    .insertInto('scheduled_jobs')
    .values({
      kind: job.kind,
      run_at: job.runAt,
      payload: JSON.stringify(job.payload ?? {}),
      dedupe_key: job.dedupeKey ?? null,
      created_at: now,
      done_at: null,
      last_error: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/**
 * Cancels a pending job (e.g. the request it would time out was answered). A job a scheduler is running
 * right now is left alone (SKIP LOCKED): its handler holds the job row and waits for the row this caller
 * holds (server/modules/ledger/LOCKING.md), so waiting for it here would deadlock. The handler re-checks
 * the state under its own lock once this transaction commits, and does nothing.
 */
export async function cancelJob(db: Executor, dedupeKey: string, now: Date): Promise<void> {
  await cancelPendingJob(db, dedupeKey, now);
}
