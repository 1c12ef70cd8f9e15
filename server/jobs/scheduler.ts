import { sql, type Kysely, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../time/clock.js';
import type { JobPayload } from './jobs.js';
import { markJobsDone, recordJobFailure } from './machine.js';

export interface JobRow<K extends string = string> {
  id: number;
  kind: K;
  run_at: Date;
  /** Written by `scheduleJob` for this kind, so it has the kind's payload type. */
  payload: JobPayload<K>;
  attempts: number;
}

/** Runs in the job's own transaction: its effects and the job's `done` commit together. */
export type JobHandler<K extends string = string> = (
  trx: Transaction<Database>,
  job: JobRow<K>,
) => Promise<void>;

/**
 * Work the scheduler polls every tick (outbox delivery, session pruning); it must claim its rows with SKIP
 * LOCKED.
 */
export type Sweep = () => Promise<number>;

const MAX_JOB_ATTEMPTS = 5;
/** Jobs claimed and committed together by one worker (see runBatch). */
const JOB_BATCH = 50;
/** A job of a batch run without savepoints failed: the batch is rolled back and run again with them. */
class BatchFailed extends Error {
  constructor(
    readonly jobId: number,
    readonly error: unknown,
  ) {
    super(`job ${jobId} failed`);
  }
}

/** PostgreSQL's deadlock_detected. */
const DEADLOCK = '40P01';

/**
 * OPS-4: runs due work in small batches. Each job is claimed with FOR UPDATE SKIP LOCKED
 * in its own transaction and marked done in that same transaction, so any number of
 * instances can run the scheduler against one database and each job runs once.
 */
export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly sweeps = new Map<string, Sweep>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopping = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly logger?: Logger,
  ) {}

  handle<K extends string>(kind: K, handler: JobHandler<K>): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} has two handlers`);
    this.handlers.set(kind, handler as JobHandler);
  }

  sweep(name: string, sweep: Sweep): void {
    this.sweeps.set(name, sweep);
  }

  /** Claims and runs one due job; false when none is due. */
  async runOneJob(): Promise<boolean> {
    return (await this.runBatch(1)) > 0;
  }

  /**
   * Claims up to `limit` due jobs (oldest first, so no kind starves another) with FOR UPDATE SKIP LOCKED
   * and runs them in one transaction: a job's effects and its `done` commit together, and one commit serves
   * the whole batch (issue #15: one transaction per job capped a worker at ~100 jobs/s). The batch first
   * runs without savepoints (issue #14: two round trips per job); if any job fails, all of it is rolled
   * back and the batch runs again with each job in its own savepoint, where a failing job's partial work is
   * rolled back to its savepoint and only its failure is recorded. A job that loses a deadlock to another
   * worker's batch is left as it was and runs again next time, without counting as an attempt. Returns how
   * many jobs were claimed.
   */
  async runBatch(limit = JOB_BATCH): Promise<number> {
    try {
      return await this.runClaimed(limit, null);
    } catch (e) {
      if (!(e instanceof BatchFailed)) throw e;
      return this.runClaimed(limit, e);
    }
  }

  /**
   * `failed` null: the batch without savepoints. Otherwise with them, and the job that failed the first run
   * is not run again: its failure is recorded as it is (a deadlock leaves it as it was).
   */
  private runClaimed(limit: number, failed: BatchFailed | null): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const jobs = await trx
        .selectFrom('scheduled_jobs')
        .select(['id', 'kind', 'run_at', 'payload', 'attempts'])
        .where('status', '=', 'pending')
        .where('run_at', '<=', now)
        .orderBy('run_at')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      const done: number[] = [];
      for (const job of jobs) {
        const handler = this.handlers.get(job.kind);
        if (!failed) {
          try {
            if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
            // The row's JSON was written by scheduleJob for this kind (JobPayloads): the one place it is
            // typed.
            await handler(trx, job as JobRow);
          } catch (e) {
            // Rolls the whole batch back; runBatch runs it again job by job, where the failure is recorded.
            throw new BatchFailed(job.id, e);
          }
          done.push(job.id);
          continue;
        }
        if (job.id === failed.jobId) {
          await this.recordFailure(trx, job, failed.error, now);
          continue;
        }
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await sql`savepoint job`.execute(trx);
          await handler(trx, job as JobRow);
          await sql`release savepoint job`.execute(trx);
          done.push(job.id);
        } catch (e) {
          // The handler's partial work is undone; the claim and the failure record stay.
          if (handler) await sql`rollback to savepoint job`.execute(trx);
          await this.recordFailure(trx, job, e, now);
        }
      }
      await markJobsDone(trx, done, now);
      return jobs.length;
    });
  }

  /** A failed attempt is recorded; a lost deadlock is not one (the job runs again next time as it was). */
  private async recordFailure(
    trx: Transaction<Database>,
    job: { id: number; kind: string; attempts: number },
    e: unknown,
    now: Date,
  ): Promise<void> {
    if ((e as { code?: string })?.code === DEADLOCK) return;
    this.logger?.error({ err: e, job: job.id, kind: job.kind }, 'job failed');
    await recordJobFailure(trx, job, String((e as Error)?.stack ?? e), now, MAX_JOB_ATTEMPTS);
  }

  /** Runs everything due now, in batches, until nothing is left; returns how much ran. */
  async runDue(batch = JOB_BATCH): Promise<{ jobs: number; swept: number }> {
    let jobs = 0;
    let swept = 0;
    for (;;) {
      const ranNow = await this.runBatch(batch);
      for (const [name, sweep] of this.sweeps) {
        try {
          swept += await sweep();
        } catch (e) {
          this.logger?.error({ err: e, sweep: name }, 'sweep failed');
        }
      }
      jobs += ranNow;
      // Stopping (SIGTERM): the batch that ran is finished and committed; leave the rest to other instances.
      if (ranNow < batch || this.stopping) return { jobs, swept };
    }
  }

  /** The earliest pending job due at or before `until`, for stepping a test clock through time. */
  async nextDueAt(until: Date): Promise<Date | null> {
    const row = await this.db
      .selectFrom('scheduled_jobs')
      .select('run_at')
      .where('status', '=', 'pending')
      .where('run_at', '<=', until)
      .orderBy('run_at')
      .limit(1)
      .executeTakeFirst();
    return row?.run_at ?? null;
  }

  start(intervalSeconds: number): void {
    if (intervalSeconds <= 0 || this.timer) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.runDue()
        .catch((e) => this.logger?.error({ err: e }, 'scheduler tick failed'))
        .finally(() => {
          this.running = null;
        });
    };
    this.timer = setInterval(tick, intervalSeconds * 1000);
    this.timer.unref();
    tick();
  }

  /** Stops ticking and waits for the batch in progress to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
