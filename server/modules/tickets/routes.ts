import { z } from 'zod';
import { sql, type Transaction } from 'kysely';
import type { RequestHandler } from 'express';
import { TICKET_TOPICS, type Database, type StaffRole, type Ticket } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idString, idValue } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { pageOf, pageQuery } from '../../http/page.js';
import { DOCUMENT_TYPES, fileUpload, putFile, sendStoredFile, uploadedFiles } from '../../http/uploads.js';
import { actorOf } from '../../auth/staff-auth.js';
import { auditedTextRoutes } from '../audit/audited-crud.js';
import { claimRoute } from '../support/claim.js';
import { userBalances } from '../ledger/ledger.js';
import { ACTIVE, ticketActions } from './machine.js';
import { publicThread } from './repository.js';
import { unknownPlaceholders } from './rules.js';
import {
  changeTags,
  confirmContact,
  contactSchema,
  contactSupport,
  mergeTicket,
  openTicket,
  previewMacro,
  rateTicket,
  refundFromTicket,
  replySchema,
  rerouteTicket,
  setTicketStatus,
  staffReply,
  ticketOfReplyToken,
  ticketRefundSchema,
  ticketSchema,
  userReply,
  type StoredFile,
} from './service.js';
import { withQueueFilters } from '../dashboards/queues.js';
import { isOpen, kindOf } from '../queues/registry.js';
import { withSla } from '../queues/sla.js';
import { camel } from '../../http/camel.js';

const ticketQueue = kindOf('tickets');

const QUEUE_ROLES = ['support', 'trust_safety', 'finance'] as const;

/** The ticket as its requester reads it: no queue, assignee or notes (SUP-4). */
const userView = (t: Ticket) => ({
  id: t.id,
  topic: t.topic,
  subject: t.subject,
  status: t.status,
  orderId: t.order_id,
  withdrawalId: t.withdrawal_id,
  disputeId: t.dispute_id,
  followUpOf: t.follow_up_of,
  mergedInto: t.merged_into,
  createdAt: t.created_at,
  lastActivityAt: t.last_activity_at,
  solvedAt: t.solved_at,
  closedAt: t.closed_at,
  rating: t.rated_at ? { score: t.rating_score, comment: t.rating_comment, ratedAt: t.rated_at } : null,
  canReply: t.status !== 'closed',
  canRate:
    !t.rated_at && (t.status === 'solved' || (t.status === 'closed' && !!t.solved_at && !t.merged_into)),
});

/** Attachments as evidence takes them: up to 5, 10 MB each, images, PDF or text (413 / 415). */
const attachmentsUpload = (): RequestHandler => fileUpload({ attachments: 5 }, DOCUMENT_TYPES, 'attachment');

export function ticketRoutes(ctx: AppContext) {
  const tx = <T>(fn: (trx: Transaction<Database>) => Promise<T>) => ctx.db.transaction().execute(fn);
  const store = async (files: Express.Multer.File[]): Promise<StoredFile[]> => {
    const out: StoredFile[] = [];
    for (const f of files) out.push(await putFile(ctx.storage, 'tickets', f, ctx.clock.now()));
    return out;
  };
  const mine = async (id: number, userId: number) => {
    const t = await ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
    if (!t || t.requester_id !== userId) throw problems.notFound('ticket');
    return { ...userView(t), messages: await publicThread(ctx.db, id) };
  };

  // SUP-3: a waiting ticket's resolution SLA is stopped: it cannot breach while it waits.
  const resolutionDue = sql<Date>`case when tickets.sla_paused_at is null
    or tickets.resolution_due_at < tickets.sla_paused_at then tickets.resolution_due_at end`;
  const nextBreach = sql<Date | null>`case when tickets.status in ('new', 'open', 'pending', 'on_hold') then
    case when tickets.first_responded_at is null then least(tickets.first_response_due_at, ${resolutionDue})
    else ${resolutionDue} end end`;
  const breached = () =>
    sql<boolean>`coalesce(tickets.status in ('new', 'open', 'pending', 'on_hold') and ${nextBreach} <
      ${ctx.clock.now()}, false)`;
  const base = (role: StaffRole) => {
    let qb = ctx.db
      .selectFrom('tickets')
      .innerJoin('users as requester', 'requester.id', 'tickets.requester_id')
      .leftJoin('staff', 'staff.id', 'tickets.assigned_to')
      .select([
        'tickets.id',
        'tickets.topic',
        'tickets.subject',
        'tickets.status',
        'tickets.queue',
        'tickets.channel',
        ...camel('tickets.requester_id'),
        'requester.name as requesterName',
        'requester.email as requesterEmail',
        'requester.locale as requesterLocale',
        ...camel(
          'tickets.order_id',
          'tickets.withdrawal_id',
          'tickets.dispute_id',
          'tickets.follow_up_of',
          'tickets.merged_into',
        ),
        'tickets.tags',
        ...camel('tickets.assigned_to'),
        'staff.name as assignedName',
        ...camel(
          'tickets.first_response_due_at',
          'tickets.resolution_due_at',
          'tickets.first_responded_at',
          'tickets.solved_at',
          'tickets.closed_at',
          'tickets.last_activity_at',
          'tickets.rating_score',
          'tickets.rating_comment',
          'tickets.created_at',
        ),
        nextBreach.as('nextBreachAt'),
        ticketQueue.dueAt.as('slaDueAt'),
        ticketQueue.startedAt.as('slaStartedAt'),
        sql<boolean>`${isOpen(ticketQueue)}`.as('slaRunning'),
        sql<boolean>`tickets.first_responded_at is null and tickets.status in ('new', 'open',
          'pending', 'on_hold')
          and tickets.first_response_due_at < ${ctx.clock.now()}`.as('firstResponseBreached'),
        sql<boolean>`coalesce(tickets.status in ('new', 'open', 'pending', 'on_hold')
          and tickets.resolution_due_at < coalesce(tickets.sla_paused_at, ${ctx.clock.now()}), false)`.as(
          'resolutionBreached',
        ),
        ...camel('tickets.sla_paused_at'),
      ]);
    // OPS-1: each role sees its own queue; admins all of them.
    if (role !== 'admin') qb = qb.where('tickets.queue', '=', role);
    return qb;
  };
  const spec: ListSpec = {
    resource: 'tickets',
    idColumn: 'tickets.id',
    // OPS-2 / SUP-3: the next breach first; solved and closed tickets (no breach ahead) last.
    defaultSort: ['nextBreachAt', 'ASC'],
    sortable: {
      id: 'tickets.id',
      nextBreachAt: nextBreach,
      createdAt: 'tickets.created_at',
      lastActivityAt: 'tickets.last_activity_at',
    },
    filters: {
      status: filters.oneOf(
        'tickets.status',
        z.enum(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']),
      ),
      queue: filters.oneOf('tickets.queue', z.enum(QUEUE_ROLES)),
      topic: filters.oneOf('tickets.topic', z.enum(TICKET_TOPICS)),
      assignedTo: filters.equals('tickets.assigned_to', idValue),
      requesterId: filters.equals('tickets.requester_id', idValue),
      userId: filters.equals('tickets.requester_id', idValue),
      orderId: filters.equals('tickets.order_id', idValue),
      tag: {
        schema: z.string().max(50),
        apply: (qb, v: string) => qb.where(sql<boolean>`tickets.tags @> ${JSON.stringify([v])}::jsonb`),
      },
      breached: {
        schema: z.boolean(),
        apply: (qb, v: boolean) => qb.where(sql<boolean>`${breached()} = ${v}`),
      },
      active: {
        schema: z.boolean(),
        apply: (qb, v: boolean) =>
          qb.where(sql<boolean>`(tickets.status in ('new', 'open', 'pending', 'on_hold')) = ${v}`),
      },
      q: filters.find({
        text: ['tickets.subject'],
        users: ['tickets.requester_id'],
        orders: ['tickets.order_id'],
        ids: ['tickets.id'],
      }),
    },
  };
  const staffTicket = async (role: StaffRole, id: number) => {
    const t = await base(role).where('tickets.id', '=', id).executeTakeFirst();
    if (!t) throw problems.notFound('ticket');
    return t;
  };
  const requesterPanel = async (userId: number, ticketId: number) => {
    const [user, balances, orders, tickets, refunds, disputes, warnings, payouts] = await Promise.all([
      ctx.db
        .selectFrom('users')
        .select([
          'id',
          'name',
          'email',
          'username',
          'status',
          'locale',
          ...camel('is_seller', 'seller_level', 'suspended_until', 'created_at'),
        ])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow(),
      userBalances(ctx.db, userId),
      ctx.db
        .selectFrom('orders')
        .select(['id', 'title', 'status', 'total', ...camel('buyer_id', 'created_at')])
        .where((eb) => eb.or([eb('buyer_id', '=', userId), eb('seller_id', '=', userId)]))
        .orderBy('id', 'desc')
        .limit(20)
        .execute(),
      ctx.db
        .selectFrom('tickets')
        .select(['id', 'subject', 'topic', 'status', ...camel('created_at')])
        .where('requester_id', '=', userId)
        .where('id', '<>', ticketId)
        .orderBy('id', 'desc')
        .limit(20)
        .execute(),
      ctx.db
        .selectFrom('refund_requests')
        .select([
          'id',
          'kind',
          'status',
          'amount_requested as amount',
          ...camel('ticket_id', 'decision_reason', 'created_at'),
        ])
        .where('buyer_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(20)
        .execute(),
      ctx.db
        .selectFrom('disputes')
        .innerJoin('orders', 'orders.id', 'disputes.order_id')
        .select([
          'disputes.id',
          'disputes.stage',
          ...camel('disputes.order_id'),
          'disputes.escrow_amount as escrow',
        ])
        .where((eb) => eb.or([eb('orders.buyer_id', '=', userId), eb('orders.seller_id', '=', userId)]))
        .orderBy('disputes.id', 'desc')
        .limit(20)
        .execute(),
      ctx.db
        .selectFrom('warnings')
        .select(['id', 'type', 'consequence', 'reason', ...camel('issued_at')])
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(20)
        .execute(),
      ctx.db
        .selectFrom('withdrawals')
        .select(['id', 'amount', 'status', 'reason', ...camel('created_at')])
        .where('user_id', '=', userId)
        .orderBy('id', 'desc')
        .limit(20)
        .execute(),
    ]);
    return { ...user, balances, orders, tickets, refunds, disputes, warnings, payouts };
  };

  return [
    // ---- the user's side (SUP-1, SUP-2, SUP-4, SUP-6) ----
    defineRoute({
      method: 'post',
      path: '/api/v1/support/tickets',
      tag: 'Support',
      access: access.user,
      status: 201,
      summary:
        'Contact support (SUP-1): topic, subject, message, optionally your' +
        ' orderId, withdrawalId or disputeId' +
        (' (404 if not yours) and followUpOf (a closed ticket of yours). JSON, or' +
          ' multipart/form-data with up') +
        ' to 5 `attachments` (PNG, JPEG, WebP, PDF or text; 10 MB each; 413/415 otherwise)',
      before: [attachmentsUpload()],
      body: ticketSchema,
      handler: async ({ body, user, req }) => {
        const files = await store(uploadedFiles(req, 'attachments'));
        const t = await tx((trx) => openTicket(ctx, trx, user.id, body, { channel: 'api', files }));
        return mine(t.id, user.id);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/support/tickets',
      tag: 'Support',
      access: access.user,
      summary: 'Your tickets, newest activity first (paginated: page, perPage)',
      query: pageQuery,
      handler: async ({ query, user }) => {
        const page = await pageOf(
          ctx.db
            .selectFrom('tickets')
            .selectAll()
            .where('requester_id', '=', user.id)
            .orderBy('last_activity_at', 'desc')
            .orderBy('id', 'desc'),
          query,
        );
        return { ...page, items: page.items.map(userView) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/support/tickets/:id',
      tag: 'Support',
      access: access.user,
      summary: 'One of your tickets with its public thread (never internal notes, SUP-4)',
      params: idParams,
      handler: ({ params, user }) => mine(params.id, user.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/support/tickets/:id/messages',
      tag: 'Support',
      access: access.user,
      status: 201,
      summary:
        'Reply (SUP-2: reopens a pending or solved ticket; a closed ticket' +
        ' answers 409 ticket-closed, open a' +
        ' new one with followUpOf). JSON `message`, or multipart with `attachments`',
      params: idParams,
      before: [attachmentsUpload()],
      body: z.object({ message: z.string().trim().min(1).max(10_000) }),
      handler: async ({ params, body, user, req }) => {
        const files = await store(uploadedFiles(req, 'attachments'));
        await tx((trx) => userReply(ctx, trx, user.id, params.id, body.message, { via: 'api', files }));
        return mine(params.id, user.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/support/tickets/:id/rating',
      tag: 'Support',
      access: access.user,
      status: 201,
      summary: 'Rate a solved ticket once: score 1-5 and a comment (SUP-6)',
      params: idParams,
      body: z.object({
        score: z.number().int().min(1).max(5),
        comment: z.string().trim().max(2000).default(''),
      }),
      handler: ({ params, body, user }) => tx((trx) => rateTicket(ctx, trx, user.id, params.id, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/support/tickets/:id/attachments/:aid',
      tag: 'Support',
      access: access.user,
      produces: 'application/octet-stream',
      summary: 'Download a file of one of your tickets',
      params: z.object({ id: idString, aid: idString }),
      handler: async ({ params, user, res }) => {
        const f = await ctx.db
          .selectFrom('ticket_attachments')
          .innerJoin('tickets', 'tickets.id', 'ticket_attachments.ticket_id')
          .select([
            'ticket_attachments.storage_key',
            'ticket_attachments.content_type',
            'ticket_attachments.filename',
          ])
          .where('ticket_attachments.id', '=', params.aid)
          .where('ticket_attachments.ticket_id', '=', params.id)
          .where('tickets.requester_id', '=', user.id)
          .executeTakeFirst();
        if (!f) throw problems.notFound('file');
        await sendStoredFile(res, ctx.storage, f);
        return undefined;
      },
    }),

    // ---- without signing in (SUP-1) ----
    defineRoute({
      method: 'post',
      path: '/api/v1/support/contact',
      tag: 'Support',
      access: access.public,
      status: 202,
      summary:
        'For who cannot sign in (blocked, deactivated, locked out): email, topic,' +
        ' message. Always 202; if the' +
        ' email has an account, a confirmation link goes to it and the ticket opens when it is followed',
      before: [
        async (req, _res, next) => {
          const hit = await ctx.limiter.hit(`support-contact-ip:${req.ip}`, {
            limit: 10,
            windowSeconds: 3600,
          });
          next(
            hit.exceeded
              ? problems.rateLimited(hit.retryAfterSeconds, 'Too many messages from this address. Try later.')
              : undefined,
          );
        },
      ],
      body: contactSchema,
      handler: async ({ body }) => {
        await contactSupport(ctx, body);
        return { accepted: true };
      },
    }),
    ...(['get', 'post'] as const).map((method) =>
      defineRoute({
        method,
        path: '/api/v1/support/contact/confirm',
        tag: 'Support',
        access: access.public,
        summary: 'Follow the confirmation link of the contact form: opens the ticket (once)',
        query: method === 'get' ? z.object({ token: z.string().min(10).max(200) }) : undefined,
        body: method === 'post' ? z.object({ token: z.string().min(10).max(200) }) : undefined,
        handler: ({ query, body }) =>
          tx((trx) =>
            confirmContact(ctx, trx, (query as { token?: string } | undefined)?.token ?? body.token),
          ),
      }),
    ),
    defineRoute({
      method: 'get',
      path: '/api/v1/support/contact/thread',
      tag: 'Support',
      access: access.public,
      summary: 'The public thread of an email ticket, by the link in its emails',
      query: z.object({ token: z.string().min(10).max(200) }),
      handler: async ({ query }) => {
        const t = await ticketOfReplyToken(ctx.db, query.token, ctx.clock.now());
        return mine(t.id, t.requester_id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/support/contact/reply',
      tag: 'Support',
      access: access.public,
      status: 201,
      summary: 'Reply to an email ticket by the link in its emails (SUP-2 reopens as a signed-in reply does)',
      body: z.object({ token: z.string().min(10).max(200), message: z.string().trim().min(1).max(10_000) }),
      handler: async ({ body }) => {
        const t = await ticketOfReplyToken(ctx.db, body.token, ctx.clock.now());
        await tx((trx) => userReply(ctx, trx, t.requester_id, t.id, body.message, { via: 'email' }));
        return mine(t.id, t.requester_id);
      },
    }),

    // ---- staff (OPS-1: each queue role its own tickets) ----
    defineRoute({
      method: 'get',
      path: '/api/admin/tickets',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary:
        'The ticket queue of your role, next SLA breach first (SUP-3, OPS-2); filters status, queue, topic,' +
        ' assignedTo, requesterId, tag, breached, active, q',
      query: listQuery,
      handler: async ({ query, res, staff }) =>
        withSla(
          ctx,
          await listResource(ctx.db, res, base(staff.role), withQueueFilters(ctx, spec, 'tickets'), query),
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/tickets/:id',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary:
        'A ticket: the whole thread with internal notes, files, the requester (profile, balances, orders,' +
        ' earlier tickets, refunds, disputes, warnings, payouts), refund requests opened from it',
      params: idParams,
      handler: async ({ params, staff }) => {
        const t = await staffTicket(staff.role, params.id);
        const [messages, attachments, refundRequests, requester] = await Promise.all([
          ctx.db
            .selectFrom('ticket_messages')
            .leftJoin('staff', (j) =>
              j
                .onRef('staff.id', '=', 'ticket_messages.author_id')
                .on('ticket_messages.author_type', '=', 'staff'),
            )
            .select([
              'ticket_messages.id',
              ...camel('ticket_messages.author_type', 'ticket_messages.author_id'),
              'staff.name as staffName',
              'ticket_messages.internal',
              'ticket_messages.body',
              'ticket_messages.via',
              ...camel('ticket_messages.macro_id', 'ticket_messages.created_at'),
            ])
            .where('ticket_messages.ticket_id', '=', t.id)
            .orderBy('ticket_messages.id')
            .execute(),
          ctx.db
            .selectFrom('ticket_attachments')
            .select(['id', ...camel('message_id'), 'filename', ...camel('content_type'), 'size'])
            .where('ticket_id', '=', t.id)
            .execute(),
          ctx.db
            .selectFrom('refund_requests')
            .select(['id', 'kind', 'status', 'amount_requested as amount', ...camel('decision_reason')])
            .where('ticket_id', '=', t.id)
            .orderBy('id')
            .execute(),
          requesterPanel(t.requesterId, t.id),
        ]);
        return {
          ...t,
          messages: messages.map((m) => ({
            ...m,
            attachments: attachments.filter((a) => a.messageId === m.id),
          })),
          refundRequests,
          requester,
          allowedActions: ticketActions(t, 'staff'),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/ticket-agents',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary: 'Active staff who can hold tickets of a queue (default: your own role), to assign to (OPS-2)',
      query: z.object({ queue: z.enum(QUEUE_ROLES).optional() }),
      handler: ({ query, staff }) =>
        ctx.db
          .selectFrom('staff')
          .select(['id', 'name', 'role'])
          .where('active', '=', true)
          .where('role', 'in', [query.queue ?? (staff.role === 'admin' ? 'support' : staff.role), 'admin'])
          .orderBy('name')
          .execute(),
    }),
    claimRoute(ctx, {
      resource: 'tickets',
      table: 'tickets',
      tag: 'Tickets',
      noun: 'ticket',
      audit: 'ticket',
      roles: [...QUEUE_ROLES],
      claimable: ACTIVE,
      roleOf: async (trx, item) =>
        (await trx.selectFrom('tickets').select('queue').where('id', '=', item.id).executeTakeFirstOrThrow())
          .queue,
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/tickets/:id/messages',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      status: 201,
      summary:
        'Reply to the requester (emailed in their language and in the public thread, SUP-4) or write an' +
        (' internal note (`internal: true`, staff only, audited); `macroId` fills' +
          ' a macro (SUP-5) and applies its') +
        ' effects; `status` sets open, pending, on_hold or solved',
      params: idParams,
      body: replySchema,
      handler: ({ params, body, req }) =>
        tx((trx) => staffReply(ctx, trx, actorOf(req), params.id, body, req.id as string)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/tickets/:id/macros/:mid/preview',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary: 'A macro filled with this ticket’s data in the requester’s language, and its effects (SUP-5)',
      params: z.object({ id: idString, mid: idString }),
      handler: ({ params, staff }) =>
        tx(async (trx) => {
          const t = await trx
            .selectFrom('tickets')
            .selectAll()
            .where('id', '=', params.id)
            .executeTakeFirst();
          if (!t || (staff.role !== 'admin' && staff.role !== t.queue)) throw problems.notFound('ticket');
          return previewMacro(trx, t, params.mid);
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/tickets/:id/status',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary:
        'Set the state: open, pending (waiting for the user), on_hold (waiting inside) or solved (SUP-2)',
      params: idParams,
      body: z.object({ status: z.enum(['open', 'pending', 'on_hold', 'solved']) }),
      handler: ({ params, body, req }) =>
        tx((trx) => setTicketStatus(ctx, trx, actorOf(req), params.id, body.status, req.id as string)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/tickets/:id/tags',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary: 'Add and remove tags',
      params: idParams,
      body: z.object({
        add: z
          .array(
            z
              .string()
              .trim()
              .min(1)
              .max(50)
              .regex(/^[\w-]+$/, 'letters, digits, - and _'),
          )
          .max(20)
          .default([]),
        remove: z.array(z.string().max(50)).max(20).default([]),
      }),
      handler: ({ params, body, req }) =>
        tx((trx) => changeTags(ctx, trx, actorOf(req), params.id, body, req.id as string)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/tickets/:id/route',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary: 'Re-route to the queue of another role, with a reason (SUP-1)',
      params: idParams,
      body: z.object({ queue: z.enum(QUEUE_ROLES), reason }),
      handler: ({ params, body, req }) =>
        tx((trx) => rerouteTicket(ctx, trx, actorOf(req), params.id, body, req.id as string)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/tickets/:id/merge',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary:
        'Merge this duplicate into another ticket of the same requester: the thread moves, they are told',
      params: idParams,
      body: z.object({ intoId: z.number().int().positive(), reason }),
      handler: ({ params, body, req }) =>
        tx((trx) => mergeTicket(ctx, trx, actorOf(req), params.id, body, req.id as string)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/tickets/:id/refund-requests',
      tag: 'Tickets',
      access: access.staff('support'),
      status: 201,
      summary:
        'Open a refund request on the requester’s behalf (REF-1 kind order, REF-2 credit_to_source, REF-3' +
        ' duplicate_charge); it links back to the ticket and its decision appears in the thread',
      params: idParams,
      body: ticketRefundSchema,
      handler: ({ params, body, req }) =>
        tx((trx) => refundFromTicket(ctx, trx, actorOf(req), params.id, body, req.id as string)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/ticket-attachments/:id',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      produces: 'application/octet-stream',
      summary: 'Download a file attached to a ticket',
      params: idParams,
      handler: async ({ params, res, staff }) => {
        const f = await ctx.db
          .selectFrom('ticket_attachments')
          .innerJoin('tickets', 'tickets.id', 'ticket_attachments.ticket_id')
          .select([
            'ticket_attachments.storage_key',
            'ticket_attachments.content_type',
            'ticket_attachments.filename',
            'tickets.queue',
          ])
          .where('ticket_attachments.id', '=', params.id)
          .executeTakeFirst();
        if (!f || (staff.role !== 'admin' && staff.role !== f.queue)) throw problems.notFound('file');
        await sendStoredFile(res, ctx.storage, f);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/tickets-satisfaction',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary:
        'SUP-6 ratings per agent and per topic, and first-response and resolution' +
        ' hours (median), for the dashboard',
      handler: async () => {
        const byAgent = await ctx.db
          .selectFrom('tickets')
          .leftJoin('staff', 'staff.id', 'tickets.solved_by')
          .select([
            'tickets.solved_by as staffId',
            'staff.name as name',
            sql<number>`count(*)::int`.as('ratings'),
            sql<number>`round(avg(tickets.rating_score)::numeric, 2)::float8`.as('average'),
          ])
          .where('tickets.rated_at', 'is not', null)
          .groupBy(['tickets.solved_by', 'staff.name'])
          .orderBy('name')
          .execute();
        const byTopic = await ctx.db
          .selectFrom('tickets')
          .select([
            'topic',
            sql<number>`count(*)::int`.as('ratings'),
            sql<number>`round(avg(rating_score)::numeric, 2)::float8`.as('average'),
          ])
          .where('rated_at', 'is not', null)
          .groupBy('topic')
          .orderBy('topic')
          .execute();
        const times = await ctx.db
          .selectFrom('tickets')
          .select([
            'topic',
            sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from
              first_responded_at - created_at) / 3600)::float8`.as('firstResponseHours'),
            sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from solved_at -
              created_at) / 3600)::float8`.as('resolutionHours'),
            sql<number>`count(*)::int`.as('tickets'),
          ])
          .groupBy('topic')
          .orderBy('topic')
          .execute();
        return { byAgent, byTopic, times };
      },
    }),

    // ---- macros (SUP-5): admins keep them, every queue role uses them ----
    ...macroRoutes(ctx),
  ];
}

const macroBody = z
  .object({
    name: z.string().trim().min(2).max(120),
    bodyEn: z.string().trim().min(1).max(20_000),
    bodyId: z.string().trim().min(1).max(20_000),
    setStatus: z.enum(['open', 'pending', 'on_hold', 'solved']).nullable().default(null),
    addTag: z
      .string()
      .trim()
      .max(50)
      .regex(/^[\w-]*$/, 'letters, digits, - and _')
      .nullable()
      .default(null)
      .transform((v) => v || null),
    active: z.boolean().default(true),
  })
  .superRefine((m, c) => {
    for (const [field, text] of [
      ['bodyEn', m.bodyEn],
      ['bodyId', m.bodyId],
    ] as const) {
      const unknown = unknownPlaceholders(text);
      if (unknown.length)
        c.addIssue({
          code: 'custom',
          path: [field],
          message:
            `unknown placeholders ${unknown.join(', ')}; use {{user.name}}, ` +
            `{{order.title}}, {{withdrawal.amount}}`,
        });
    }
  });

function macroRoutes(ctx: AppContext) {
  const view = (m: {
    id: number;
    name: string;
    body_en: string;
    body_id: string;
    set_status: string | null;
    add_tag: string | null;
    active: boolean;
    updated_at: Date;
  }) => ({
    id: m.id,
    name: m.name,
    bodyEn: m.body_en,
    bodyId: m.body_id,
    setStatus: m.set_status,
    addTag: m.add_tag,
    active: m.active,
    updatedAt: m.updated_at,
  });
  const spec: ListSpec = {
    resource: 'ticket-macros',
    idColumn: 'id',
    defaultSort: ['name', 'ASC'],
    sortable: { id: 'id', name: 'name', updatedAt: 'updated_at' },
    filters: {
      active: filters.equals('active', z.boolean()),
      q: filters.search('name', 'body_en', 'body_id'),
    },
  };
  const row = (b: z.infer<typeof macroBody>) => ({
    name: b.name,
    body_en: b.bodyEn,
    body_id: b.bodyId,
    set_status: b.setStatus,
    add_tag: b.addTag,
    active: b.active,
  });
  return [
    ...auditedTextRoutes(ctx, {
      table: 'ticket_macros',
      resource: 'ticket-macros',
      tag: 'Tickets',
      noun: 'macro',
      audit: 'ticket-macro',
      subjectType: 'ticket_macro',
      readers: access.staff(...QUEUE_ROLES),
      body: macroBody,
      row,
      view,
      spec,
      summary: {
        list: 'Macros: canned replies in English and Indonesian with placeholders and effects (SUP-5)',
        one: 'One macro',
        create:
          'Create a macro: bodyEn and bodyId with {{user.name}}, {{order.title}}, {{withdrawal.amount}};' +
          ' optional setStatus and addTag (audited)',
        update: 'Change a macro (audited)',
        retire: 'Retire a macro (kept inactive: replies sent with it still name it; audited)',
      },
    }),
  ];
}
