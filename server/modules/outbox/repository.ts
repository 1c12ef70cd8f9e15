import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';

/** The outbox's messages as staff read them; SMS have their own page (GET /api/admin/sms-outbox). */
export function outboxMessages(db: Executor) {
  return (
    db
      .selectFrom('outbox')
      .select([
        'id',
        'kind',
        'recipient as to',
        'subject',
        'body as text',
        ...camel('created_at'),
        'status',
        'attempts',
        ...camel('sent_at', 'last_error'),
      ])
      // SMS have their own page (GET /api/admin/sms-outbox).
      .where('recipient', 'not like', 'sms:%')
  );
}
