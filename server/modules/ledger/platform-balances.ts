import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';

/**
 * Folds the platform deltas posted since the last roll-up into the platform accounts' balance column
 * (issue #15), in one statement: the deltas it deletes are exactly the ones it adds. A delta whose
 * transaction has not committed yet is not seen and waits for the next tick; two schedulers folding at once
 * cannot count one twice (the second's DELETE skips rows the first deleted). Payments never wait on it: they
 * insert deltas and take only a key-share lock on the account row, which this update does not conflict with.
 * Returns the number of deltas folded (a scheduler sweep).
 */
export async function rollUpPlatformBalances(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ folded: number }>`
    with folded as (delete from platform_balance_deltas returning account_id, amount),
    sums as (select account_id, sum(amount) as amount, count(*) as n from folded group by account_id),
    rolled as (update ledger_accounts a set balance = a.balance + s.amount from sums s
      where a.id = s.account_id returning a.id)
    select coalesce(sum(n), 0)::int as folded from sums`.execute(db);
  return rows[0]?.folded ?? 0;
}
