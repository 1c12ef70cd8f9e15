import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// A refund made at the payment provider outside Pasar (e.g. from Midtrans' dashboard) leaves the provider's
// money: the ledger books it against a platform account finance settles, `provider_refunds`.

const KINDS = [
  'credit',
  'pending',
  'available',
  'withdrawing',
  'held',
  'gateway',
  'escrow',
  'revenue',
  'fees_payment',
  'arbitration_fees',
];

async function allow(db: Kysely<any>, kinds: string[]) {
  await sql`alter table ledger_accounts drop constraint ledger_accounts_kind_check`.execute(db);
  await sql
    .raw(
      `alter table ledger_accounts add constraint ledger_accounts_kind_check check (kind in (${kinds
        .map((k) => `'${k}'`)
        .join(', ')}))`,
    )
    .execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await allow(db, [...KINDS, 'provider_refunds']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await allow(db, KINDS);
}
