import { refundActions } from './machine.js';
import { z } from 'zod';
import { sql, type Transaction } from 'kysely';
import { sendStoredFile, uploadedFiles } from '../../http/uploads.js';
import { evidenceUpload, storeEvidence } from './evidence.js';
import type { Database } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { pageOf, pageQuery } from '../../http/page.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idString, idValue } from '../../http/schemas.js';
import { Problem, problems } from '../../http/problem.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { claimRoute } from '../support/claim.js';
import { orderDetail } from '../orders/read.js';
import { disputeCount } from '../disputes/guard.js';
import { userBalances } from '../ledger/ledger.js';
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
import { camel } from '../../http/camel.js';

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
  const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => ctx.db.transaction().execute(fn);
  const spec: ListSpec = {
    resource: 'refund-requests',
    idColumn: 'refund_requests.id',
    defaultSort: ['slaDueAt', 'ASC'],
    sortable: {
      id: 'refund_requests.id',
      slaDueAt: 'refund_requests.sla_due_at',
      createdAt: 'refund_requests.created_at',
      amount: 'refund_requests.amount_requested',
    },
    filters: {
      status: filters.oneOf(
        'refund_requests.status',
        z.enum(['open', 'approved', 'partially_approved', 'rejected']),
      ),
      kind: filters.oneOf('refund_requests.kind', z.enum(['order', 'credit_to_source', 'duplicate_charge'])),
      assignedTo: filters.equals('refund_requests.assigned_to', idValue),
      // A user's cases as buyer or as the seller of the order, and an order's cases (its page's Cases tab).
      userId: {
        schema: idValue,
        apply: (qb, v: number) =>
          qb.where((eb) => eb.or([eb('refund_requests.buyer_id', '=', v), eb('orders.seller_id', '=', v)])),
      },
      orderId: filters.equals('refund_requests.order_id', idValue),
      overdue: {
        schema: z.boolean(),
        apply: (qb, v: boolean) =>
          qb.where(
            sql<boolean>`(refund_requests.status = 'open' and refund_requests.sla_due_at <
              ${ctx.clock.now()}) = ${v}`,
          ),
      },
      q: filters.find({
        users: ['refund_requests.buyer_id'],
        orders: ['refund_requests.order_id'],
        text: ['refund_requests.message', 'refund_requests.charge_reference'],
        ids: ['refund_requests.id'],
      }),
    },
  };
  const base = () =>
    ctx.db
      .selectFrom('refund_requests')
      // A left join on a key that always exists: the same rows, and PostgreSQL drops it from the count.
      .leftJoin('users as buyer', 'buyer.id', 'refund_requests.buyer_id')
      .leftJoin('orders', 'orders.id', 'refund_requests.order_id')
      .leftJoin('users as seller', 'seller.id', 'orders.seller_id')
      .leftJoin('staff', 'staff.id', 'refund_requests.assigned_to')
      .select([
        'refund_requests.id',
        'refund_requests.kind',
        ...camel('refund_requests.buyer_id'),
        'buyer.name as buyerName',
        ...camel('refund_requests.order_id'),
        'orders.title as orderTitle',
        ...camel('orders.seller_id'),
        'seller.name as sellerName',
        'refund_requests.destination',
        'refund_requests.reason',
        'refund_requests.message',
        'refund_requests.amount_requested as amount',
        ...camel('refund_requests.charge_reference'),
        'refund_requests.status',
        ...camel('refund_requests.sla_due_at', 'refund_requests.assigned_to'),
        'staff.name as assignedName',
        ...camel('refund_requests.approved_amount'),
        'refund_requests.fee_payment as paymentFee',
        'refund_requests.fee_marketplace as marketplaceFee',
        ...camel(
          'refund_requests.paid_out',
          'refund_requests.decision_reason',
          'refund_requests.decided_at',
          'refund_requests.created_at',
        ),
        sql<boolean>`refund_requests.status = 'open' and refund_requests.sla_due_at < ${ctx.clock.now()}`.as(
          'overdue',
        ),
      ]);
  const history = async (userId: number) => {
    const [orders, cancelled, refunds, escalations, disputes, warnings] = await Promise.all([
      ctx.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => eb.or([eb('buyer_id', '=', userId), eb('seller_id', '=', userId)]))
        .executeTakeFirstOrThrow(),
      ctx.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => eb.or([eb('buyer_id', '=', userId), eb('seller_id', '=', userId)]))
        .where('status', '=', 'cancelled')
        .executeTakeFirstOrThrow(),
      ctx.db
        .selectFrom('refund_requests')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('buyer_id', '=', userId)
        .executeTakeFirstOrThrow(),
      ctx.db
        .selectFrom('escalations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('escalated_by', '=', userId)
        .executeTakeFirstOrThrow(),
      disputeCount(ctx.db, userId),
      ctx.db
        .selectFrom('warnings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .executeTakeFirstOrThrow(),
    ]);
    const u = await ctx.db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'status', ...camel('created_at')])
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return {
      ...u,
      orders: Number(orders.n),
      cancelledOrders: Number(cancelled.n),
      refundRequests: Number(refunds.n),
      escalations: Number(escalations.n),
      disputes,
      warnings: Number(warnings.n),
      balances: await userBalances(ctx.db, userId),
    };
  };
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
        view(await tx((trx) => requestOrderRefund(ctx, trx, user.id, params.id, body))),
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
      handler: async ({ body, user }) =>
        view(await tx((trx) => requestAccountRefund(ctx, trx, user.id, body))),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/refund-requests',
      tag: 'Refunds',
      access: access.user,
      summary: 'Your refund requests with their decisions and reasons (paginated: page, perPage)',
      query: pageQuery,
      handler: async ({ user, query }) => {
        const page = await pageOf(
          ctx.db
            .selectFrom('refund_requests')
            .selectAll()
            .where('buyer_id', '=', user.id)
            .orderBy('id', 'desc'),
          query,
        );
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
        const r = await ctx.db
          .selectFrom('refund_requests')
          .selectAll()
          .where('id', '=', params.id)
          .where('buyer_id', '=', user.id)
          .executeTakeFirst();
        if (!r) throw problems.notFound('refund request');
        const evidence = await ctx.db
          .selectFrom('evidence_files')
          .select(['id', 'filename', ...camel('content_type'), 'size', ...camel('created_at')])
          .where('refund_request_id', '=', r.id)
          .orderBy('id')
          .execute();
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
        const r = await ctx.db
          .selectFrom('refund_requests')
          .select(['id', 'buyer_id', 'order_id', 'status'])
          .where('id', '=', params.id)
          .executeTakeFirst();
        if (!r || r.buyer_id !== user.id) throw problems.notFound('refund request');
        if (r.status !== 'open')
          throw new Problem(
            409,
            'refund-decided',
            'Already decided',
            'Evidence can be added while the request is open.',
          );
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
        listResource(ctx.db, res, base(), withQueueFilters(ctx, spec, 'refund-requests'), query),
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
        const full = await ctx.db
          .selectFrom('refund_requests')
          .selectAll()
          .where('id', '=', params.id)
          .executeTakeFirstOrThrow();
        const evidence = await ctx.db
          .selectFrom('evidence_files')
          .select(['id', 'filename', ...camel('content_type'), 'size', ...camel('created_at')])
          .where('refund_request_id', '=', r.id)
          .orderBy('id')
          .execute();
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
        const r = await ctx.db
          .selectFrom('refund_requests')
          .selectAll()
          .where('id', '=', params.id)
          .executeTakeFirst();
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
        const f = await ctx.db
          .selectFrom('evidence_files')
          .selectAll()
          .where('id', '=', params.id)
          .executeTakeFirst();
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
        decideRefund(
          ctx,
          actorOf(req),
          params.id,
          { approve: true, amount: body.amount, reason: body.reason },
          req.id as string,
          transaction,
        ),
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
        refundCompletedOrder(ctx, actorOf(req), params.id, body, req.id as string, transaction),
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
        decideRefund(ctx, actorOf(req), params.id, { approve: false, reason: body.reason }, req.id as string),
    }),
  ];
}
