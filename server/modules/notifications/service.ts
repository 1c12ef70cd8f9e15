import type { AppContext } from '../../context.js';
import { problems } from '../../http/problem.js';
import { pageOf, type PageQuery } from '../../http/page.js';
import { markAllRead, markRead, notificationsOf, unreadCount } from './repository.js';

/** SUP-7: a page of the user's notifications and how many are unread. */
export async function notificationPage(ctx: AppContext, userId: number, query: PageQuery) {
  const page = await pageOf(notificationsOf(ctx.db, userId), query);
  return { ...page, unreadCount: await unreadCount(ctx.db, userId) };
}

export async function readNotification(ctx: AppContext, userId: number, id: number) {
  const n = await markRead(ctx.db, userId, id, ctx.clock.now());
  if (!n) throw problems.notFound('notification');
  return { ...n, unreadCount: await unreadCount(ctx.db, userId) };
}

export async function readAllNotifications(ctx: AppContext, userId: number) {
  return { marked: await markAllRead(ctx.db, userId, ctx.clock.now()), unreadCount: 0 };
}
