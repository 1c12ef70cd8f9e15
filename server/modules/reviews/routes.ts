import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idValue } from '../../http/schemas.js';
import { Problem, problems } from '../../http/problem.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { audit } from '../audit/audit.js';
import { enqueue } from '../outbox/outbox.js';
import { recordEvent } from '../orders/machine.js';

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
  const base = () =>
    ctx.db
      .selectFrom('reviews')
      .innerJoin('users as author', 'author.id', 'reviews.author_id')
      .innerJoin('users as subject', 'subject.id', 'reviews.subject_id')
      .select([
        'reviews.id',
        'reviews.order_id as orderId',
        'reviews.author_id as authorId',
        'author.name as authorName',
        'reviews.subject_id as subjectId',
        'subject.name as subjectName',
        'reviews.author_role as authorRole',
        'reviews.communication',
        'reviews.as_described as asDescribed',
        'reviews.recommend',
        'reviews.text',
        'reviews.created_at as createdAt',
        'reviews.removed_at as removedAt',
        'reviews.removed_reason as removedReason',
      ]);
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/reviews',
      tag: 'Reviews',
      access: access.staff('trust_safety', 'support'),
      summary: 'Reviews, including removed ones',
      query: listQuery,
      handler: ({ query, res }) => listResource(ctx.db, res, base(), spec, query),
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
      handler: async ({ params, body, req }) =>
        ctx.db.transaction().execute(async (trx) => {
          const now = ctx.clock.now();
          const r = await trx
            .selectFrom('reviews')
            .selectAll()
            .where('id', '=', params.id)
            .forNoKeyUpdate()
            .executeTakeFirst();
          if (!r) throw problems.notFound('review');
          if (r.removed_at)
            throw new Problem(
              409,
              'review-already-removed',
              'Already removed',
              'This review was removed already.',
            );
          await trx
            .updateTable('reviews')
            .set({ removed_at: now, removed_reason: body.reason })
            .where('id', '=', r.id)
            .execute();
          const actor = actorOf(req);
          await audit(trx, ctx.clock, {
            actor,
            action: 'review.remove',
            subjectType: 'review',
            subjectId: r.id,
            reason: body.reason,
            before: { text: r.text, removed: false },
            after: { removed: true },
            requestId: req.id as string,
          });
          await recordEvent(
            trx,
            now,
            r.order_id,
            'trust-remove-review',
            { actor: 'staff', id: actor.id },
            { reviewId: r.id, reason: body.reason },
          );
          const author = await trx
            .selectFrom('users')
            .select(['email', 'name'])
            .where('id', '=', r.author_id)
            .executeTakeFirstOrThrow();
          await enqueue(trx, ctx.clock, {
            kind: 'review.removed',
            to: author.email,
            subject: 'Your review was removed',
            text: `Hi ${author.name},\n\nTrust & safety removed your review on order #${r.order_id} because it breaks the terms of service.\n\nReason: ${body.reason}\n\n— Pasar`,
            payload: { reviewId: r.id },
          });
          return { id: r.id, removedAt: now, removedReason: body.reason };
        }),
    }),
  ];
}
