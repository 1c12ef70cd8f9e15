import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// SUP-3: a ticket's resolution SLA stops while it waits for the user (pending) or inside (on hold); the
// moment it stopped is kept, and the due time moves on by the business time it waited when it resumes.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tickets add column sla_paused_at timestamptz`.execute(db);
  // Tickets already waiting stop their clock from now on.
  await sql`update tickets set sla_paused_at = now() where status in ('pending', 'on_hold')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table tickets drop column sla_paused_at`.execute(db);
}
