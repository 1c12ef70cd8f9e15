import type { Executor } from '../../../db/schema.js';
import type { Clock } from '../../time/clock.js';

export interface OutboxMessage {
  kind: string;
  to: string;
  subject: string;
  text: string;
  payload?: Record<string, unknown>;
  /** The end user it is for: SUP-7 shows it in the product too. */
  userId?: number;
}

/**
 * OPS-5: a notification is a row written in the caller's transaction; the scheduler delivers it. The one
 * place outbox rows are written, so every mail to a user is also their in-app notification (SUP-7), in
 * the same transaction.
 */
export async function enqueue(db: Executor, clock: Clock, message: OutboxMessage): Promise<void> {
  const now = clock.now();
  const payload = JSON.stringify(message.payload ?? {});
  const outbox = {
    kind: message.kind,
    recipient: message.to,
    subject: message.subject,
    body: message.text,
    payload,
    created_at: now,
    next_attempt_at: now,
    sent_at: null,
    last_error: null,
  };
  if (message.userId === undefined) {
    await db.insertInto('outbox').values(outbox).execute();
    return;
  }
  // Issue #14: the notification and its mail in one statement (one round trip on the money path).
  await db
    .with('notification', (q) =>
      q.insertInto('notifications').values({
        user_id: message.userId!,
        kind: message.kind,
        subject: message.subject,
        body: message.text,
        payload,
        created_at: now,
        read_at: null,
      }),
    )
    .insertInto('outbox')
    .values(outbox)
    .execute();
}
