import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #15: the open payouts sorted by id (the finance queue's "newest first") walked the primary key
// backwards past every paid payout newer than the open ones (12 ms at 50,000 paid). The queue's other
// sorts have their partial index over the open statuses already; this is the one for the id.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index withdrawals_open_id on withdrawals (id)
    where status in ('pending', 'awaiting_second_approval', 'approved', 'exported')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists withdrawals_open_id`.execute(db);
}
