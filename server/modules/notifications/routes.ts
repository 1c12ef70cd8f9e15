import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { problems } from '../../http/problem.js';
import { pageOf, pageQuery } from '../../http/page.js';
import { camel } from '../../http/camel.js';

/**
 * SUP-7: what the outbox emails a user, shown in the product. The rows are written by the outbox itself
 * (server/modules/outbox/outbox.ts), in the transaction of the change they tell about.
 */
export function notificationRoutes(ctx: AppContext) {
  const unread = async (userId: number) =>
    Number(
      (
        await ctx.db
          .selectFrom('notifications')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('user_id', '=', userId)
          .where('read_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/notifications',
      tag: 'Notifications',
      access: access.user,
      summary:
        'Your notifications, unread first, then newest first, with unreadCount (paginated: page, perPage)',
      query: pageQuery,
      handler: async ({ query, user }) => {
        const page = await pageOf(
          ctx.db
            .selectFrom('notifications')
            .select(['id', 'kind', 'subject', 'body', 'payload', ...camel('created_at', 'read_at')])
            .where('user_id', '=', user.id)
            .orderBy(sql`read_at is null`, 'desc')
            .orderBy('id', 'desc'),
          query,
        );
        return { ...page, unreadCount: await unread(user.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/notifications/:id/read',
      tag: 'Notifications',
      access: access.user,
      summary: 'Mark one of your notifications read (again is fine)',
      params: idParams,
      handler: async ({ params, user }) => {
        const n = await ctx.db
          .updateTable('notifications')
          .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(ctx.clock.now())) }))
          .where('id', '=', params.id)
          .where('user_id', '=', user.id)
          .returning(['id', ...camel('read_at')])
          .executeTakeFirst();
        if (!n) throw problems.notFound('notification');
        return { ...n, unreadCount: await unread(user.id) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/notifications/read-all',
      tag: 'Notifications',
      access: access.user,
      summary: 'Mark all your notifications read',
      handler: async ({ user }) => {
        const r = await ctx.db
          .updateTable('notifications')
          .set({ read_at: ctx.clock.now() })
          .where('user_id', '=', user.id)
          .where('read_at', 'is', null)
          .executeTakeFirst();
        return { marked: Number(r.numUpdatedRows), unreadCount: 0 };
      },
    }),
  ];
}
