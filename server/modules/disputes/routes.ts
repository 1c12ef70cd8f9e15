import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idString, intString } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { listQuery } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { paymentSourceSchema, toSource } from '../payments/schema.js';
import {
  acceptOffer,
  addStatementWithEvidence,
  disputeCase,
  disputeDetail,
  previewSplit,
  approveAward,
  previewAward,
  decideArbitration,
  makeOffer,
  openDispute,
  openDisputeSchema,
  payArbitrationFee,
  refuseAward,
  requestArbitration,
} from './service.js';
import { evidenceUpload } from '../refunds/evidence.js';
import { uploadedFiles } from '../../http/uploads.js';
import { pageOf, pageQuery } from '../../http/page.js';
import { disputeListSpec, myDisputes, staffDisputes } from './repository.js';
import { queuePage } from '../queues/sla.js';

export function disputeRoutes(ctx: AppContext) {
  const mine = async (id: number, userId: number) =>
    (await disputeDetail(ctx, id, { userId })) ?? Promise.reject(problems.notFound('dispute'));
  const disputeParams = idParams;
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/disputes',
      tag: 'Disputes',
      access: access.user,
      summary: 'Your disputes, as buyer and as seller, newest first (SUP-7; paginated: page, perPage)',
      query: pageQuery,
      handler: ({ query, user }) => pageOf(myDisputes(ctx.db, user.id), query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/orders/:id/disputes',
      tag: 'Disputes',
      access: access.user,
      status: 201,
      summary:
        'Open a dispute on an escrowed milestone with a reason and the amount you will pay (buyer) or' +
        ' receive (seller) of it (DSP-1). A dispute cannot be withdrawn (DSP-2)',
      params: idParams,
      body: openDisputeSchema,
      handler: async ({ params, body, user }) =>
        mine((await openDispute(ctx, { userId: user.id, orderId: params.id, input: body })).id, user.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/disputes/:id',
      tag: 'Disputes',
      access: access.user,
      summary: 'A dispute of yours: stage, deadlines, offers, statements, evidence, fees',
      params: disputeParams,
      handler: ({ params, user }) => mine(params.id, user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/disputes/:id/statements',
      tag: 'Disputes',
      access: access.user,
      status: 201,
      summary:
        'Add a statement (DSP-5), as JSON `{text}` or multipart/form-data with `text` and up to 5' +
        " evidence `files` (PNG, JPEG, WebP, PDF, text; 10 MB each); the other party's first statement is" +
        ' their response (DSP-4)',
      params: disputeParams,
      body: z.object({ text: z.string().trim().min(3).max(10_000) }),
      before: [evidenceUpload()],
      handler: ({ params, body, user, req }) =>
        addStatementWithEvidence(ctx, {
          userId: user.id,
          disputeId: params.id,
          text: body.text,
          files: uploadedFiles(req, 'files'),
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/disputes/:id/offers',
      tag: 'Disputes',
      access: access.user,
      status: 201,
      summary: 'Propose a split: the amount to the seller, the rest back to the buyer (DSP-6)',
      params: disputeParams,
      body: z.object({ sellerAmount: z.number().int().min(0) }),
      handler: ({ params, body, user }) =>
        makeOffer(ctx, { userId: user.id, disputeId: params.id, sellerAmount: body.sellerAmount }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/disputes/:id/offers/:oid/accept',
      tag: 'Disputes',
      access: access.user,
      summary:
        "Accept the other party's offer: the split is executed at once and the dispute closes (DSP-6," +
        ' DSP-9). Accepts Idempotency-Key',
      params: z.object({ id: idString, oid: idString }),
      idempotent: true,
      handler: ({ params, user, transaction }) =>
        transaction((trx) =>
          acceptOffer(ctx, trx, { userId: user.id, disputeId: params.id, offerId: params.oid }),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/disputes/:id/arbitration',
      tag: 'Disputes',
      access: access.user,
      summary:
        'Request arbitration (from 5 days after opening, DSP-7) and pay the fee (DSP-8, DSP-12). Accepts' +
        ' Idempotency-Key',
      params: disputeParams,
      body: paymentSourceSchema,
      idempotent: true,
      handler: ({ params, body, user, transaction }) =>
        transaction((trx) =>
          requestArbitration(ctx, trx, { userId: user.id, disputeId: params.id, source: toSource(body) }),
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/disputes/:id/arbitration/pay',
      tag: 'Disputes',
      access: access.user,
      summary: 'Pay your arbitration fee too: the dispute goes to staff (DSP-10). Accepts Idempotency-Key',
      params: disputeParams,
      body: paymentSourceSchema,
      idempotent: true,
      handler: ({ params, body, user, transaction }) =>
        transaction((trx) =>
          payArbitrationFee(ctx, trx, { userId: user.id, disputeId: params.id, source: toSource(body) }),
        ),
    }),

    defineRoute({
      method: 'get',
      path: '/api/admin/disputes',
      tag: 'Disputes',
      access: access.staff('support'),
      summary:
        'Disputes, awaiting approval and in arbitration first, then by deadline; filters stage, overdue',
      query: listQuery,
      handler: async ({ query, res }) =>
        queuePage(ctx, {
          res,
          base: staffDisputes(ctx.db, ctx.clock),
          spec: disputeListSpec(ctx.clock),
          query,
          queue: 'disputes',
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/disputes/:id',
      tag: 'Disputes',
      access: access.staff('support'),
      summary:
        'A dispute case: statements, offers, evidence, fees, the money in escrow' +
        " and the order's whole timeline",
      params: idParams,
      handler: async ({ params }) =>
        (await disputeCase(ctx, params.id)) ?? Promise.reject(problems.notFound('dispute')),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/disputes/:id/preview',
      tag: 'Disputes',
      access: access.staff('support'),
      summary: 'What a split would pay each party and which fee comes back (DSP-10, DSP-11), before deciding',
      params: idParams,
      query: z.object({ buyerPercent: intString(0, 100) }),
      handler: async ({ params, query }) =>
        (await previewSplit(ctx, params.id, query.buyerPercent)) ??
        Promise.reject(problems.notFound('dispute')),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/disputes/:id/award-preview',
      tag: 'Disputes',
      access: access.staff('support'),
      summary:
        'OPS-8: what approving the waiting award would pay, to whom, and which fees return (computed by the' +
        ' code that approves it); changes nothing',
      params: idParams,
      handler: ({ params }) => previewAward(ctx, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/disputes/:id/approve-award',
      tag: 'Disputes',
      access: access.staff('support'),
      summary:
        'Approve the award waiting for an admin: to the opener when the other party did not respond' +
        ' (DSP-4), or escrow and fee to the arbitration requester when the other did not pay (DSP-8)',
      params: idParams,
      body: z.object({ reason }),
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        approveAward(ctx, {
          actor: actorOf(req),
          id: params.id,
          reason: body.reason,
          requestId: req.id as string,
          run: transaction,
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/disputes/:id/refuse-award',
      tag: 'Disputes',
      access: access.staff('support'),
      summary: 'Refuse the award with a reason both parties read; the dispute continues',
      params: idParams,
      body: z.object({ reason }),
      handler: ({ params, body, req }) =>
        refuseAward(ctx, {
          actor: actorOf(req),
          id: params.id,
          reason: body.reason,
          requestId: req.id as string,
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/disputes/:id/decide',
      tag: 'Disputes',
      access: access.staff('support'),
      summary:
        'Decide an arbitration: percentages of the escrow summing to 100, with a reason (DSP-10, DSP-11)',
      params: idParams,
      body: z.object({
        buyerPercent: z.number().int().min(0).max(100),
        sellerPercent: z.number().int().min(0).max(100),
        reason,
      }),
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        decideArbitration(ctx, {
          actor: actorOf(req),
          id: params.id,
          input: body,
          requestId: req.id as string,
          run: transaction,
        }),
    }),
  ];
}
