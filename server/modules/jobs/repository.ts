import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';

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
      ...camel('last_error', 'failed_at', 'run_at', 'created_at', 'done_at'),
    ]);

export type JobRecord = Awaited<ReturnType<ReturnType<typeof jobs>['executeTakeFirstOrThrow']>>;
