import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';

export const unreadCount = async (db: Executor, userId: number) =>
  Number(
    (
      await db
        .selectFrom('notifications')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A user's notifications, unread first, then newest first. */
export const notificationsOf = (db: Executor, userId: number) =>
  db
    .selectFrom('notifications')
    .select(['id', 'kind', 'subject', 'body', 'payload', ...camel('created_at', 'read_at')])
    .where('user_id', '=', userId)
    .orderBy(sql`read_at is null`, 'desc')
    .orderBy('id', 'desc');

/** Marks one notification of the user read (a read one keeps its first time); undefined if not theirs. */
export const markRead = (db: Executor, userId: number, id: number, now: Date) =>
  db
    .updateTable('notifications')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(now)) }))
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning(['id', ...camel('read_at')])
    .executeTakeFirst();

/** Marks every unread notification of the user read; how many were. */
export const markAllRead = async (db: Executor, userId: number, now: Date) =>
  Number(
    (
      await db
        .updateTable('notifications')
        .set({ read_at: now })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst()
    ).numUpdatedRows,
  );
