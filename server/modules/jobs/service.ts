import type { AppContext } from '../../context.js';
import type { InTransaction } from '../../../db/schema.js';
import { problems } from '../../http/problem.js';
import { applyTransition } from '../../machines/apply.js';
import { JOB_MACHINE, jobActions } from '../../jobs/machine.js';
import type { Actor } from '../audit/audit.js';
import { jobs, type JobRecord } from './repository.js';

/** `orderId=12, deliveryId=3`: what the job is about, in one line. */
export function payloadSummary(payload: unknown): string {
  if (!payload || typeof payload !== 'object') return '';
  const text = Object.entries(payload as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

export const jobView = (j: JobRecord) => ({
  ...j,
  payloadSummary: payloadSummary(j.payload),
  allowedActions: jobActions(j.status),
});

/**
 * OPS-4: an admin sends a job that failed its last attempt back to the queue, due now, with
 * a fresh set of attempts; the scheduler runs it on its next tick. Audited with the reason
 * and the error it had (OPS-3).
 */
export async function retryJob(
  ctx: AppContext,
  actor: Actor & { type: 'staff' },
  r: { id: number; reason: string; requestId: string | undefined },
  run: InTransaction,
) {
  const { id, reason, requestId } = r;
  return run(async (trx) => {
    const now = ctx.clock.now();
    const job = await jobs(trx).where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
    if (!job) throw problems.notFound('job');
    await applyTransition(trx, {
      machine: JOB_MACHINE,
      id,
      state: job.status,
      name: 'admin-retry',
      actor: 'staff',
      now,
      set: { run_at: now, attempts: 0, failed_at: null },
      audit: {
        clock: ctx.clock,
        entry: {
          actor,
          action: 'job.retry',
          subjectType: 'scheduled_job',
          subjectId: id,
          reason,
          before: { status: job.status, kind: job.kind, attempts: job.attempts, lastError: job.lastError },
          after: { status: 'pending', runAt: now },
          requestId,
        },
      },
    });
    return jobView((await jobs(trx).where('id', '=', id).executeTakeFirst())!);
  });
}
