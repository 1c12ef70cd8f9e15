import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { pageOf, pageQuery } from '../../http/page.js';
import { access, defineRoute } from '../../http/route.js';
import { idString } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { orderDetail, reviewView } from './read.js';
import {
  blockBuyer,
  buyerAccept,
  deliver,
  payMilestone,
  postMessage,
  requestRevision,
  unblockBuyer,
} from './service.js';
import {
  milestonePaymentSchema,
  paymentSourceSchema,
  toMilestonePayment,
  toSource,
} from '../payments/schema.js';
import { leaveReview, reviewSchema, tip } from '../reviews/service.js';
import { settingsAt } from '../settings/repository.js';
import { reviewsRevealed } from './rules.js';
import { disputeCount } from '../disputes/guard.js';
import { camel } from '../../http/camel.js';

const orderParams = z.object({ id: idString });
const milestoneParams = z.object({
  id: idString,
  mid: idString,
});

export function orderRoutes(ctx: AppContext) {
  const detail = async (orderId: number, userId: number) => {
    const d = await orderDetail(ctx.db, orderId, { userId }, ctx.clock.now());
    if (!d) throw problems.notFound('order');
    return d;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/orders',
      tag: 'Orders',
      access: access.user,
      summary: 'Your orders, as buyer and as seller, newest first (paginated: page, perPage)',
      query: pageQuery.extend({
        role: z.enum(['buyer', 'seller']).optional(),
        status: z.enum(['awaiting_payment', 'in_progress', 'delivered', 'completed', 'cancelled']).optional(),
      }),
      handler: async ({ query, user }) => {
        let qb = ctx.db
          .selectFrom('orders')
          .select([
            'id',
            'title',
            'status',
            ...camel('buyer_id', 'seller_id'),
            'total',
            ...camel('created_at', 'due_at', 'completed_at'),
          ])
          .orderBy('id', 'desc');
        const uid = user.id;
        qb =
          query.role === 'buyer'
            ? qb.where('buyer_id', '=', uid)
            : query.role === 'seller'
              ? qb.where('seller_id', '=', uid)
              : qb.where((eb) => eb.or([eb('buyer_id', '=', uid), eb('seller_id', '=', uid)]));
        if (query.status) qb = qb.where('status', '=', query.status);
        const page = await pageOf(qb, query);
        return {
          ...page,
          items: page.items.map((o) => ({ ...o, role: o.buyerId === uid ? 'buyer' : 'seller' })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/orders/:id',
      tag: 'Orders',
      access: access.user,
      summary:
        'One of your orders with milestones, the allowed actions, reviews and the whole timeline (ORD-5)',
      params: orderParams,
      handler: ({ params, user }) => detail(params.id, user.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/orders/:id/charges',
      tag: 'Orders',
      access: access.user,
      summary:
        "The buyer's payments of this order's milestones: reference, amount, date, method, and which charge" +
        ' a duplicate card charge repeats (REF-3; cite its reference in a duplicate_charge refund request)',
      params: orderParams,
      handler: async ({ params, user }) => (await detail(params.id, user.id)).charges,
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/orders/:id/milestones/:mid/pay',
      tag: 'Orders',
      access: access.user,
      summary:
        'Pay a milestone into escrow (ORD-2) by card, credit or earnings; or, where the payment provider' +
        ' offers it, by bank transfer: the answer carries the virtual account to pay into and the milestone' +
        ' stays awaiting payment until the provider settles it. Accepts Idempotency-Key (MNY-5)',
      params: milestoneParams,
      body: milestonePaymentSchema,
      idempotent: true,
      handler: ({ params, body, user, transaction }) =>
        transaction((trx) =>
          payMilestone(ctx, trx, user.id, params.id, params.mid, toMilestonePayment(body)),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/orders/:id/deliveries',
      tag: 'Orders',
      access: access.user,
      status: 201,
      summary:
        'Deliver the current milestone (seller; ORD-3). Without an answer it is' +
        ' accepted after the policy days',
      params: orderParams,
      body: z.object({
        message: z.string().trim().min(1).max(10_000),
        files: z.array(z.url()).max(20).default([]),
      }),
      handler: ({ params, body, user }) =>
        ctx.db
          .transaction()
          .execute((trx) => deliver(ctx, trx, user.id, params.id, body.message, body.files)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/orders/:id/accept',
      tag: 'Orders',
      access: access.user,
      summary:
        "Accept the delivery (buyer; ORD-3): the milestone's escrow is released" +
        ' (ORD-4). Accepts Idempotency-Key',
      params: orderParams,
      idempotent: true,
      handler: ({ params, user, transaction }) =>
        transaction((trx) => buyerAccept(ctx, trx, user.id, params.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/orders/:id/revisions',
      tag: 'Orders',
      access: access.user,
      summary: 'Ask for a revision of the delivery, within the revisions the order includes (buyer; ORD-3)',
      params: orderParams,
      body: z.object({ message: z.string().trim().min(3).max(10_000) }),
      handler: ({ params, body, user }) =>
        ctx.db.transaction().execute((trx) => requestRevision(ctx, trx, user.id, params.id, body.message)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/orders/:id/messages',
      tag: 'Orders',
      access: access.user,
      status: 201,
      summary: 'Write to the other party on the order (ORD-5)',
      params: orderParams,
      body: z.object({ body: z.string().trim().min(1).max(10_000) }),
      handler: ({ params, body, user }) =>
        ctx.db.transaction().execute((trx) => postMessage(ctx, trx, user.id, params.id, body.body)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/orders/:id/reviews',
      tag: 'Reviews',
      access: access.user,
      status: 201,
      summary: "Review the other party (RVW-1..3); a buyer's review on a delivered order accepts it (ORD-3)",
      params: orderParams,
      body: reviewSchema,
      idempotent: true,
      handler: async ({ params, body, user, transaction }) =>
        reviewView(await transaction((trx) => leaveReview(ctx, trx, user.id, params.id, body))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/orders/:id/tips',
      tag: 'Reviews',
      access: access.user,
      status: 201,
      summary:
        'Tip the seller after a review above 3 stars, within the tip window (RVW-5). Accepts Idempotency-Key',
      params: orderParams,
      body: z.intersection(
        z.object({ amount: z.number().int().min(1000).max(100_000_000) }),
        paymentSourceSchema,
      ),
      idempotent: true,
      handler: ({ params, body, user, transaction }) =>
        transaction((trx) => tip(ctx, trx, user.id, params.id, body.amount, toSource(body))),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/users/:id/block',
      tag: 'Orders',
      access: access.user,
      status: 201,
      summary: 'Block a buyer from ordering from you, with a reason (ORD-6; sellers)',
      params: orderParams,
      body: z.object({ reason: z.string().trim().min(3).max(1000) }),
      handler: ({ params, body, user }) => blockBuyer(ctx, user.id, params.id, body.reason),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/users/:id/block',
      tag: 'Orders',
      access: access.user,
      summary: 'Lift your block of a buyer (ORD-6)',
      params: orderParams,
      handler: async ({ params, user }) => {
        await unblockBuyer(ctx, user.id, params.id);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/users/:id',
      tag: 'Reviews',
      access: access.public,
      summary:
        'A public profile: seller level, rating, reviews received (revealed ones' +
        ' only; RVW-3), disputes count',
      params: orderParams,
      handler: async ({ params }) => {
        const u = await ctx.db
          .selectFrom('users')
          .select([
            'id',
            'name',
            'username',
            'bio',
            'country',
            'is_seller',
            'seller_level',
            'created_at',
            'status',
          ])
          .where('id', '=', params.id)
          .executeTakeFirst();
        if (!u || u.status === 'pending_activation') throw problems.notFound('user');
        const now = ctx.clock.now();
        const received = await ctx.db
          .selectFrom('reviews')
          .innerJoin('orders', 'orders.id', 'reviews.order_id')
          .selectAll('reviews')
          .select('orders.completed_at')
          .select(
            sql<number>`(select count(*)::int from reviews r2 where r2.order_id = reviews.order_id)`.as(
              'reviewsOnOrder',
            ),
          )
          .where('reviews.subject_id', '=', u.id)
          .where('reviews.removed_at', 'is', null)
          .orderBy('reviews.id', 'desc')
          .execute();
        // The review window in force when each order completed (POL-1), looked up once per moment.
        const windows = new Map<number, Promise<number>>();
        const windowAt = (at: Date) =>
          windows.get(at.getTime()) ??
          windows
            .set(
              at.getTime(),
              settingsAt(ctx.db, at).then((s) => s.review_window_days),
            )
            .get(at.getTime())!;
        const visible = [];
        for (const r of received) {
          const windowDays = r.completed_at ? await windowAt(r.completed_at) : 0;
          if (reviewsRevealed(r.reviewsOnOrder, r.completed_at, windowDays, now)) visible.push(reviewView(r));
        }
        const rating = visible.length
          ? Math.round((visible.reduce((a, r) => a + r.stars, 0) / visible.length) * 10) / 10
          : null;
        const completed = await ctx.db
          .selectFrom('orders')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('seller_id', '=', u.id)
          .where('status', '=', 'completed')
          .executeTakeFirstOrThrow();
        return {
          id: u.id,
          name: u.name,
          username: u.username,
          bio: u.bio,
          country: u.country,
          isSeller: u.is_seller,
          sellerLevel: u.seller_level,
          memberSince: u.created_at,
          rating,
          reviewCount: visible.length,
          completedOrders: Number(completed.n),
          disputes: await disputeCount(ctx.db, u.id),
          reviews: visible.slice(0, 50),
        };
      },
    }),
  ];
}
