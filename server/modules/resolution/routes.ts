import { escalationActions } from './machine.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { intString } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { listQuery, listResource } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { claimRoute } from '../support/claim-routes.js';
import { orderDetail, resolutionRequestView } from '../orders/read.js';
import {
  acceptRequest,
  declineRequest,
  decideEscalation,
  escalate,
  newRequestSchema,
  openRequest,
  outcomePreview,
  withdrawRequest,
} from './service.js';
import { REASONS } from './rules.js';
import { OPEN } from '../orders/machine.js';
import { pageOf, pageQuery } from '../../http/page.js';
import { withQueueFilters } from '../dashboards/queues.js';
import { orderCaseWithNotes } from '../decisions/notes.js';

import { ESCALATION_OUTCOMES } from './rules.js';
import { escalationListSpec, findEscalation, requestsOfUser, staffEscalations } from './repository.js';

export function resolutionRoutes(ctx: AppContext) {
  const base = () => staffEscalations(ctx.db, ctx.clock);
  const mineQuery = (userId: number) => requestsOfUser(ctx.db, userId);
  const mineView = (
    r: Awaited<ReturnType<ReturnType<typeof mineQuery>['executeTakeFirstOrThrow']>>,
    userId: number,
  ) => ({
    ...resolutionRequestView(r, r.buyerId === userId ? 'buyer' : 'seller', OPEN.includes(r.orderStatus)),
    orderTitle: r.orderTitle,
  });
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/resolution-requests',
      tag: 'Resolution centre',
      access: access.user,
      summary:
        'Resolution requests on your orders, made by you or the other party,' +
        ' newest first (SUP-7; paginated:' +
        ' page, perPage)',
      query: pageQuery,
      handler: async ({ query, user }) => {
        const page = await pageOf(mineQuery(user.id).orderBy('resolution_requests.id', 'desc'), query);
        return { ...page, items: page.items.map((r) => mineView(r, user.id)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/resolution-requests/:id',
      tag: 'Resolution centre',
      access: access.user,
      summary: 'A resolution request on one of your orders (SUP-7); any other id is 404',
      params: idParams,
      handler: async ({ params, user }) => {
        const r = await mineQuery(user.id).where('resolution_requests.id', '=', params.id).executeTakeFirst();
        if (!r) throw problems.notFound('resolution request');
        return mineView(r, user.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/orders/:id/resolution-requests',
      tag: 'Resolution centre',
      access: access.user,
      status: 201,
      summary:
        'Send the other party a request (RES-1, RES-2): cancel, update, extend_delivery, extras,' +
        ' extra_revisions. Reasons: ' +
        Object.entries(REASONS)
          .map(([k, v]) => `${k}: ${v.join(', ')}`)
          .join('; '),
      params: idParams,
      body: newRequestSchema,
      handler: async ({ params, body, user }) => {
        const req = await openRequest(ctx, { userId: user.id, orderId: params.id, input: body });
        return resolutionRequestView(req, req.requester_role, true);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/resolution-requests/:id/accept',
      tag: 'Resolution centre',
      access: access.user,
      summary:
        "Accept the other party's request (a cancellation returns the escrow to the buyer's credit, RES-8)",
      params: idParams,
      idempotent: true,
      handler: ({ params, user, transaction }) =>
        transaction((trx) => acceptRequest(ctx, trx, user.id, params.id)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/resolution-requests/:id/decline',
      tag: 'Resolution centre',
      access: access.user,
      summary: "Decline the other party's request",
      params: idParams,
      body: z.object({ answer: z.string().trim().max(5000).optional() }),
      handler: ({ params, body, user }) =>
        declineRequest(ctx, { userId: user.id, requestId: params.id, answer: body.answer }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/resolution-requests/:id/withdraw',
      tag: 'Resolution centre',
      access: access.user,
      summary: 'Withdraw your own open request (RES-6)',
      params: idParams,
      handler: ({ params, user }) => withdrawRequest(ctx, user.id, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/resolution-requests/:id/escalate',
      tag: 'Resolution centre',
      access: access.user,
      status: 201,
      summary: 'Escalate a declined cancellation to support (RES-7), with your side of the story',
      params: idParams,
      body: z.object({ statement: z.string().trim().min(10).max(5000) }),
      handler: ({ params, body, user }) =>
        escalate(ctx, { userId: user.id, requestId: params.id, statement: body.statement }),
    }),

    defineRoute({
      method: 'get',
      path: '/api/admin/escalations',
      tag: 'Escalations',
      access: access.staff('support'),
      summary:
        'Escalated cancellations, oldest SLA first; filters status, overdue, assignedTo (RES-7, OPS-2)',
      query: listQuery,
      handler: ({ query, res }) =>
        listResource(ctx.db, {
          res,
          base: base(),
          spec: withQueueFilters(ctx, escalationListSpec(ctx.clock), 'escalations'),
          query,
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/escalations/:id',
      tag: 'Escalations',
      access: access.staff('support'),
      summary: 'One escalation with the order, its whole timeline and what is in escrow',
      params: idParams,
      handler: async ({ params }) => {
        const e = await base().where('escalations.id', '=', params.id).executeTakeFirst();
        if (!e) throw problems.notFound('escalation');
        // OPS-6: the escalation's internal notes in the order's timeline, in time order (staff only).
        const order = await orderCaseWithNotes(
          ctx.db,
          'escalations',
          e.id,
          await orderDetail(ctx.db, e.orderId, { staff: true }, ctx.clock.now()),
        );
        const { escrow, preview } = await outcomePreview(ctx.db, e.orderId, 'cancel_full');
        return { ...e, escrow, order, preview, allowedActions: escalationActions(e, 'staff') };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/escalations/:id/preview',
      tag: 'Escalations',
      access: access.staff('support'),
      summary:
        'What an outcome would post, milestone by milestone: buyer credit, seller share, commission' +
        ' (computed by the code that executes it)',
      params: idParams,
      query: z.object({
        outcome: z.enum(ESCALATION_OUTCOMES),
        amount: intString(0).optional(),
      }),
      handler: async ({ params, query }) => {
        const e = await findEscalation(ctx.db, params.id);
        if (!e) throw problems.notFound('escalation');
        return outcomePreview(ctx.db, e.order_id, query.outcome, query.amount);
      },
    }),
    claimRoute(ctx, {
      resource: 'escalations',
      table: 'escalations',
      tag: 'Escalations',
      noun: 'escalation',
      audit: 'escalation',
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/escalations/:id/decide',
      tag: 'Escalations',
      access: access.staff('support'),
      summary:
        "Decide: cancel_full, cancel_partial (amount = the buyer's credit, the rest to the seller) or" +
        ' continue; reason required, both parties see it (RES-7, OPS-6)',
      params: idParams,
      body: z.object({
        outcome: z.enum(ESCALATION_OUTCOMES),
        amount: z.number().int().min(0).optional(),
        reason,
        notSellerFault: z
          .boolean()
          .default(false)
          .describe('SEL-5: the cancellation does not count against the seller'),
      }),
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        decideEscalation(ctx, {
          actor: actorOf(req),
          id: params.id,
          input: body,
          requestId: req.id as string,
          run: transaction,
        }),
    }),
  ];
}
