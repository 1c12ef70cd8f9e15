import { z } from 'zod';
import type { RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idString } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { filters, listQuery, type ListSpec } from '../../http/list.js';
import { pageQuery } from '../../http/page.js';
import { DOCUMENT_TYPES, fileUpload, putFile, sendStoredFile, uploadedFiles } from '../../http/uploads.js';
import { actorOf } from '../../auth/staff-auth.js';
import { auditedTextRoutes } from '../audit/audited-text-routes.js';
import { claimRoute } from '../support/claim-routes.js';
import { ACTIVE } from './machine.js';
import {
  activeStaffOf,
  QUEUE_ROLES,
  requesterAttachment,
  staffAttachment,
  staffTicketList,
  staffTickets,
  ticketQueueOf,
  ticketSatisfaction,
} from './repository.js';
import { unknownPlaceholders } from './rules.js';
import {
  changeTags,
  confirmContact,
  contactSchema,
  contactSupport,
  mergeTicket,
  openTicket,
  previewMacroOn,
  rateTicket,
  refundFromTicket,
  replySchema,
  requesterTicket,
  requesterTicketPage,
  rerouteTicket,
  setTicketStatus,
  staffReply,
  staffTicket,
  ticketOfReplyToken,
  ticketRefundSchema,
  ticketSchema,
  userReply,
  type StoredFile,
} from './service.js';
import { queuePage } from '../queues/sla.js';

/** Attachments as evidence takes them: up to 5, 10 MB each, images, PDF or text (413 / 415). */
const attachmentsUpload = (): RequestHandler => fileUpload({ attachments: 5 }, DOCUMENT_TYPES, 'attachment');

export function ticketRoutes(ctx: AppContext) {
  const store = async (files: Express.Multer.File[]): Promise<StoredFile[]> => {
    const out: StoredFile[] = [];
    for (const f of files) out.push(await putFile(ctx.storage, 'tickets', f, ctx.clock.now()));
    return out;
  };
  const mine = (id: number, userId: number) => requesterTicket(ctx, id, userId);

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
        const t = await openTicket(ctx, { userId: user.id, input: body, channel: 'api', files });
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
      handler: ({ query, user }) => requesterTicketPage(ctx, user.id, query),
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
        await userReply(ctx, {
          userId: user.id,
          ticketId: params.id,
          message: body.message,
          via: 'api',
          files,
        });
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
      handler: ({ params, body, user }) =>
        rateTicket(ctx, { userId: user.id, ticketId: params.id, input: body }),
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
        const f = await requesterAttachment(ctx.db, user.id, params.id, params.aid);
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
          confirmContact(ctx, (query as { token?: string } | undefined)?.token ?? body.token),
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
        await userReply(ctx, {
          userId: t.requester_id,
          ticketId: t.id,
          message: body.message,
          via: 'email',
        });
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
        queuePage(ctx, {
          res,
          base: staffTickets(ctx.db, ctx.clock, staff.role),
          spec: staffTicketList(ctx.clock),
          query,
          queue: 'tickets',
        }),
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
      handler: ({ params, staff }) => staffTicket(ctx, staff.role, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/ticket-agents',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary: 'Active staff who can hold tickets of a queue (default: your own role), to assign to (OPS-2)',
      query: z.object({ queue: z.enum(QUEUE_ROLES).optional() }),
      handler: ({ query, staff }) =>
        activeStaffOf(ctx.db, [query.queue ?? (staff.role === 'admin' ? 'support' : staff.role), 'admin']),
    }),
    claimRoute(ctx, {
      resource: 'tickets',
      table: 'tickets',
      tag: 'Tickets',
      noun: 'ticket',
      audit: 'ticket',
      roles: [...QUEUE_ROLES],
      claimable: ACTIVE,
      roleOf: (trx, item) => ticketQueueOf(trx, item.id),
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
        staffReply(ctx, {
          staff: actorOf(req),
          id: params.id,
          input: body,
          requestId: req.id as string,
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/tickets/:id/macros/:mid/preview',
      tag: 'Tickets',
      access: access.staff(...QUEUE_ROLES),
      summary: 'A macro filled with this ticket’s data in the requester’s language, and its effects (SUP-5)',
      params: z.object({ id: idString, mid: idString }),
      handler: ({ params, staff }) =>
        previewMacroOn(ctx, { role: staff.role, id: params.id, macroId: params.mid }),
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
        setTicketStatus(ctx, {
          staff: actorOf(req),
          id: params.id,
          status: body.status,
          requestId: req.id as string,
        }),
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
        changeTags(ctx, {
          staff: actorOf(req),
          id: params.id,
          input: body,
          requestId: req.id as string,
        }),
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
        rerouteTicket(ctx, {
          staff: actorOf(req),
          id: params.id,
          input: body,
          requestId: req.id as string,
        }),
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
        mergeTicket(ctx, {
          staff: actorOf(req),
          id: params.id,
          input: body,
          requestId: req.id as string,
        }),
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
        refundFromTicket(ctx, {
          staff: actorOf(req),
          id: params.id,
          input: body,
          requestId: req.id as string,
        }),
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
        const f = await staffAttachment(ctx.db, params.id);
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
      handler: () => ticketSatisfaction(ctx.db),
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
