import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #14: an order's charges (REF-3, on every order detail) looked for the provider's repeats
// (`charge:milestone:12#2`) with a LIKE on a pattern built per row, which scanned every charge ever taken.
// They are found through the reference before its `#`.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index gateway_transactions_reference_base
    on gateway_transactions (split_part(reference, '#', 1))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index gateway_transactions_reference_base`.execute(db);
}
