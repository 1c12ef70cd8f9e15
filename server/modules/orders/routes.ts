import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { pageOf, pageQuery } from '../../http/page.js';
import { access, defineRoute } from '../../http/route.js';
import { idString } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { orderDetail, ordersOfUser, publicProfile, reviewView } from './read.js';
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
        const uid = user.id;
        const qb = ordersOfUser(ctx.db, uid, query);
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
          payMilestone(ctx, trx, {
            userId: user.id,
            orderId: params.id,
            milestoneId: params.mid,
            payment: toMilestonePayment(body),
          }),
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
        deliver(ctx, {
          userId: user.id,
          orderId: params.id,
          message: body.message,
          files: body.files,
        }),
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
        requestRevision(ctx, { userId: user.id, orderId: params.id, message: body.message }),
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
        postMessage(ctx, { userId: user.id, orderId: params.id, body: body.body }),
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
        reviewView(
          await transaction((trx) => leaveReview(ctx, trx, { userId: user.id, orderId: params.id }, body)),
        ),
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
        transaction((trx) =>
          tip(ctx, trx, user.id, { orderId: params.id, amount: body.amount, source: toSource(body) }),
        ),
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
      handler: async ({ params }) =>
        (await publicProfile(ctx.db, params.id, ctx.clock.now())) ??
        Promise.reject(problems.notFound('user')),
    }),
  ];
}
