import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';

/** Invoices and credit notes with the numbers of the documents they point at. */
export function documents(db: Executor) {
  return db
    .selectFrom('invoices')
    .innerJoin('users', 'users.id', 'invoices.user_id')
    .leftJoin('invoices as credited', 'credited.id', 'invoices.credited_invoice_id')
    .leftJoin('invoices as replaces', 'replaces.id', 'invoices.replaces_invoice_id')
    .leftJoin('invoices as replacement', 'replacement.id', 'invoices.cancelled_by_invoice_id')
    .select([
      'invoices.id',
      'invoices.kind',
      'invoices.number',
      'invoices.status',
      ...camel('invoices.user_id'),
      'users.name as userName',
      'users.email as userEmail',
      ...camel('invoices.order_id', 'invoices.milestone_id'),
      'invoices.description',
      ...camel('invoices.payment_source', 'invoices.payment_reference'),
      'invoices.subtotal',
      ...camel('invoices.tax_bp', 'invoices.tax_amount'),
      'invoices.total',
      'invoices.billing',
      'invoices.issuer',
      'credited.number as creditedNumber',
      'replaces.number as replacesNumber',
      'replacement.number as cancelledByNumber',
      'invoices.reason',
      ...camel('invoices.issued_at', 'invoices.cancelled_at'),
    ]);
}

/** The language a user reads their documents in (stored; checked by the caller). */
export async function localeOf(db: Executor, userId: number) {
  return db.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirstOrThrow();
}
