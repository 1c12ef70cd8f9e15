import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idValue } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { contentFlagActions, serviceReviewActions } from './machine.js';
import { decideContentFlag, decideService } from './service.js';
import { SERVICE_REJECTION_REASONS } from './rules.js';
import { withQueueFilters } from '../dashboards/queues.js';
import { camel } from '../../http/camel.js';

const reviewSpec: ListSpec = {
  resource: 'service-reviews',
  idColumn: 'service_reviews.id',
  // OPS-2, CAT-3: open items first, flagged ones (contact details found) above the rest, then the oldest SLA.
  defaultSort: ['priority', 'ASC'],
  sortable: {
    priority: sql`array[(case when service_reviews.status = 'open' then 0 else 1 end)::numeric,
      (case when service_reviews.flags > 0 then 0 else 1 end)::numeric,
      extract(epoch from service_reviews.sla_due_at)::numeric]`,
    id: 'service_reviews.id',
    slaDueAt: 'service_reviews.sla_due_at',
    createdAt: 'service_reviews.created_at',
    flags: 'service_reviews.flags',
  },
  filters: {
    status: filters.oneOf('service_reviews.status', z.enum(['open', 'approved', 'rejected'])),
    moderation: filters.equals('service_reviews.moderation', z.enum(['pre', 'post'])),
    sellerId: filters.equals('service_reviews.seller_id', idValue),
    serviceId: filters.equals('service_reviews.service_id', idValue),
    assignedTo: filters.equals('service_reviews.assigned_to', idValue),
    q: filters.search('services.title', 'users.name', 'users.username'),
  },
};

const flagSpec: ListSpec = {
  resource: 'content-flags',
  idColumn: 'content_flags.id',
  defaultSort: ['priority', 'ASC'],
  sortable: {
    priority: sql`array[(case when content_flags.status = 'open' then 0 else 1 end)::numeric,
      extract(epoch from content_flags.created_at)::numeric]`,
    id: 'content_flags.id',
    createdAt: 'content_flags.created_at',
  },
  filters: {
    status: filters.oneOf('content_flags.status', z.enum(['open', 'dismissed', 'warned'])),
    subjectType: filters.oneOf('content_flags.subject_type', z.enum(['service', 'proposal', 'message'])),
    userId: filters.equals('content_flags.user_id', idValue),
    serviceReviewId: filters.equals('content_flags.service_review_id', idValue),
  },
};

export function moderationRoutes(ctx: AppContext) {
  const reviews = () =>
    ctx.db
      .selectFrom('service_reviews')
      .innerJoin('services', 'services.id', 'service_reviews.service_id')
      .innerJoin('users', 'users.id', 'service_reviews.seller_id')
      .leftJoin('staff', 'staff.id', 'service_reviews.assigned_to')
      .select([
        'service_reviews.id',
        ...camel('service_reviews.service_id', 'service_reviews.seller_id'),
        'users.name as sellerName',
        'users.username as sellerUsername',
        ...camel('users.seller_level'),
        'service_reviews.kind',
        'service_reviews.moderation',
        'service_reviews.snapshot',
        'service_reviews.changed',
        'service_reviews.flags',
        'service_reviews.status',
        'services.status as serviceStatus',
        'services.title',
        ...camel('service_reviews.sla_due_at', 'service_reviews.assigned_to'),
        'staff.name as assignedName',
        ...camel(
          'service_reviews.reason_code',
          'service_reviews.decision_reason',
          'service_reviews.decided_at',
          'service_reviews.created_at',
          'service_reviews.updated_at',
        ),
        sql<boolean>`service_reviews.status = 'open' and service_reviews.sla_due_at < ${ctx.clock.now()}`.as(
          'overdue',
        ),
      ]);
  const flags = () =>
    ctx.db
      .selectFrom('content_flags')
      .innerJoin('users', 'users.id', 'content_flags.user_id')
      .select([
        'content_flags.id',
        ...camel('content_flags.subject_type', 'content_flags.subject_id', 'content_flags.user_id'),
        'users.name as userName',
        ...camel('content_flags.order_id', 'content_flags.service_review_id'),
        'content_flags.field',
        'content_flags.text',
        'content_flags.matches',
        'content_flags.status',
        ...camel('content_flags.decision_reason', 'content_flags.decided_at', 'content_flags.created_at'),
      ]);
  const decideReview = (name: 'approve' | 'reject') =>
    defineRoute({
      method: 'post',
      path: `/api/admin/service-reviews/:id/${name}`,
      tag: 'Service reviews',
      access: access.staff('trust_safety'),
      summary:
        name === 'approve'
          ? 'Approve the service as it stands (CAT-1), with a reason (OPS-6); the seller is told by email'
          : 'Reject the service with a reason from the list and a text the seller reads by email and in' +
            ' GET /api/v1/me/services (CAT-2, OPS-6); it is never restored',
      params: idParams,
      body:
        name === 'approve'
          ? z.object({ reason })
          : z.object({ reasonCode: z.enum(SERVICE_REJECTION_REASONS), reason }),
      handler: ({ params, body, req }) =>
        decideService(ctx, actorOf(req), params.id, name, body, req.id as string),
    });
  const decideFlag = (name: 'dismiss' | 'warn') =>
    defineRoute({
      method: 'post',
      path: `/api/admin/content-flags/:id/${name}`,
      tag: 'Service reviews',
      access: access.staff('trust_safety'),
      summary:
        name === 'dismiss'
          ? 'Dismiss a contact-detail flag with a reason (CAT-3)'
          : 'Warn the author for sharing personal contact information (CAT-3, WRN-2); the warning policy' +
            ' decides the consequence (WRN-3..6)',
      params: idParams,
      body: z.object({ reason }),
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        decideContentFlag(ctx, actorOf(req), params.id, {
          name,
          reason: body.reason,
          requestId: req.id as string,
          run: transaction,
        }),
    });
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/service-reviews',
      tag: 'Service reviews',
      access: access.staff('trust_safety'),
      summary: 'The Service reviews queue (CAT-1): open first, flagged ones (CAT-3) first, then oldest SLA',
      query: listQuery,
      handler: ({ query, res }) =>
        listResource(ctx.db, res, reviews(), withQueueFilters(ctx, reviewSpec, 'service-reviews'), query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/service-reviews/:id',
      tag: 'Service reviews',
      access: access.staff('trust_safety'),
      summary:
        'One service review: the text under review, the contact details found in it with their offsets' +
        ' (CAT-3), the rejection reasons to choose from, and the actions allowed now',
      params: idParams,
      handler: async ({ params }) => {
        const r = await reviews().where('service_reviews.id', '=', params.id).executeTakeFirst();
        if (!r) throw problems.notFound('service review');
        const found = await flags()
          .where('content_flags.service_review_id', '=', r.id)
          .orderBy('content_flags.id')
          .execute();
        return {
          ...r,
          contactFlags: found,
          rejectionReasons: SERVICE_REJECTION_REASONS,
          allowedActions: serviceReviewActions(r, 'staff'),
        };
      },
    }),
    decideReview('approve'),
    decideReview('reject'),
    // Claim, assign, unassign and "next case" come from the queue registry (queues/registry.ts).
    defineRoute({
      method: 'get',
      path: '/api/admin/content-flags',
      tag: 'Service reviews',
      access: access.staff('trust_safety'),
      summary:
        'Contact details found in services, proposals and order messages (CAT-3), open first, with the' +
        ' matching text and its offsets (`matches`: kind, start, end, text)',
      query: listQuery,
      handler: ({ query, res }) => listResource(ctx.db, res, flags(), flagSpec, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/content-flags/:id',
      tag: 'Service reviews',
      access: access.staff('trust_safety'),
      summary: 'One contact-detail flag with the actions allowed now',
      params: idParams,
      handler: async ({ params }) => {
        const f = await flags().where('content_flags.id', '=', params.id).executeTakeFirst();
        if (!f) throw problems.notFound('flag');
        return { ...f, allowedActions: contentFlagActions(f, 'staff') };
      },
    }),
    decideFlag('dismiss'),
    decideFlag('warn'),
  ];
}
