import { refundActions } from './machine.js';
import { z } from 'zod';
import { sendStoredFile, uploadedFiles } from '../../http/uploads.js';
import { evidenceUpload, storeEvidence } from './evidence.js';
import type { AppContext } from '../../context.js';
import { pageOf, pageQuery } from '../../http/page.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idString } from '../../http/schemas.js';
import { Problem, problems } from '../../http/problem.js';
import { listQuery, listResource } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { claimRoute } from '../support/claim-routes.js';
import { orderDetail } from '../orders/read.js';
import {
  accountRefundSchema,
  decideRefund,
  refundCompletedOrder,
  orderRefundSchema,
  previewDecision,
  requestAccountRefund,
  requestOrderRefund,
} from './service.js';
import { withQueueFilters } from '../dashboards/queues.js';
import { orderCaseWithNotes } from '../decisions/notes.js';
import {
  evidenceOf,
  findEvidenceFile,
  findRefundRequest,
  partyHistory,
  refundListSpec,
  refundRequestsOf,
  staffRefundRequests,
} from './repository.js';

const view = (r: {
  id: number;
  kind: string;
  order_id: number | null;
  destination: string;
  reason: string;
  message: string;
  amount_requested: number;
  charge_reference: string | null;
  status: string;
  sla_due_at: Date;
  approved_amount: number | null;
  fee_payment: number | null;
  fee_marketplace: number | null;
  paid_out: number | null;
  decision_reason: string | null;
  decided_at: Date | null;
  created_at: Date;
}) => ({
  id: r.id,
  kind: r.kind,
  orderId: r.order_id,
  destination: r.destination,
  reason: r.reason,
  message: r.message,
  amount: r.amount_requested,
  chargeReference: r.charge_reference,
  status: r.status,
  slaDueAt: r.sla_due_at,
  approvedAmount: r.approved_amount,
  paymentFee: r.fee_payment,
  marketplaceFee: r.fee_marketplace,
  paidOut: r.paid_out,
  decisionReason: r.decision_reason,
  decidedAt: r.decided_at,
  createdAt: r.created_at,
});

export function refundRoutes(ctx: AppContext) {
  const spec = refundListSpec(ctx.clock);
  const base = () => staffRefundRequests(ctx.db, ctx.clock);
  const history = (userId: number) => partyHistory(ctx.db, userId);
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/orders/:id/refund-requests',
      tag: 'Refunds',
      access: access.user,
      status: 201,
      summary:
        'Ask support for a refund on an order that is not completed (REF-1), to your credit (nothing' +
        ' deducted) or your card (minus fees, REF-5). Attach evidence afterwards',
      params: idParams,
      body: orderRefundSchema,
      handler: async ({ params, body, user }) =>
        view(await requestOrderRefund(ctx, { userId: user.id, orderId: params.id, input: body })),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/refund-requests',
      tag: 'Refunds',
      access: access.user,
      status: 201,
      summary:
        'Ask for your credit back to your card (REF-2, kind credit_to_source) or for a duplicate charge' +
        ' back (REF-3, kind duplicate_charge with its chargeReference)',
      body: accountRefundSchema,
      handler: async ({ body, user }) => view(await requestAccountRefund(ctx, user.id, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/refund-requests',
      tag: 'Refunds',
      access: access.user,
      summary: 'Your refund requests with their decisions and reasons (paginated: page, perPage)',
      query: pageQuery,
      handler: async ({ user, query }) => {
        const page = await pageOf(refundRequestsOf(ctx.db, user.id), query);
        return { ...page, items: page.items.map(view) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/refund-requests/:id',
      tag: 'Refunds',
      access: access.user,
      summary: 'One of your refund requests with its decision, reason and evidence files (SUP-7)',
      params: idParams,
      handler: async ({ params, user }) => {
        const r = await findRefundRequest(ctx.db, params.id, user.id);
        if (!r) throw problems.notFound('refund request');
        const evidence = await evidenceOf(ctx.db, r.id);
        return { ...view(r), ticketId: r.ticket_id, evidence };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/refund-requests/:id/evidence',
      tag: 'Refunds',
      access: access.user,
      status: 201,
      summary:
        'Attach evidence: multipart/form-data field `files` (up to 5; PNG, JPEG, WebP, PDF or text; 10 MB' +
        ' each; 413/415 otherwise)',
      params: idParams,
      before: [evidenceUpload()],
      handler: async ({ params, user, req }) => {
        const files = uploadedFiles(req, 'files');
        if (!files.length)
          throw problems.validation([{ field: 'body.files', message: 'attach at least one file' }]);
        const r = await findRefundRequest(ctx.db, params.id);
        if (!r || r.buyer_id !== user.id) throw problems.notFound('refund request');
        if (r.status !== 'open')
          throw new Problem({
            status: 409,
            slug: 'refund-decided',
            title: 'Already decided',
            detail: 'Evidence can be added while the request is open.',
          });
        return storeEvidence(ctx, files, {
          refundRequestId: r.id,
          orderId: r.order_id,
          uploadedBy: user.id,
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/refund-requests',
      tag: 'Refunds',
      access: access.staff('support'),
      summary: 'The refund queue, oldest SLA first (REF-4); filters status, kind, overdue, assignedTo',
      query: listQuery,
      handler: ({ query, res }) =>
        listResource(ctx.db, {
          res,
          base: base(),
          spec: withQueueFilters(ctx, spec, 'refund-requests'),
          query,
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/refund-requests/:id',
      tag: 'Refunds',
      access: access.staff('support'),
      summary:
        "A refund case: the request, the order with its whole timeline, evidence, both parties' history" +
        ' and what approval would post (REF-5)',
      params: idParams,
      handler: async ({ params }) => {
        const r = await base().where('refund_requests.id', '=', params.id).executeTakeFirst();
        if (!r) throw problems.notFound('refund request');
        const full = await findRefundRequest(ctx.db, params.id);
        if (!full) throw problems.notFound('refund request');
        const evidence = await evidenceOf(ctx.db, r.id);
        return {
          ...r,
          evidence,
          preview: await previewDecision(ctx, ctx.db, full),
          // OPS-6: the case's internal notes in the order's timeline, in time order (staff only).
          order: await orderCaseWithNotes(
            ctx.db,
            'refund-requests',
            r.id,
            r.orderId ? await orderDetail(ctx.db, r.orderId, { staff: true }, ctx.clock.now()) : null,
          ),
          buyer: await history(r.buyerId),
          seller: r.sellerId ? await history(r.sellerId) : null,
          allowedActions: refundActions(full, 'staff'),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/refund-requests/:id/preview',
      tag: 'Refunds',
      access: access.staff('support'),
      summary: 'REF-5: what approving this amount would pay and keep',
      params: idParams,
      query: z.object({ amount: idString.optional() }),
      handler: async ({ params, query }) => {
        const r = await findRefundRequest(ctx.db, params.id);
        if (!r) throw problems.notFound('refund request');
        return previewDecision(ctx, ctx.db, r, query.amount);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/evidence/:id',
      tag: 'Refunds',
      access: access.staff('support'),
      produces: 'application/octet-stream',
      summary: 'Download an evidence file',
      params: idParams,
      handler: async ({ params, res }) => {
        const f = await findEvidenceFile(ctx.db, params.id);
        if (!f) throw problems.notFound('file');
        await sendStoredFile(res, ctx.storage, f);
        return undefined;
      },
    }),
    claimRoute(ctx, {
      resource: 'refund-requests',
      table: 'refund_requests',
      tag: 'Refunds',
      noun: 'refund request',
      audit: 'refund',
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/refund-requests/:id/approve',
      tag: 'Refunds',
      access: access.staff('support'),
      summary:
        'Approve in full (no amount) or in part (amount), with a reason both' +
        ' parties read (REF-4, REF-5, OPS-6)',
      params: idParams,
      body: z.object({ amount: z.number().int().positive().optional(), reason }),
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        decideRefund(ctx, {
          actor: actorOf(req),
          id: params.id,
          decision: { approve: true, amount: body.amount, reason: body.reason },
          requestId: req.id as string,
          run: transaction,
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/orders/:id/refund',
      tag: 'Refunds',
      access: access.staff('support'),
      summary:
        'REF-6: refund a completed order (support only, reason required, audited): taken from the' +
        " seller's pending, then available, then revenue",
      params: idParams,
      body: z.object({
        amount: z.number().int().positive(),
        destination: z.enum(['credit', 'source']).default('credit'),
        reason,
      }),
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        refundCompletedOrder(ctx, {
          actor: actorOf(req),
          orderId: params.id,
          input: body,
          requestId: req.id as string,
          run: transaction,
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/refund-requests/:id/reject',
      tag: 'Refunds',
      access: access.staff('support'),
      summary: 'Reject with a reason the buyer reads (REF-4, OPS-6)',
      params: idParams,
      body: z.object({ reason }),
      handler: ({ params, body, req }) =>
        decideRefund(ctx, {
          actor: actorOf(req),
          id: params.id,
          decision: { approve: false, reason: body.reason },
          requestId: req.id as string,
        }),
    }),
  ];
}
