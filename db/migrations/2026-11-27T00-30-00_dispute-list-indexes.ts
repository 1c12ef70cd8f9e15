import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #15: the disputes list sorts by a priority computed from the stage (arbitration and approvals
// first), by SLA and by creation. Sorting by an expression, or by a column without an index, made
// PostgreSQL join every dispute to its order and both parties before it could cut a page (550 ms for the
// SLA sort at 5,000 disputes and 1M orders). The priority is now a stored generated column, and each sort
// has an index ending in the id that breaks ties, so a page is read in order and cut after 25 rows.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table disputes add column priority smallint generated always as (case stage
      when 'awaiting_default_approval' then 0 when 'awaiting_final_approval' then 0 when 'arbitration' then 1
      when 'final_offer' then 2 when 'negotiation' then 3 else 4 end) stored`.execute(db);
  await sql`create index disputes_priority on disputes (priority, id)`.execute(db);
  await sql`create index disputes_sla on disputes (sla_due_at, id)`.execute(db);
  await sql`create index disputes_created_id on disputes (created_at, id)`.execute(db);
  await sql`drop index if exists disputes_created`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index disputes_created on disputes (created_at)`.execute(db);
  await sql`drop index if exists disputes_created_id`.execute(db);
  await sql`drop index if exists disputes_sla`.execute(db);
  await sql`drop index if exists disputes_priority`.execute(db);
  await sql`alter table disputes drop column priority`.execute(db);
}
