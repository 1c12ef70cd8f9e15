import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { applyTransition, defineMachine, type Transition } from '../../machines/apply.js';

/**
 * INV-2, INV-3: an invoice is issued once and never changed; corrected billing information re-issues it
 * under a new number, which cancels the old one. Credit notes are only ever issued.
 */
export type InvoiceStatus = 'issued' | 'cancelled';
export const INVOICE_TRANSITIONS = [
  {
    name: 'reissue',
    from: ['issued'],
    to: 'cancelled',
    actor: 'system',
    rule: 'INV-3',
    description: 'The buyer corrected their billing information: a new invoice replaces this one.',
    consequence: true,
  },
] as const satisfies readonly Transition<InvoiceStatus, 'system'>[];

export const INVOICE_MACHINE = defineMachine<InvoiceStatus, 'system', never, 'invoices'>({
  table: 'invoices',
  column: 'status',
  initial: ['issued'],
  transitions: INVOICE_TRANSITIONS,
});

export async function cancelByReissue(
  trx: Transaction<Database>,
  now: Date,
  old: { id: number; status: InvoiceStatus },
  replacementId: number,
) {
  await applyTransition(trx, {
    machine: INVOICE_MACHINE,
    id: old.id,
    state: old.status,
    name: 'reissue',
    actor: 'system',
    now,
    set: {
      cancelled_by_invoice_id: replacementId,
      cancelled_at: now,
      reason: 'Billing information corrected (INV-3)',
    },
  });
}
