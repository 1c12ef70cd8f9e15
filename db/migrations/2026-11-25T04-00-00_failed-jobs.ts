import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// When a scheduler job failed its last attempt: the admin's "Failed jobs" list shows it.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table scheduled_jobs add column failed_at timestamptz`.execute(db);
  await sql`create index scheduled_jobs_failed on scheduled_jobs (failed_at) where status = 'failed'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index scheduled_jobs_failed`.execute(db);
  await sql`alter table scheduled_jobs drop column failed_at`.execute(db);
}
