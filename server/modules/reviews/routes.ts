import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idValue } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { removeReview } from './service.js';
import { staffReviews } from './repository.js';

const spec: ListSpec = {
  resource: 'reviews',
  idColumn: 'reviews.id',
  defaultSort: ['id', 'DESC'],
  sortable: { id: 'reviews.id', createdAt: 'reviews.created_at' },
  filters: {
    orderId: filters.equals('reviews.order_id', idValue),
    subjectId: filters.equals('reviews.subject_id', idValue),
    authorId: filters.equals('reviews.author_id', idValue),
    q: filters.search('reviews.text'),
  },
};

export function reviewAdminRoutes(ctx: AppContext) {
  const base = () => staffReviews(ctx.db);
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/reviews',
      tag: 'Reviews',
      access: access.staff('trust_safety', 'support'),
      summary: 'Reviews, including removed ones',
      query: listQuery,
      handler: ({ query, res }) => listResource(ctx.db, { res, base: base(), spec, query }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/reviews/:id',
      tag: 'Reviews',
      access: access.staff('trust_safety', 'support'),
      summary: 'One review',
      params: idParams,
      handler: async ({ params }) =>
        (await base().where('reviews.id', '=', params.id).executeTakeFirst()) ??
        Promise.reject(problems.notFound('review')),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/reviews/:id/remove',
      tag: 'Reviews',
      access: access.staff('trust_safety'),
      summary:
        'RVW-4: remove a review that breaks the terms (trust & safety only; reason required, audited, the' +
        ' author is told why)',
      params: idParams,
      body: z.object({ reason }),
      handler: ({ params, body, req }) =>
        removeReview(ctx, actorOf(req), { id: params.id, reason: body.reason, requestId: req.id as string }),
    }),
  ];
}
