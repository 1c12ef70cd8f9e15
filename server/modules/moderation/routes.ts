import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { problems } from '../../http/problem.js';
import { listQuery, listResource } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { contentFlagActions, serviceReviewActions } from './machine.js';
import { decideContentFlag, decideService } from './service.js';
import { SERVICE_REJECTION_REASONS } from './rules.js';
import { withQueueFilters } from '../dashboards/queues.js';
import { contentFlags, flagSpec, reviewSpec, serviceReviews } from './repository.js';

export function moderationRoutes(ctx: AppContext) {
  const reviews = () => serviceReviews(ctx.db, ctx.clock);
  const flags = () => contentFlags(ctx.db);
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
        decideService(ctx, actorOf(req), { id: params.id, name, body, requestId: req.id as string }),
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
        listResource(ctx.db, {
          res,
          base: reviews(),
          spec: withQueueFilters(ctx, reviewSpec, 'service-reviews'),
          query,
        }),
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
      handler: ({ query, res }) => listResource(ctx.db, { res, base: flags(), spec: flagSpec, query }),
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
