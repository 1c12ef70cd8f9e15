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

  /**
   * The cookie's lifetime from now by this store's clock (express-session dates the cookie by the system's).
   * Lifetimes are whole seconds: express-session derives a new cookie's originalMaxAge from its expiry and
   * the system clock, a millisecond short when the clock ticks in between.
   */
  private expiry(sess: session.SessionData): Date {
    const maxAge = sess.cookie?.originalMaxAge ?? DEFAULT_TTL_MS;
    return new Date(this.clock.now().getTime() + Math.round(maxAge / 1000) * 1000);
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
    // What a staff member needs to recognise their session (OPS-7), in columns the session list reads.
    const staffId = Number((sess as { passport?: { user?: unknown } }).passport?.user);
    const meta = {
      staff_id: Number.isSafeInteger(staffId) && staffId > 0 ? staffId : null,
      created_at: sess.startedAt ? new Date(sess.startedAt) : null,
      last_seen_at: sess.seenAt ? new Date(sess.seenAt) : null,
      ip: sess.ip ?? null,
      user_agent: sess.userAgent ?? null,
    };
    // A session this store wrote before carries `stored`: it is only updated, never written back, so a
    // request still running when its session was ended (by its member, an admin, a deactivation, expiry)
    // cannot bring the row back when it saves at its end. A new session (after login) is inserted.
    const stored = (sess as { stored?: unknown }).stored === true;
    const row = {
      sid,
      sess: JSON.stringify({ ...sess, stored: true }),
      expires_at: this.expiry(sess),
      ...meta,
    };
    const write = stored
      ? this.db.updateTable('staff_sessions').set(row).where('sid', '=', sid)
      : this.db
          .insertInto('staff_sessions')
          .values(row)
          .onConflict((oc) =>
            oc.column('sid').doUpdateSet({ sess: row.sess, expires_at: row.expires_at, ...meta }),
          );
    write.execute().then(
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
