import type { Executor } from '../../../db/schema.js';
import type { Clock } from '../../time/clock.js';

export interface OutboxMessage {
  kind: string;
  to: string;
  subject: string;
  text: string;
  payload?: Record<string, unknown>;
}

/** OPS-5: a notification is a row written in the caller's transaction; the scheduler delivers it. */
export async function enqueue(db: Executor, clock: Clock, message: OutboxMessage): Promise<void> {
  const now = clock.now();
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
