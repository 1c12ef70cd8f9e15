import { sql, type Kysely } from 'kysely';
import pLimit from 'p-limit';
import type { Database } from '../../../db/schema.js';
import type { Clock } from '../../time/clock.js';
import { mailHtml } from '../../notifications/html.js';
import { isPermanentMailError, type Mailer } from './mailer.js';

const MAX_ATTEMPTS = 8;

export interface DeliveryOptions {
  /** Rows claimed per transaction. */
  batch?: number;
  /** Messages handed to the mailer at once within a batch. */
  concurrency?: number;
  /** Batches per call, so one scheduler tick never runs unbounded. */
  maxBatches?: number;
}

/**
 * Delivers due outbox rows. Each batch is claimed in one transaction with FOR UPDATE SKIP
 * LOCKED, so several workers share the queue without sending a message twice; its messages
 * go to the mailer concurrently and the sent ones are marked in one statement. A failed send
 * is retried with exponential backoff (per message), then marked failed; a permanent refusal (an SMTP
 * 5xx reply) is marked failed at once with its error. Each message goes out with a text part and an HTML
 * part in the reader's language (the text was written in it; the HTML is made from it). A crash before
 * commit leaves the batch pending: delivery is at least once, as with any mail queue.
 */
export async function deliverOutbox(
  db: Kysely<Database>,
  clock: Clock,
  mailer: Mailer,
  { batch = 200, concurrency = 32, maxBatches = 50 }: DeliveryOptions = {},
): Promise<number> {
  const limit = pLimit(concurrency);
  let delivered = 0;
  for (let b = 0; b < maxBatches; b++) {
    const claimed = await db.transaction().execute(async (trx) => {
      const now = clock.now();
      const rows = await trx
        .selectFrom('outbox')
        .select(['outbox.id', 'recipient', 'subject', 'body', 'attempts'])
        .select((eb) =>
          eb
            .selectFrom('users')
            .select('users.locale')
            // Through users_email_unique (lower(email)): a plain email = recipient read every user per
            // message.
            .where(sql`lower(users.email)`, '=', sql`lower(outbox.recipient)`)
            .limit(1)
            .as('locale'),
        )
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('outbox.id')
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      const failures = await Promise.all(
        rows.map((row) =>
          limit(async () => {
            try {
              await mailer.send({
                to: row.recipient,
                subject: row.subject,
                text: row.body,
                html: mailHtml(row.subject, row.body, row.locale),
              });
              return null;
            } catch (e) {
              return { row, error: String((e as Error)?.message ?? e), permanent: isPermanentMailError(e) };
            }
          }),
        ),
      );
      const failed = failures.filter((f) => f !== null);
      const sentIds = rows.filter((_, i) => failures[i] === null).map((r) => r.id);
      if (sentIds.length) {
        await trx
          .updateTable('outbox')
          .set({ status: 'sent', sent_at: now, attempts: sql<number>`attempts + 1`, last_error: null })
          .where('id', 'in', sentIds)
          .execute();
      }
      for (const { row, error, permanent } of failed) {
        const attempts = row.attempts + 1;
        await trx
          .updateTable('outbox')
          .set({
            status: permanent || attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            attempts,
            last_error: error.slice(0, 2000),
            next_attempt_at: new Date(now.getTime() + 2 ** attempts * 30_000),
          })
          .where('id', '=', row.id)
          .execute();
      }
      return rows.length;
    });
    delivered += claimed;
    if (claimed < batch) break;
  }
  return delivered;
}
