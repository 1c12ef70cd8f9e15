import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Clock } from '../../time/clock.js';
import type { Mailer } from './mailer.js';

const MAX_ATTEMPTS = 8;

/**
 * Delivers due outbox rows, one row per transaction, claimed with FOR UPDATE SKIP LOCKED
 * so that several workers share the work without sending a message twice. A failed send
 * is retried with exponential backoff, then marked failed.
 */
export async function deliverOutbox(
  db: Kysely<Database>,
  clock: Clock,
  mailer: Mailer,
  batch = 20,
): Promise<number> {
  let delivered = 0;
  for (let i = 0; i < batch; i++) {
    const outcome = await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const row = await trx
        .selectFrom('outbox')
        .selectAll()
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row) return 'none' as const;
      try {
        await mailer.send({ to: row.recipient, subject: row.subject, text: row.body });
        await trx
          .updateTable('outbox')
          .set({ status: 'sent', sent_at: now, attempts: row.attempts + 1, last_error: null })
          .where('id', '=', row.id)
          .execute();
      } catch (e) {
        const attempts = row.attempts + 1;
        await trx
          .updateTable('outbox')
          .set({
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            attempts,
            last_error: String((e as Error)?.message ?? e),
            next_attempt_at: new Date(now.getTime() + 2 ** attempts * 30_000),
          })
          .where('id', '=', row.id)
          .execute();
      }
      return 'done' as const;
    });
    if (outcome === 'none') break;
    delivered++;
  }
  return delivered;
}
