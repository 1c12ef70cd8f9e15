import type { Executor } from '../../../db/schema.js';

/** A scheduler job as the admin's "Failed jobs" list shows it. */
export const jobs = (db: Executor) =>
  db
    .selectFrom('scheduled_jobs')
    .select([
      'id',
      'kind',
      'payload',
      'status',
      'attempts',
      'last_error as lastError',
      'failed_at as failedAt',
      'run_at as runAt',
      'created_at as createdAt',
      'done_at as doneAt',
    ]);

export type JobRecord = Awaited<ReturnType<ReturnType<typeof jobs>['executeTakeFirstOrThrow']>>;
