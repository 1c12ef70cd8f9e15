import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #16: every staff queue can be claimed and assigned (OPS-2), so the queues that had no assignee get
// one; a dispute remembers when its staff SLA started (the countdown turns amber in its last quarter); the
// console's one search finds people by phone and charges by their reference through trigram indexes.

const QUEUES = ['seller_applications', 'identity_checks', 'reports', 'withdrawals'];

const up_ = [
  ...QUEUES.flatMap((t) => [
    `alter table ${t} add column assigned_to integer references staff(id)`,
    `alter table ${t} add column assigned_at timestamptz`,
  ]),
  `alter table disputes add column assigned_at timestamptz`,
  `alter table disputes add column sla_started_at timestamptz`,
  `update disputes set sla_started_at = coalesce(arbitration_requested_at, responded_at, created_at)
     where sla_due_at is not null`,
  // "Assigned to me" on every queue.
  ...[...QUEUES, 'disputes', 'refund_requests', 'escalations'].map(
    (t) => `create index ${t}_assigned on ${t} (assigned_to, id) where assigned_to is not null`,
  ),
  `create index users_phone_trgm on users using gin (phone gin_trgm_ops)`,
  `create index gateway_transactions_reference_trgm on gateway_transactions using gin (reference gin_trgm_ops)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists gateway_transactions_reference_trgm`.execute(db);
  await sql`drop index if exists users_phone_trgm`.execute(db);
  for (const t of [...QUEUES, 'disputes', 'refund_requests', 'escalations'])
    await sql.raw(`drop index if exists ${t}_assigned`).execute(db);
  await sql`alter table disputes drop column sla_started_at`.execute(db);
  await sql`alter table disputes drop column assigned_at`.execute(db);
  for (const t of QUEUES) {
    await sql.raw(`alter table ${t} drop column assigned_at`).execute(db);
    await sql.raw(`alter table ${t} drop column assigned_to`).execute(db);
  }
}
