import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { pageQuery } from '../../http/page.js';
import { notificationPage, readAllNotifications, readNotification } from './service.js';

/**
 * SUP-7: what the outbox emails a user, shown in the product. The rows are written by the outbox itself
 * (server/modules/outbox/outbox.ts), in the transaction of the change they tell about.
 */
export function notificationRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/notifications',
      tag: 'Notifications',
      access: access.user,
      summary:
        'Your notifications, unread first, then newest first, with unreadCount (paginated: page, perPage)',
      query: pageQuery,
      handler: ({ query, user }) => notificationPage(ctx, user.id, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/notifications/:id/read',
      tag: 'Notifications',
      access: access.user,
      summary: 'Mark one of your notifications read (again is fine)',
      params: idParams,
      handler: ({ params, user }) => readNotification(ctx, user.id, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/notifications/read-all',
      tag: 'Notifications',
      access: access.user,
      summary: 'Mark all your notifications read',
      handler: ({ user }) => readAllNotifications(ctx, user.id),
    }),
  ];
}
