import session from 'express-session';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../time/clock.js';

const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;

/** express-session store on the `staff_sessions` table, so sessions survive restarts and span instances. */
export class DatabaseSessionStore extends session.Store {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    super();
  }

  private expiry(sess: session.SessionData): Date {
    const expires = sess.cookie?.expires ? new Date(sess.cookie.expires) : null;
    return expires ?? new Date(this.clock.now().getTime() + DEFAULT_TTL_MS);
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    this.db
      .selectFrom('staff_sessions')
      .select(['sess', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then(
        (row) =>
          cb(null, row && row.expires_at > this.clock.now() ? (row.sess as session.SessionData) : null),
        cb,
      );
  }

  override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    const row = { sid, sess: JSON.stringify(sess), expires_at: this.expiry(sess) };
    this.db
      .insertInto('staff_sessions')
      .values(row)
      .onConflict((oc) => oc.column('sid').doUpdateSet({ sess: row.sess, expires_at: row.expires_at }))
      .execute()
      .then(
        () => cb?.(),
        (e) => cb?.(e),
      );
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void): void {
    this.db
      .updateTable('staff_sessions')
      .set({ expires_at: this.expiry(sess) })
      .where('sid', '=', sid)
      .execute()
      .then(
        () => cb?.(),
        (e) => cb?.(e),
      );
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.db
      .deleteFrom('staff_sessions')
      .where('sid', '=', sid)
      .execute()
      .then(
        () => cb?.(),
        (e) => cb?.(e),
      );
  }

  /** Removes expired sessions; the scheduler calls it. */
  async prune(): Promise<number> {
    const r = await this.db
      .deleteFrom('staff_sessions')
      .where('expires_at', '<=', this.clock.now())
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
