import { z } from 'zod';
import type { SellerLevel } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { pageOf, pageQuery, pageSchema } from '../../http/page.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { idString, intString } from '../../http/schemas.js';
import { sellerServices } from './repository.js';
import { explainScore, searchSellers, searchServices } from './search.js';
import { settingsAt } from '../settings/repository.js';
import { serviceActions } from '../moderation/machine.js';
import {
  acceptProposal,
  findService,
  orderService,
  postProject,
  projectsFor,
  publishService,
  sendProposal,
  updateService,
} from './service.js';

export const CATEGORIES = [
  'graphics_design',
  'writing_translation',
  'programming_tech',
  'digital_marketing',
  'video_animation',
  'music_audio',
  'business',
  'data',
  'photography',
  'other',
] as const;

const money = z
  .number()
  .int('amounts are whole rupiah (MNY-1)')
  .min(10_000, 'at least Rp 10.000')
  .max(1_000_000_000_000);

const serviceBody = z.object({
  title: z.string().trim().min(8).max(120),
  description: z.string().trim().min(20).max(10_000),
  category: z.enum(CATEGORIES),
  price: money,
  deliveryDays: z.number().int().min(1).max(365),
  revisions: z.number().int().min(0).max(20).default(1),
});

const serviceView = z.object({
  id: z.number(),
  sellerId: z.number(),
  sellerName: z.string(),
  sellerUsername: z.string(),
  sellerLevel: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  price: z.number(),
  deliveryDays: z.number(),
  revisions: z.number(),
  active: z.boolean(),
  status: z.enum(['in_review', 'approved', 'rejected']),
  moderation: z.enum(['pre', 'post']),
  createdAt: z.string(),
});

const milestoneInput = z.object({
  title: z.string().trim().min(2).max(200),
  amount: money,
  days: z.number().int().min(1).max(365),
});

const searchQuery = z.object({
  q: z.string().trim().max(200).optional(),
  category: z.enum(CATEGORIES).optional(),
  sellerId: idString.optional(),
  minPrice: intString(0, 1_000_000_000).optional(),
  maxPrice: intString(0, 1_000_000_000).optional(),
  maxDeliveryDays: intString(1, 365).optional(),
  level: z
    .string()
    .regex(/^(new|level_1|level_2|top_rated)(,(new|level_1|level_2|top_rated))*$/, 'levels, comma separated')
    .transform((v) => v.split(',') as SellerLevel[])
    .optional(),
  minRating: z
    .string()
    .regex(/^[0-5](\.\d)?$/, 'a rating from 0 to 5, one decimal')
    .transform(Number)
    .optional(),
  sort: z.enum(['relevance', 'newest', 'price_asc', 'price_desc', 'rating']).default('relevance'),
  page: intString(1, 1000).default(1),
  perPage: intString(1, 100).default(20),
  explain: z.enum(['0', '1', 'true', 'false']).optional(),
});
type SearchQuery = z.infer<typeof searchQuery>;

export function catalogueRoutes(ctx: AppContext) {
  async function searchAnswer(query: SearchQuery) {
    const now = ctx.clock.now();
    const weights = await settingsAt(ctx.db, now);
    const explain = query.explain === '1' || query.explain === 'true';
    const rows = await searchServices(ctx.db, now, weights, { ...query, levels: query.level });
    return {
      items: rows.map(
        ({ total: _total, relevance, completion, rating, onTime, level, warnings, score, ...s }) => ({
          ...s,
          score,
          ...(explain
            ? {
                scoreParts: explainScore({ relevance, completion, rating, onTime, level, warnings }, weights)
                  .parts,
              }
            : {}),
        }),
      ),
      total: rows[0]?.total ?? 0,
      page: query.page,
      perPage: query.perPage,
    };
  }

  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/services',
      tag: 'Catalogue',
      access: access.public,
      summary:
        'Search services (ORD-1, CAT-4): ranked by text relevance (full text) combined with the seller’s' +
        ' performance over the level window (completion rate per SEL-5, rating, on-time rate, level; active' +
        ' warnings lower it), weights from the policy settings; `explain=1` adds each result’s score parts.' +
        ' Filters: category, price range, delivery days, seller level(s), rating; sorts: relevance, price,' +
        ' newest, rating',
      query: searchQuery,
      response: z.object({
        items: z.array(
          serviceView.extend({
            sellerRating: z.number().nullable(),
            sellerReviews: z.number(),
            score: z.number(),
            scoreParts: z
              .record(z.string(), z.object({ value: z.number(), weight: z.number(), points: z.number() }))
              .optional(),
          }),
        ),
        total: z.number(),
        page: z.number(),
        perPage: z.number(),
      }),
      // Issue #14: the same search is answered from the read cache for a moment (PASAR_READ_CACHE_MS),
      // kept as the JSON text it is sent as.
      handler: async ({ query, res }) => {
        const json = await ctx.readCache.get(`services:${JSON.stringify(query)}`, async () =>
          JSON.stringify(await searchAnswer(query)),
        );
        res.type('application/json').send(json);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/sellers',
      tag: 'Catalogue',
      access: access.public,
      summary:
        'Find sellers by name or username (CAT-4), each with their public profile: level, rating (revealed' +
        ' reviews, RVW-3), completed orders, disputes they were in (DSP-3), member since',
      query: z.object({
        q: z.string().trim().min(1).max(100),
        page: intString(1, 1000).default(1),
        perPage: intString(1, 100).default(20),
      }),
      handler: async ({ query }) => {
        const now = ctx.clock.now();
        const s = await settingsAt(ctx.db, now);
        const rows = await searchSellers(ctx.db, {
          now,
          reviewWindowDays: s.review_window_days,
          q: query.q,
          page: query.page,
          perPage: query.perPage,
        });
        return {
          items: rows.map(({ total: _total, ...r }) => r),
          total: rows[0]?.total ?? 0,
          page: query.page,
          perPage: query.perPage,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me/services',
      tag: 'Catalogue',
      access: access.user,
      summary:
        'Your services with their review state (CAT-1): `in_review` (`moderation`' +
        ' pre: hidden until approved;' +
        ' post: visible meanwhile), `approved` (with `pendingEdit` while a pre-moderated edit waits), or' +
        ' `rejected` with the reason (CAT-2, OPS-6; never restored); paginated: page, perPage',
      query: pageQuery,
      response: pageSchema(
        serviceView.extend({
          visible: z.boolean(),
          rejectionCode: z.string().nullable(),
          rejectionReason: z.string().nullable(),
          reviewedAt: z.string().nullable(),
          reviewId: z.number().nullable(),
          reviewDueAt: z.string().nullable(),
          pendingEdit: z
            .object({ title: z.string(), description: z.string(), category: z.string(), price: z.number() })
            .nullable()
            .describe(
              'A pre-moderated edit waiting for trust & safety; buyers see the approved text meanwhile',
            ),
          allowedActions: z.array(z.string()),
        }),
      ),
      handler: async ({ user, query }) => {
        const page = await pageOf(sellerServices(ctx.db, user.id), query);
        return {
          ...page,
          items: page.items.map((s) => ({ ...s, allowedActions: serviceActions(s, 'seller') })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/services/:id',
      tag: 'Catalogue',
      access: access.public,
      summary: 'One service',
      params: idParams,
      response: serviceView,
      handler: ({ params }) => findService(ctx, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/services',
      tag: 'Catalogue',
      access: access.user,
      status: 201,
      summary: 'Publish a service (sellers only; ORD-1)',
      body: serviceBody,
      response: serviceView,
      handler: ({ body, user }) => publishService(ctx, user, body),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/services/:id',
      tag: 'Catalogue',
      access: access.user,
      summary: 'Change your service, or take it off sale with `active: false` (sellers only)',
      params: idParams,
      body: serviceBody
        .partial()
        .extend({ active: z.boolean().optional() })
        .refine((b) => Object.keys(b).length > 0, 'change at least one field'),
      response: serviceView,
      handler: ({ params, body, user }) => updateService(ctx, user, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/services/:id/orders',
      tag: 'Orders',
      access: access.user,
      status: 201,
      summary: 'Order a service: an order with one milestone, awaiting payment into escrow (ORD-1, ORD-2)',
      params: idParams,
      body: z.object({ note: z.string().max(5000).optional() }).optional(),
      response: z.object({ id: z.number(), status: z.string() }),
      handler: ({ params, body, user }) => orderService(ctx, user, params.id, body?.note),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/projects',
      tag: 'Projects',
      access: access.user,
      status: 201,
      summary: 'Post a project for sellers to send proposals to (ORD-1)',
      body: z.object({
        title: z.string().trim().min(8).max(120),
        description: z.string().trim().min(20).max(10_000),
        category: z.enum(CATEGORIES),
        budget: money.optional(),
      }),
      handler: ({ body, user }) => postProject(ctx, user, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/projects',
      tag: 'Projects',
      access: access.user,
      summary: 'Open projects (for sellers), or `?mine=true` your own with their proposals',
      query: z.object({
        mine: z.enum(['true', 'false']).optional(),
        category: z.enum(CATEGORIES).optional(),
      }),
      handler: ({ query, user }) =>
        projectsFor(ctx, user, { mine: query.mine === 'true', category: query.category }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/projects/:id/proposals',
      tag: 'Projects',
      access: access.user,
      status: 201,
      summary: 'Send a proposal: message and milestones (work, price, days) (ORD-1; sellers only)',
      params: idParams,
      body: z.object({
        message: z.string().trim().min(10).max(5000),
        milestones: z.array(milestoneInput).min(1).max(20),
        revisions: z.number().int().min(0).max(20).default(1),
      }),
      handler: ({ params, body, user }) => sendProposal(ctx, user, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/proposals/:id/accept',
      tag: 'Projects',
      access: access.user,
      status: 201,
      summary: 'Accept a proposal: it becomes an order with its milestones (ORD-2)',
      params: idParams,
      response: z.object({ id: z.number(), status: z.string() }),
      handler: ({ params, user }) => acceptProposal(ctx, user, params.id),
    }),
  ];
}
