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
  if (message.userId !== undefined)
    await db
      .insertInto('notifications')
      .values({
        user_id: message.userId,
        kind: message.kind,
        subject: message.subject,
        body: message.text,
        payload: JSON.stringify(message.payload ?? {}),
        created_at: now,
        read_at: null,
      })
      .execute();
  await db
    .insertInto('outbox')
    .values({
      kind: message.kind,
      recipient: message.to,
      subject: message.subject,
      body: message.text,
      payload: JSON.stringify(message.payload ?? {}),
      created_at: now,
      next_attempt_at: now,
      sent_at: null,
      last_error: null,
    })
    .execute();
}
