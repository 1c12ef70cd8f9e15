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
 * Runs a claimed group of due jobs of one kind (in due order) in a few set-based statements, in the batch's
 * transaction; it must leave what the kind's one-job handler would leave, run on each job in turn. When it
 * throws, the batch is rolled back and every job runs again through the one-job handler in its own
 * savepoint, so one failing job neither loses nor doubles the others.
 */
export type BatchHandler<K extends string = string> = (
  trx: Transaction<Database>,
  jobs: JobRow<K>[],
) => Promise<void>;

/**
 * Work the scheduler polls every tick (outbox delivery, session pruning); it must claim its rows with SKIP
 * LOCKED.
 */
export type Sweep = () => Promise<number>;

const MAX_JOB_ATTEMPTS = 5;
/** While a backlog of jobs runs, how often the sweeps (outbox, sessions, platform balances) run. */
const SWEEP_EVERY_MS = 1000;
/**
 * Jobs of each kind claimed and committed together by one worker (see runBatch): the quota of every kind
 * in one batch.
 */
const JOB_BATCH = 100;
/**
 * A job of a batch run without savepoints failed (`jobId`), or a batch handler did (`jobId` null, the job
 * unknown): the batch is rolled back and run again job by job with savepoints.
 */
class BatchFailed extends Error {
  constructor(
    readonly jobId: number | null,
    readonly error: unknown,
  ) {
    super(jobId === null ? 'a batch handler failed' : `job ${jobId} failed`);
  }
}

/** PostgreSQL's deadlock_detected. */
const DEADLOCK = '40P01';

/**
 * OPS-4: runs due work in batches. Each job is claimed with FOR UPDATE SKIP LOCKED in its batch's
 * transaction and marked done in that same transaction, so any number of instances can run the scheduler
 * against one database and each job runs once.
 */
export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly batchHandlers = new Map<string, BatchHandler>();
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

  /**
   * The set-based handler of a kind that also has its one-job handler (`handle`): it runs every group of
   * two or more claimed jobs of the kind; the one-job handler runs single jobs and the reruns after a
   * failure.
   */
  handleBatch<K extends string>(kind: K, handler: BatchHandler<K>): void {
    if (this.batchHandlers.has(kind)) throw new Error(`job kind ${kind} has two batch handlers`);
    this.batchHandlers.set(kind, handler as BatchHandler);
  }

  sweep(name: string, sweep: Sweep): void {
    this.sweeps.set(name, sweep);
  }

  /** Claims and runs one due job (the oldest); false when none is due. */
  async runOneJob(): Promise<boolean> {
    return (await this.runBatch(1)) > 0;
  }

  /**
   * Claims due jobs with FOR UPDATE SKIP LOCKED, up to `limit` of each kind (oldest first within a kind, so
   * a backlog of one kind never holds back another), and runs them in one transaction: a job's effects and
   * its `done` commit together, and one commit serves the whole batch (issue #15: one transaction per job
   * capped a worker at ~100 jobs/s). Two or more jobs of a kind with a batch handler run set-based through
   * it (a few statements for the whole group); the others run one by one. The batch first runs without
   * savepoints (issue #14: two round trips per job); if any job or batch handler fails, all of it is
   * rolled back and the batch runs again with each job in its own savepoint through its one-job handler,
   * where a failing job's partial work is rolled back to its savepoint and only its failure is recorded. A
   * job that loses a deadlock to another worker's batch is left as it was and runs again next time, without
   * counting as an attempt. `limit` 1 claims the one oldest due job of any kind. Returns how many jobs were
   * claimed.
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
   * The due jobs this batch takes, in due order, locked. The kinds with pending jobs are found by a loose
   * index scan (one index probe per kind), and each kind's due jobs are read from the index
   * `scheduled_jobs_due_by_kind` up to the quota.
   */
  private async claim(trx: Transaction<Database>, now: Date, limit: number): Promise<JobRow[]> {
    if (limit === 1) {
      return trx
        .selectFrom('scheduled_jobs')
        .select(['id', 'kind', 'run_at', 'payload', 'attempts'])
        .where('status', '=', 'pending')
        .where('run_at', '<=', now)
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .execute() as Promise<JobRow[]>;
    }
    const { rows } = await sql<JobRow>`
      with recursive kinds (kind) as (
        (select kind from scheduled_jobs where status = 'pending' order by kind limit 1)
        union all
        select (select s.kind from scheduled_jobs s where s.status = 'pending' and s.kind > k.kind
                order by s.kind limit 1)
        from kinds k where k.kind is not null)
      select j.id, j.kind, j.run_at, j.payload, j.attempts
      from kinds k cross join lateral (
        select s.id, s.kind, s.run_at, s.payload, s.attempts from scheduled_jobs s
        where s.status = 'pending' and s.kind = k.kind and s.run_at <= ${now}
        order by s.run_at, s.id limit ${limit}
        for update skip locked) j`.execute(trx);
    return rows.sort((x, y) => x.run_at.getTime() - y.run_at.getTime() || x.id - y.id);
  }

  /**
   * `failed` null: the batch without savepoints. Otherwise with them, one job at a time, and the job that
   * failed the first run (when known) is not run again: its failure is recorded as it is (a deadlock leaves
   * it as it was).
   */
  private runClaimed(limit: number, failed: BatchFailed | null): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      const jobs = await this.claim(trx, now, limit);
      const done: number[] = [];
      if (!failed) {
        const byKind = new Map<string, JobRow[]>();
        for (const job of jobs) byKind.set(job.kind, [...(byKind.get(job.kind) ?? []), job]);
        for (const [kind, group] of byKind) {
          const batch = this.batchHandlers.get(kind);
          if (batch && group.length > 1) {
            try {
              await batch(trx, group);
            } catch (e) {
              // Rolls the whole batch back; runBatch runs it again job by job, where the failure is recorded.
              throw new BatchFailed(null, e);
            }
            done.push(...group.map((j) => j.id));
            continue;
          }
          for (const job of group) {
            const handler = this.handlers.get(job.kind);
            try {
              if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
              // The row's JSON was written by scheduleJob for this kind (JobPayloads): the one place it is
              // typed.
              await handler(trx, job);
            } catch (e) {
              throw new BatchFailed(job.id, e);
            }
            done.push(job.id);
          }
        }
        await markJobsDone(trx, done, now);
        return jobs.length;
      }
      for (const job of jobs) {
        if (job.id === failed.jobId) {
          await this.recordFailure(trx, job, failed.error, now);
          continue;
        }
        const handler = this.handlers.get(job.kind);
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await sql`savepoint job`.execute(trx);
          await handler(trx, job);
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
    await recordJobFailure(trx, job, {
      error: String((e as Error)?.stack ?? e),
      now,
      maxAttempts: MAX_JOB_ATTEMPTS,
    });
  }

  /** Runs everything due now, in batches, until nothing is left; returns how much ran. */
  async runDue(batch = JOB_BATCH): Promise<{ jobs: number; swept: number }> {
    let jobs = 0;
    let swept = 0;
    // The sweeps run after the last batch, and during a long backlog of jobs once a second (not after every
    // batch: at thousands of jobs a second they cost a fifth of a batch), so mail still goes out meanwhile.
    let sweptAt = -Infinity;
    for (;;) {
      const ranNow = await this.runBatch(batch);
      jobs += ranNow;
      // Stopping (SIGTERM): the batch that ran is finished and committed; leave the rest to other instances.
      const last = ranNow < batch || this.stopping;
      if (last || performance.now() - sweptAt >= SWEEP_EVERY_MS) {
        sweptAt = performance.now();
        for (const [name, sweep] of this.sweeps) {
          try {
            swept += await sweep();
          } catch (e) {
            this.logger?.error({ err: e, sweep: name }, 'sweep failed');
          }
        }
      }
      if (last) return { jobs, swept };
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
