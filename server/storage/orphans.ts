import type { Logger } from 'pino';
import type { Executor } from '../../db/schema.js';
import { scheduleJob } from '../jobs/jobs.js';
import { nextDailyAt } from '../time/business-days.js';
import { keyTime, type FileStorage } from './storage.js';

export const JOB_ORPHAN_FILES = 'storage.clean-orphans';

/** A file without a row is left alone this long: its upload's transaction may still be running. */
export const ORPHAN_AGE_MS = 24 * 3600 * 1000;

/**
 * Deletes stored files that no row points at (their transaction failed after the upload) once they are a
 * day old. A key's age is the product-clock moment written into it (`keyTime`), else the store's
 * modification time. Answers how many files were deleted.
 */
export async function cleanOrphanFiles(
  db: Executor,
  storage: FileStorage,
  now: Date,
  logger?: Logger,
): Promise<number> {
  const cutoff = now.getTime() - ORPHAN_AGE_MS;
  let deleted = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const keys = batch;
    batch = [];
    const referenced = new Set(
      (
        await db
          .selectFrom('evidence_files')
          .select('storage_key')
          .where('storage_key', 'in', keys)
          .unionAll(db.selectFrom('user_documents').select('storage_key').where('storage_key', 'in', keys))
          // Support ticket attachments (SUP-1) are stored files too: never orphans while their row exists.
          .unionAll(
            db.selectFrom('ticket_attachments').select('storage_key').where('storage_key', 'in', keys),
          )
          .execute()
      ).map((r) => r.storage_key),
    );
    for (const key of keys) {
      if (referenced.has(key)) continue;
      await storage.delete(key);
      deleted++;
    }
  };
  for await (const object of storage.list()) {
    const madeAt = keyTime(object.key) ?? object.lastModified;
    if (madeAt.getTime() > cutoff) continue;
    batch.push(object.key);
    if (batch.length >= 500) await flush();
  }
  await flush();
  if (deleted) logger?.info({ deleted }, 'orphan files deleted');
  return deleted;
}

/** Daily at 02:00 in Jakarta (19:00 UTC), one job per day whatever the number of instances. */
export async function scheduleNextOrphanCleanup(db: Executor, now: Date): Promise<void> {
  const next = nextDailyAt(now, 19);
  await scheduleJob(db, now, {
    kind: JOB_ORPHAN_FILES,
    runAt: next,
    dedupeKey: `orphan-files:${next.toISOString().slice(0, 10)}`,
  });
}
