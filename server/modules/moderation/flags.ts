import type { Transaction } from 'kysely';
import type { ContactMatch, Database } from '../../../db/schema.js';
import { createRecord } from '../../machines/apply.js';
import { detectContacts } from './contacts.js';
import { CONTENT_FLAG_MACHINE } from './machine.js';

/**
 * CAT-3: records the contact details found in one field of a user's public text for trust & safety.
 * Never refuses the text (a flag alone never blocks); answers what it found.
 */
export async function flagContacts(
  trx: Transaction<Database>,
  now: Date,
  f: {
    subjectType: 'service' | 'proposal' | 'message';
    subjectId: number;
    userId: number;
    field: string;
    text: string;
    orderId?: number | null;
    serviceReviewId?: number | null;
  },
): Promise<ContactMatch[]> {
  const matches = detectContacts(f.text);
  if (!matches.length) return matches;
  await createRecord(trx, CONTENT_FLAG_MACHINE, {
    subject_type: f.subjectType,
    subject_id: f.subjectId,
    user_id: f.userId,
    order_id: f.orderId ?? null,
    service_review_id: f.serviceReviewId ?? null,
    field: f.field,
    text: f.text,
    matches: JSON.stringify(matches),
    decision_reason: null,
    decided_by: null,
    decided_at: null,
    created_at: now,
  });
  return matches;
}
