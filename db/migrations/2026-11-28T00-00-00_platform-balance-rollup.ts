import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #15: a platform account's balance was the sum of all its postings, read on every look at it: at
// 5M postings the accounts list sorted by balance took 190-210 ms, and the gateway's own page more. Its
// balance is now kept in two parts, neither of them locked by a payment: the column holds what has been
// rolled up, and `platform_balance_deltas` what has been posted since (one row per platform account per
// INSERT into postings, written by a statement trigger). The scheduler folds the deltas into the column
// (DELETE ... RETURNING, so a delta not yet committed waits for the next fold and none is counted twice).

const PLATFORM = `('gateway', 'revenue', 'fees_payment', 'arbitration_fees', 'provider_refunds')`;

const up_ = [
  `alter table ledger_accounts drop constraint ledger_accounts_platform_uncached`,
  `create table platform_balance_deltas (
     account_id integer not null references ledger_accounts (id),
     amount bigint not null
   )`,
  `create index platform_balance_deltas_account on platform_balance_deltas (account_id)`,
  `create function platform_balance_deltas_collect() returns trigger language plpgsql as $$
   begin
     insert into platform_balance_deltas (account_id, amount)
       select p.account_id, sum(p.amount)
       from posted p join ledger_accounts a on a.id = p.account_id
       where a.kind in ${PLATFORM}
       group by p.account_id
       having sum(p.amount) <> 0;
     return null;
   end $$`,
  `create trigger postings_platform_deltas after insert on postings
     referencing new table as posted for each statement execute function platform_balance_deltas_collect()`,
  `update ledger_accounts a set balance = (select coalesce(sum(p.amount), 0) from postings p
     where p.account_id = a.id) where a.kind in ${PLATFORM}`,
  `comment on column ledger_accounts.balance is
     'User and escrow accounts: the sum of their postings, kept in step by postEntry under a row lock.'
     ' Platform accounts: the part of that sum rolled up by the scheduler; the rest is in'
     ' platform_balance_deltas.'`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of [
    `drop trigger postings_platform_deltas on postings`,
    `drop function platform_balance_deltas_collect()`,
    `drop table platform_balance_deltas`,
    `update ledger_accounts set balance = 0 where kind in ${PLATFORM}`,
    `alter table ledger_accounts add constraint ledger_accounts_platform_uncached
       check (kind not in ('gateway', 'revenue', 'fees_payment', 'arbitration_fees') or balance = 0)`,
  ])
    await sql.raw(statement).execute(db);
}
