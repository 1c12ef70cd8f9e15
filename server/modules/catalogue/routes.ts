import { createRecord } from '../../machines/apply.js';
import { PROJECT_MACHINE, PROPOSAL_MACHINE, awardProposal } from './machine.js';
import { z } from 'zod';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { User } from '../../../db/schema.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { idString, intString } from '../../http/schemas.js';
import { Problem, problems } from '../../http/problem.js';
import { createOrder } from '../orders/service.js';
import { audit } from '../audit/audit.js';

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
  createdAt: z.string(),
});

/** Only sellers publish services and send proposals (SEL-2, ORD-1). */
export function requireSeller(user: User): void {
  if (!user.is_seller)
    throw new Problem(
      403,
      'seller-only',
      'Become a seller first',
      'Only sellers can do this. Apply with POST /api/v1/seller-application; the team decides within 3 business days.',
    );
}

const milestoneInput = z.object({
  title: z.string().trim().min(2).max(200),
  amount: money,
  days: z.number().int().min(1).max(365),
});

export function catalogueRoutes(ctx: AppContext) {
  const services = () =>
    ctx.db
      .selectFrom('services')
      .innerJoin('users', 'users.id', 'services.seller_id')
      .select([
        'services.id',
        'services.seller_id as sellerId',
        'users.name as sellerName',
        'users.username as sellerUsername',
        'users.seller_level as sellerLevel',
        'services.title',
        'services.description',
        'services.category',
        'services.price',
        'services.delivery_days as deliveryDays',
        'services.revisions',
        'services.active',
        'services.created_at as createdAt',
      ]);
  const findService = async (id: number, user?: User) => {
    const s = await services().where('services.id', '=', id).executeTakeFirst();
    if (!s || (!s.active && s.sellerId !== user?.id)) throw problems.notFound('service');
    return s;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/services',
      tag: 'Catalogue',
      access: access.public,
      summary:
        'Search services (ORD-1): words in title and description (PostgreSQL full-text), category, sort, page',
      query: z.object({
        q: z.string().trim().max(200).optional(),
        category: z.enum(CATEGORIES).optional(),
        sellerId: idString.optional(),
        sort: z.enum(['relevance', 'newest', 'price_asc', 'price_desc']).default('relevance'),
        page: intString(1, 1000).default(1),
        perPage: intString(1, 100).default(20),
      }),
      response: z.object({
        items: z.array(serviceView.extend({ rank: z.number().optional() })),
        page: z.number(),
        perPage: z.number(),
      }),
      handler: async ({ query }) => {
        let qb = services().where('services.active', '=', true).where('users.status', '=', 'active');
        const tsq = query.q ? sql`websearch_to_tsquery('simple', ${query.q})` : null;
        if (tsq) qb = qb.where(sql<boolean>`services.search @@ ${tsq}`);
        if (query.category) qb = qb.where('services.category', '=', query.category);
        if (query.sellerId) qb = qb.where('services.seller_id', '=', query.sellerId);
        const ranked = tsq ? qb.select(sql<number>`ts_rank(services.search, ${tsq})`.as('rank')) : qb;
        const ordered =
          query.sort === 'price_asc'
            ? ranked.orderBy('services.price', 'asc')
            : query.sort === 'price_desc'
              ? ranked.orderBy('services.price', 'desc')
              : query.sort === 'relevance' && tsq
                ? ranked.orderBy(sql`ts_rank(services.search, ${tsq})`, 'desc')
                : ranked.orderBy('services.created_at', 'desc');
        const items = await ordered
          .orderBy('services.id', 'desc')
          .offset((query.page - 1) * query.perPage)
          .limit(query.perPage)
          .execute();
        return { items, page: query.page, perPage: query.perPage };
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
      handler: ({ params }) => findService(params.id),
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
      handler: async ({ body, user }) => {
        requireSeller(user);
        const now = ctx.clock.now();
        const s = await ctx.db.transaction().execute(async (trx) => {
          const row = await trx
            .insertInto('services')
            .values({
              seller_id: user.id,
              title: body.title,
              description: body.description,
              category: body.category,
              price: body.price,
              delivery_days: body.deliveryDays,
              revisions: body.revisions,
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await audit(trx, ctx.clock, {
            actor: { type: 'user', id: user.id },
            action: 'service.publish',
            subjectType: 'service',
            subjectId: row.id,
            after: body,
          });
          return row;
        });
        return findService(s.id, user);
      },
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
      handler: async ({ params, body, user }) => {
        requireSeller(user);
        const now = ctx.clock.now();
        await ctx.db.transaction().execute(async (trx) => {
          const s = await trx
            .selectFrom('services')
            .selectAll()
            .where('id', '=', params.id)
            .forNoKeyUpdate()
            .executeTakeFirst();
          if (!s || s.seller_id !== user.id) throw problems.notFound('service');
          await trx
            .updateTable('services')
            .set({
              ...(body.title !== undefined ? { title: body.title } : {}),
              ...(body.description !== undefined ? { description: body.description } : {}),
              ...(body.category !== undefined ? { category: body.category } : {}),
              ...(body.price !== undefined ? { price: body.price } : {}),
              ...(body.deliveryDays !== undefined ? { delivery_days: body.deliveryDays } : {}),
              ...(body.revisions !== undefined ? { revisions: body.revisions } : {}),
              ...(body.active !== undefined ? { active: body.active } : {}),
              updated_at: now,
            })
            .where('id', '=', s.id)
            .execute();
          await audit(trx, ctx.clock, {
            actor: { type: 'user', id: user.id },
            action: 'service.update',
            subjectType: 'service',
            subjectId: s.id,
            before: { price: s.price, active: s.active, title: s.title },
            after: body,
          });
        });
        return findService(params.id, user);
      },
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
      handler: async ({ params, body, user }) => {
        const s = await findService(params.id);
        if (!s.active) throw problems.notFound('service');
        const id = await ctx.db.transaction().execute(async (trx) => {
          const orderId = await createOrder(ctx, trx, {
            buyerId: user.id,
            sellerId: s.sellerId,
            title: s.title,
            serviceId: s.id,
            revisions: s.revisions,
            milestones: [{ title: s.title, amount: s.price, days: s.deliveryDays }],
          });
          if (body?.note)
            await trx
              .insertInto('order_messages')
              .values({
                order_id: orderId,
                sender_id: user.id,
                body: body.note,
                created_at: ctx.clock.now(),
              })
              .execute();
          return orderId;
        });
        return { id, status: 'awaiting_payment' };
      },
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
      handler: async ({ body, user }) => {
        const row = await createRecord(ctx.db, PROJECT_MACHINE, {
          buyer_id: user.id,
          title: body.title,
          description: body.description,
          category: body.category,
          budget: body.budget ?? null,
          created_at: ctx.clock.now(),
        });
        return {
          id: row.id,
          buyerId: row.buyer_id,
          title: row.title,
          description: row.description,
          category: row.category,
          budget: row.budget,
          status: row.status,
          createdAt: row.created_at,
        };
      },
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
      handler: async ({ query, user }) => {
        let qb = ctx.db
          .selectFrom('projects')
          .select([
            'id',
            'buyer_id as buyerId',
            'title',
            'description',
            'category',
            'budget',
            'status',
            'created_at as createdAt',
          ])
          .orderBy('id', 'desc')
          .limit(100);
        qb = query.mine === 'true' ? qb.where('buyer_id', '=', user.id) : qb.where('status', '=', 'open');
        if (query.category) qb = qb.where('category', '=', query.category);
        const projects = await qb.execute();
        if (query.mine !== 'true' || projects.length === 0) return projects;
        const proposals = await ctx.db
          .selectFrom('proposals')
          .innerJoin('users', 'users.id', 'proposals.seller_id')
          .select([
            'proposals.id',
            'proposals.project_id as projectId',
            'proposals.seller_id as sellerId',
            'users.name as sellerName',
            'proposals.message',
            'proposals.milestones',
            'proposals.price',
            'proposals.delivery_days as deliveryDays',
            'proposals.revisions',
            'proposals.status',
            'proposals.created_at as createdAt',
          ])
          .where(
            'proposals.project_id',
            'in',
            projects.map((p) => p.id),
          )
          .orderBy('proposals.id')
          .execute();
        return projects.map((p) => ({ ...p, proposals: proposals.filter((x) => x.projectId === p.id) }));
      },
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
      handler: async ({ params, body, user }) => {
        requireSeller(user);
        return ctx.db.transaction().execute(async (trx) => {
          const p = await trx
            .selectFrom('projects')
            .selectAll()
            .where('id', '=', params.id)
            .executeTakeFirst();
          if (!p || (p.status !== 'open' && p.buyer_id !== user.id)) throw problems.notFound('project');
          if (p.status !== 'open')
            throw problems.conflict(
              'project-closed',
              'Project closed',
              'This project takes no more proposals.',
            );
          if (p.buyer_id === user.id)
            throw problems.unprocessable(
              'own-project',
              'Your own project',
              'You cannot send a proposal to your own project.',
            );
          const exists = await trx
            .selectFrom('proposals')
            .select('id')
            .where('project_id', '=', p.id)
            .where('seller_id', '=', user.id)
            .executeTakeFirst();
          if (exists)
            throw problems.conflict(
              'proposal-exists',
              'Proposal already sent',
              'You sent a proposal to this project already.',
            );
          const price = body.milestones.reduce((a, m) => a + m.amount, 0);
          const days = body.milestones.reduce((a, m) => a + m.days, 0);
          const row = await createRecord(trx, PROPOSAL_MACHINE, {
            project_id: p.id,
            seller_id: user.id,
            message: body.message,
            milestones: JSON.stringify(body.milestones),
            price,
            delivery_days: days,
            revisions: body.revisions,
            created_at: ctx.clock.now(),
          });
          return {
            id: row.id,
            projectId: row.project_id,
            sellerId: row.seller_id,
            message: row.message,
            milestones: row.milestones,
            price,
            deliveryDays: days,
            revisions: row.revisions,
            status: row.status,
          };
        });
      },
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
      handler: async ({ params, user }) =>
        ctx.db.transaction().execute(async (trx) => {
          const proposal = await trx
            .selectFrom('proposals')
            .selectAll()
            .where('id', '=', params.id)
            .forNoKeyUpdate()
            .executeTakeFirst();
          const project = proposal
            ? await trx
                .selectFrom('projects')
                .selectAll()
                .where('id', '=', proposal.project_id)
                .forNoKeyUpdate()
                .executeTakeFirst()
            : undefined;
          if (!proposal || !project || project.buyer_id !== user.id) throw problems.notFound('proposal');
          if (project.status !== 'open' || proposal.status !== 'pending')
            throw problems.conflict(
              'proposal-not-open',
              'Proposal not open',
              `The project is ${project.status} and the proposal ${proposal.status}.`,
            );
          const id = await createOrder(ctx, trx, {
            buyerId: user.id,
            sellerId: proposal.seller_id,
            title: project.title,
            proposalId: proposal.id,
            revisions: proposal.revisions,
            milestones: proposal.milestones,
          });
          await awardProposal(trx, ctx.clock.now(), project, proposal);
          return { id, status: 'awaiting_payment' };
        }),
    }),
  ];
}
