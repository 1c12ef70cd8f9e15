import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Hot platform accounts (issue #14): their balance is the sum of their postings, not a cached column
// that every payment would have to lock. The column stays 0 for them, enforced here.

const PLATFORM = `('gateway', 'revenue', 'fees_payment', 'arbitration_fees')`;

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `update ledger_accounts set balance = 0 where kind in ${PLATFORM}`,
    `alter table ledger_accounts add constraint ledger_accounts_platform_uncached
       check (kind not in ${PLATFORM} or balance = 0)`,
    `comment on column ledger_accounts.balance is
       'Sum of the postings of a user or escrow account, kept in step by postEntry under a row lock.'
       ' Always 0 for platform accounts: their balance is the sum of their postings.'`,
  ])
    await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('alter table ledger_accounts drop constraint ledger_accounts_platform_uncached').execute(db);
  await sql
    .raw(
      `update ledger_accounts a set balance = (select coalesce(sum(amount), 0) from postings p
         where p.account_id = a.id) where kind in ${PLATFORM}`,
    )
    .execute(db);
}
