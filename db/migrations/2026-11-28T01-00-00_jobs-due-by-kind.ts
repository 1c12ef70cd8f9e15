import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #15: the scheduler claims due jobs per kind (a quota for each kind per batch, so a backlog of one
// kind never holds back another). Each kind's claim reads this index in due order and stops at its quota.
// The index on run_at alone stays for "the next job due" (test clock).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index scheduled_jobs_due_by_kind on scheduled_jobs (kind, run_at, id)
    where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists scheduled_jobs_due_by_kind`.execute(db);
}
