import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #14: INV-2's counter row serialised every payment from the invoice to the commit (about ten
// statements), so card payments at 16 clients ran no faster than at one. A payment's invoice is now
// inserted without its number, and a deferred constraint trigger takes the next number at commit: the
// counter row is locked for the commit only. A transaction that rolls back never takes a number, two never
// get the same one, so the numbers still have no gaps. Nothing can commit an invoice without a number.

const IMMUTABLE_BEFORE = `create or replace function invoices_immutable() returns trigger language plpgsql as $$
   begin
     if row(new.kind, new.series, new.year, new.seq, new.number, new.user_id, new.order_id, new.milestone_id,
            new.payment_reference, new.payment_source, new.description, new.subtotal, new.tax_bp,
            new.tax_amount, new.total, new.billing, new.credited_invoice_id, new.replaces_invoice_id,
            new.issued_at)
        is distinct from
        row(old.kind, old.series, old.year, old.seq, old.number, old.user_id, old.order_id, old.milestone_id,
            old.payment_reference, old.payment_source, old.description, old.subtotal, old.tax_bp,
            old.tax_amount, old.total, old.billing, old.credited_invoice_id, old.replaces_invoice_id,
            old.issued_at)
        or old.status <> 'issued' then
       raise exception 'invoice % is immutable (INV-2)', old.number;
     end if;
     return new;
   end $$`;

const up_ = [
  `alter table invoices alter column seq drop not null, alter column number drop not null`,
  // The number may be given only once, to an invoice that has none (by the trigger below).
  `create or replace function invoices_immutable() returns trigger language plpgsql as $$
   begin
     if old.number is null and new.number is not null and new.seq is not null then
       old.seq := new.seq;
       old.number := new.number;
     end if;
     if row(new.kind, new.series, new.year, new.seq, new.number, new.user_id, new.order_id, new.milestone_id,
            new.payment_reference, new.payment_source, new.description, new.subtotal, new.tax_bp,
            new.tax_amount, new.total, new.billing, new.credited_invoice_id, new.replaces_invoice_id,
            new.issued_at)
        is distinct from
        row(old.kind, old.series, old.year, old.seq, old.number, old.user_id, old.order_id, old.milestone_id,
            old.payment_reference, old.payment_source, old.description, old.subtotal, old.tax_bp,
            old.tax_amount, old.total, old.billing, old.credited_invoice_id, old.replaces_invoice_id,
            old.issued_at)
        or old.status <> 'issued' then
       raise exception 'invoice % is immutable (INV-2)', coalesce(old.number, old.id::text);
     end if;
     return new;
   end $$`,
  `create function invoices_number_at_commit() returns trigger language plpgsql as $$
   declare
     next integer;
     digits text;
   begin
     if exists (select 1 from invoices where id = new.id and number is null) then
       insert into invoice_counters (series, year, last) values (new.series, new.year, 1)
         on conflict (series, year) do update set last = invoice_counters.last + 1
         returning last into next;
       digits := next::text;
       update invoices
          set seq = next,
              number = new.series || '/' || new.year || '/' ||
                case when length(digits) >= 6 then digits else lpad(digits, 6, '0') end
        where id = new.id;
     end if;
     return null;
   end $$`,
  `create constraint trigger invoices_number_at_commit after insert on invoices
     deferrable initially deferred for each row execute function invoices_number_at_commit()`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of up_) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger invoices_number_at_commit on invoices`.execute(db);
  await sql`drop function invoices_number_at_commit()`.execute(db);
  await sql.raw(IMMUTABLE_BEFORE).execute(db);
  await sql`alter table invoices alter column seq set not null, alter column number set not null`.execute(db);
}
