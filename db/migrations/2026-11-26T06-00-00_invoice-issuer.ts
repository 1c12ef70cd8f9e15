import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// INV-2: an invoice keeps the issuer's details as they were when it was issued (company name, address,
// NPWP come from configuration and may change later); the immutability trigger covers them too.

const trigger = (withIssuer: boolean) => {
  const cols = (r: string) =>
    [
      'kind',
      'series',
      'year',
      'seq',
      'number',
      'user_id',
      'order_id',
      'milestone_id',
      'payment_reference',
      'payment_source',
      'description',
      'subtotal',
      'tax_bp',
      'tax_amount',
      'total',
      'billing',
      'credited_invoice_id',
      'replaces_invoice_id',
      'issued_at',
      ...(withIssuer ? ['issuer'] : []),
    ]
      .map((c) => `${r}.${c}`)
      .join(', ');
  return `create or replace function invoices_immutable() returns trigger language plpgsql as $$
   begin
     if row(${cols('new')}) is distinct from row(${cols('old')}) or old.status <> 'issued' then
       raise exception 'invoice % is immutable (INV-2)', old.number;
     end if;
     return new;
   end $$`;
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw('alter table invoices add column issuer jsonb').execute(db);
  await sql.raw(trigger(true)).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(trigger(false)).execute(db);
  await sql.raw('alter table invoices drop column issuer').execute(db);
}
