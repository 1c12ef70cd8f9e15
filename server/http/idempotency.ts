import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { problems } from './problem.js';

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * MNY-5, Stripe-style: runs `work` in one transaction together with the record of its
 * answer under the caller's `Idempotency-Key`. A retry with the same key and body answers
 * the first result and moves nothing; the same key with another body is a 422. A
 * concurrent twin blocks on the key's row until the first commits, then replays it.
 * Failed requests are not stored: a retry runs again.
 */
export async function idempotent<T>(
  db: Kysely<Database>,
  call: { req: Request; res: Response; scope: string; now: () => Date },
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const { req, res, scope, now } = call;
  const key = req.get('idempotency-key');
  if (key === undefined) return db.transaction().execute(work);
  if (!KEY.test(key))
    throw problems.validation([
      {
        field: 'headers.idempotency-key',
        message: '1 to 255 visible ASCII characters (a UUID is a good key)',
      },
    ]);
  const hash = createHash('sha256')
    .update(`${req.method} ${req.originalUrl.split('?')[0]}\n${JSON.stringify(req.body ?? null)}`)
    .digest('hex');
  const result = await db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('idempotency_keys')
      .values({ scope, key, request_hash: hash, status: 0, response: 'null', created_at: now() })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const first = await trx
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (first.request_hash !== hash) {
        throw problems.unprocessable(
          'idempotency-key-reused',
          'Idempotency key reused',
          'This Idempotency-Key was used for a different request. Use a new key for a new request.',
        );
      }
      return { replayed: true as const, value: JSON.parse(first.response) as T };
    }
    const value = await work(trx);
    await trx
      .updateTable('idempotency_keys')
      .set({ status: res.statusCode, response: JSON.stringify(value ?? null) })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
    return { replayed: false as const, value };
  });
  if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return result.value;
}
