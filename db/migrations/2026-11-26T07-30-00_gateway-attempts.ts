import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// MNY-4 against the provider: every charge Pasar asks Midtrans for is noted, committed on its own, before
// the request leaves. A payment whose transaction then rolls back leaves its note, and the daily
// reconciliation asks Midtrans whether that order was charged after all.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table gateway_attempts (
    provider_order_id text primary key,
    provider text not null,
    reference text not null,
    kind text not null check (kind in ('card', 'virtual_account')),
    amount bigint not null check (amount > 0),
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index gateway_attempts_created on gateway_attempts (created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table gateway_attempts`.execute(db);
}
