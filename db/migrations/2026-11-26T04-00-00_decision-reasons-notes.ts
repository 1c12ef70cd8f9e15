import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// OPS-6: reason templates admins keep per decision action, in English and Indonesian, that staff insert into a
// decision's reason and edit before sending. Internal notes on every case (staff only, audited), keyed by the
// case's kind and id so one table serves refunds, escalations, disputes, payouts, reports, identity checks and
// seller applications.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table reason_templates (
    id serial primary key,
    action text not null,
    name text not null,
    body_en text not null,
    body_id text not null,
    active boolean not null default true,
    created_by integer references staff(id),
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`.execute(db);
  await sql`create index reason_templates_action on reason_templates (action) where active`.execute(db);
  await sql`create table case_notes (
    id serial primary key,
    case_kind text not null,
    case_id integer not null,
    author_id integer not null references staff(id),
    body text not null,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index case_notes_case on case_notes (case_kind, case_id, id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table case_notes`.execute(db);
  await sql`drop table reason_templates`.execute(db);
}
