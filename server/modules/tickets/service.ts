import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import {
  TICKET_TOPICS,
  type Database,
  type InTransaction,
  type StaffRole,
  type Ticket,
  type TicketQueue,
  type TicketStatus,
  type TicketTopic,
} from '../../../db/schema.js';
import { type AppContext, transactionOf } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { idValue } from '../../http/schemas.js';
import { applyTransition, createRecord } from '../../machines/apply.js';
import { scheduleJob, type JobPayloads } from '../../jobs/jobs.js';
import { notify } from '../../notifications/templates.js';
import { addBusinessDays, addBusinessMs, businessMsBetween } from '../../time/business-days.js';
import { settingsAt } from '../settings/repository.js';
import { audit, type Actor } from '../audit/audit.js';
import {
  accountRefundSchema,
  orderRefundSchema,
  requestAccountRefund,
  requestOrderRefund,
} from '../refunds/service.js';
import { STAFF_SET, TICKET_MACHINE, ticketActions, type TicketTransition } from './machine.js';
import {
  addMessage,
  lockTicket,
  ownsLinked,
  publicThread,
  requesterPanel,
  requesterTickets,
  staffThread,
  staffTickets,
  ticketById,
  ticketRefundRequests,
} from './repository.js';
import { pageOf, type PageQuery } from '../../http/page.js';
import { renderMacro } from './rules.js';

type Trx = Transaction<Database>;
export type StaffActor = Actor & { type: 'staff' };

export const JOB_TICKET_REMINDER = 'ticket.pending-reminder';
export const JOB_TICKET_SOLVE = 'ticket.auto-solve';
export const JOB_TICKET_CLOSE = 'ticket.auto-close';

const DAY = 86_400_000;
const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY);
const REPLY_LINK_DAYS = 90;

export const ticketSchema = z.object({
  topic: z.enum(TICKET_TOPICS),
  subject: z.string().trim().min(3).max(200),
  message: z.string().trim().min(5).max(10_000),
  orderId: idValue.optional(),
  withdrawalId: idValue.optional(),
  disputeId: idValue.optional(),
  /** The closed ticket this one follows up (SUP-2: a closed ticket is never reopened). */
  followUpOf: idValue.optional(),
});
export type TicketInput = z.infer<typeof ticketSchema>;

export interface StoredFile {
  filename: string;
  content_type: string;
  size: number;
  storage_key: string;
}

const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

/** SUP-1 / SUP-3: the queue a topic goes to and its SLA due times, in business time. */
async function routeAndSla(ctx: AppContext, trx: Trx, topic: TicketTopic, now: Date) {
  const s = await settingsAt(trx, now);
  const calendar = { timezone: ctx.config.timezone, holidays: s.holidays };
  return {
    queue: s.ticket_routing[topic],
    firstResponseDueAt: addBusinessDays(now, s.ticket_first_response_sla_days[topic], calendar),
    resolutionDueAt: addBusinessDays(now, s.ticket_resolution_sla_days[topic], calendar),
  };
}

const WAITING: readonly TicketStatus[] = ['pending', 'on_hold'];

/**
 * SUP-3: the resolution SLA stops while a ticket waits for the user or inside, and resumes where it stopped:
 * the due time moves on by the business time spent waiting.
 */
async function slaPause(
  ctx: AppContext,
  trx: Trx,
  { ticket: t, to, now }: { ticket: Ticket; to: TicketStatus; now: Date },
) {
  const waiting = WAITING.includes(to);
  if (waiting && !t.sla_paused_at) return { sla_paused_at: now };
  if (waiting || !t.sla_paused_at) return {};
  const s = await settingsAt(trx, now);
  const calendar = { timezone: ctx.config.timezone, holidays: s.holidays };
  const waited = businessMsBetween(t.sla_paused_at, now, calendar);
  return { sla_paused_at: null, resolution_due_at: addBusinessMs(t.resolution_due_at, waited, calendar) };
}

async function replyLink(ctx: AppContext, trx: Trx, ticket: Pick<Ticket, 'id' | 'channel'>, now: Date) {
  if (ticket.channel !== 'email') return null;
  const token = randomBytes(24).toString('base64url');
  await trx
    .insertInto('ticket_reply_tokens')
    .values({
      ticket_id: ticket.id,
      token_hash: hashToken(token),
      created_at: now,
      expires_at: addDays(now, REPLY_LINK_DAYS),
    })
    .execute();
  return `${ctx.config.publicUrl}/api/v1/support/contact/thread?token=${token}`;
}

async function addAttachments(
  trx: Trx,
  {
    ticketId,
    messageId,
    by,
    files,
    now,
  }: { ticketId: number; messageId: number; by: number; files: StoredFile[]; now: Date },
) {
  if (!files.length) return;
  await trx
    .insertInto('ticket_attachments')
    .values(
      files.map((f) => ({
        ...f,
        ticket_id: ticketId,
        message_id: messageId,
        uploaded_by: by,
        created_at: now,
      })),
    )
    .execute();
}

/**
 * SUP-1: a user contacts support about a topic, optionally linking their own order, withdrawal or dispute.
 */
export async function openTicket(
  ctx: AppContext,
  {
    userId,
    input,
    channel = 'api',
    files = [],
    run = transactionOf(ctx),
  }: {
    userId: number;
    input: TicketInput;
    /** Where the requester wrote from: the API, or the contact form confirmed by email. */
    channel?: 'api' | 'email';
    files?: StoredFile[];
    run?: InTransaction;
  },
): Promise<Ticket> {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const notMine = await ownsLinked(trx, userId, input);
    if (notMine) throw problems.notFound(notMine);
    if (input.followUpOf !== undefined) {
      const before = await trx
        .selectFrom('tickets')
        .select(['id', 'status'])
        .where('id', '=', input.followUpOf)
        .where('requester_id', '=', userId)
        .executeTakeFirst();
      if (!before) throw problems.notFound('ticket');
    }
    const r = await routeAndSla(ctx, trx, input.topic, now);
    const ticket = await createRecord(trx, TICKET_MACHINE, {
      requester_id: userId,
      topic: input.topic,
      subject: input.subject,
      queue: r.queue,
      channel,
      order_id: input.orderId ?? null,
      withdrawal_id: input.withdrawalId ?? null,
      dispute_id: input.disputeId ?? null,
      follow_up_of: input.followUpOf ?? null,
      merged_into: null,
      assigned_to: null,
      assigned_at: null,
      first_response_due_at: r.firstResponseDueAt,
      resolution_due_at: r.resolutionDueAt,
      first_responded_at: null,
      pending_since: null,
      solved_at: null,
      solved_by: null,
      closed_at: null,
      last_activity_at: now,
      rating_score: null,
      rating_comment: null,
      rated_at: null,
      created_at: now,
    });
    const messageId = await addMessage(trx, {
      ticketId: ticket.id,
      author: { type: 'user', id: userId },
      body: input.message,
      via: channel,
      now,
    });
    await addAttachments(trx, { ticketId: ticket.id, messageId, by: userId, files, now });
    await notify(trx, ctx, {
      userId,
      kind: 'ticket.received',
      params: {
        ticketId: ticket.id,
        subject: ticket.subject,
        replyLink: await replyLink(ctx, trx, ticket, now),
      },
      payload: { ticketId: ticket.id },
    });
    return ticket;
  });
}

type Mover =
  { actor: 'staff'; staff: StaffActor; requestId?: string; reason?: string } | { actor: 'user' | 'system' };

/**
 * Every ticket state change (SUP-2) through the machine, with the columns each state keeps and its
 * timers: pending schedules the reminder and the auto-solve, solved schedules the close.
 */
export async function moveTicket(
  ctx: AppContext,
  trx: Trx,
  {
    ticket: t,
    name,
    by,
    set = {},
  }: { ticket: Ticket; name: TicketTransition; by: Mover; set?: Record<string, unknown> },
): Promise<TicketStatus> {
  const now = ctx.clock.now();
  const to = TICKET_MACHINE.transitions.find((x) => x.name === name)!.to as TicketStatus;
  const columns: Record<string, unknown> = { ...set };
  if (to === 'pending') columns.pending_since = now;
  else columns.pending_since = null;
  if (to === 'solved') {
    columns.solved_at = now;
    columns.solved_by = by.actor === 'staff' ? by.staff.id : null;
  } else if (to === 'open' || to === 'pending' || to === 'on_hold') columns.solved_at = null;
  if (to === 'closed') columns.closed_at = now;
  Object.assign(columns, await slaPause(ctx, trx, { ticket: t, to, now }));
  await applyTransition(trx, {
    machine: TICKET_MACHINE,
    id: t.id,
    state: t.status,
    name,
    actor: by.actor,
    now,
    set: columns,
    audit:
      by.actor === 'staff'
        ? {
            clock: ctx.clock,
            entry: {
              actor: by.staff,
              action: `ticket.${name}`,
              subjectType: 'ticket',
              subjectId: t.id,
              reason: by.reason ?? null,
              before: { status: t.status },
              after: { status: to },
              requestId: by.requestId,
            },
          }
        : undefined,
  });
  const s = await settingsAt(trx, now);
  const since = now.toISOString();
  const payload = { ticketId: t.id, since } satisfies JobPayloads[typeof JOB_TICKET_SOLVE];
  if (to === 'pending') {
    await scheduleJob(trx, now, {
      kind: JOB_TICKET_REMINDER,
      runAt: addDays(now, s.ticket_pending_reminder_days),
      payload,
      dedupeKey: `ticket:${t.id}:reminder:${since}`,
    });
    await scheduleJob(trx, now, {
      kind: JOB_TICKET_SOLVE,
      runAt: addDays(now, s.ticket_pending_solve_days),
      payload,
      dedupeKey: `ticket:${t.id}:solve:${since}`,
    });
  }
  if (to === 'solved') {
    const closeAt = addDays(now, s.ticket_close_days);
    await scheduleJob(trx, now, {
      kind: JOB_TICKET_CLOSE,
      runAt: closeAt,
      payload,
      dedupeKey: `ticket:${t.id}:close:${since}`,
    });
    await notify(trx, ctx, {
      userId: t.requester_id,
      kind: 'ticket.solved',
      params: { ticketId: t.id, subject: t.subject, automatic: by.actor === 'system', closeAt },
      payload: { ticketId: t.id },
    });
  }
  return to;
}

/** The scheduler's side of SUP-2; a job whose ticket moved on since it was scheduled does nothing. */
export async function ticketTimer(
  ctx: AppContext,
  trx: Trx,
  kind: typeof JOB_TICKET_REMINDER | typeof JOB_TICKET_SOLVE | typeof JOB_TICKET_CLOSE,
  p: { ticketId: number; since: string },
) {
  const t = await lockTicket(trx, p.ticketId);
  if (!t) return;
  const since = new Date(p.since).getTime();
  if (kind === JOB_TICKET_CLOSE) {
    if (t.status !== 'solved' || t.solved_at?.getTime() !== since) return;
    await moveTicket(ctx, trx, { ticket: t, name: 'auto-close-solved', by: { actor: 'system' } });
    return;
  }
  if (t.status !== 'pending' || t.pending_since?.getTime() !== since) return;
  if (kind === JOB_TICKET_REMINDER) {
    const s = await settingsAt(trx, ctx.clock.now());
    await notify(trx, ctx, {
      userId: t.requester_id,
      kind: 'ticket.pending-reminder',
      params: {
        ticketId: t.id,
        subject: t.subject,
        solveAt: addDays(t.pending_since, s.ticket_pending_solve_days),
      },
      payload: { ticketId: t.id },
    });
    return;
  }
  await moveTicket(ctx, trx, { ticket: t, name: 'auto-solve-pending', by: { actor: 'system' } });
}

const closedProblem = (t: Ticket) =>
  new Problem({
    status: 409,
    slug: 'ticket-closed',
    title: 'Ticket closed',
    detail: t.merged_into
      ? `This ticket was merged into ticket #${t.merged_into}; write there.`
      : 'This ticket is closed and cannot be reopened. Open a new ticket with' +
        ' followUpOf set to this one (SUP-2).',
    extra: { state: t.status, mergedInto: t.merged_into, followUpOf: t.merged_into ? null : t.id },
  });

/** The requester's reply (SUP-2: it reopens a pending or solved ticket; a closed one stays closed). */
export async function userReply(
  ctx: AppContext,
  {
    userId,
    ticketId,
    message,
    via = 'api',
    files = [],
    run = transactionOf(ctx),
  }: {
    userId: number;
    ticketId: number;
    message: string;
    via?: 'api' | 'email';
    files?: StoredFile[];
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const t = await lockTicket(trx, ticketId);
    if (!t || t.requester_id !== userId) throw problems.notFound('ticket');
    if (t.status === 'closed') throw closedProblem(t);
    const messageId = await addMessage(trx, {
      ticketId,
      author: { type: 'user', id: userId },
      body: message,
      via,
      now,
    });
    await addAttachments(trx, { ticketId, messageId, by: userId, files, now });
    const status =
      t.status === 'pending' || t.status === 'solved'
        ? await moveTicket(ctx, trx, { ticket: t, name: 'user-reply-reopen', by: { actor: 'user' } })
        : t.status;
    return { id: ticketId, messageId, status };
  });
}

/** SUP-6: once, after it is solved. */
export async function rateTicket(
  ctx: AppContext,
  {
    userId,
    ticketId,
    input,
    run = transactionOf(ctx),
  }: { userId: number; ticketId: number; input: { score: number; comment: string }; run?: InTransaction },
) {
  return run(async (trx) => {
    const t = await lockTicket(trx, ticketId);
    if (!t || t.requester_id !== userId) throw problems.notFound('ticket');
    if (t.rated_at)
      throw problems.conflict('ticket-already-rated', 'Already rated', 'A ticket can be rated once (SUP-6).');
    if (!(t.status === 'solved' || (t.status === 'closed' && t.solved_at && !t.merged_into)))
      throw problems.conflict(
        'ticket-not-solved',
        'Not solved yet',
        `The ticket is ${t.status.replace('_', ' ')}; it can be rated once it is solved (SUP-6).`,
      );
    const now = ctx.clock.now();
    await trx
      .updateTable('tickets')
      .set({ rating_score: input.score, rating_comment: input.comment, rated_at: now })
      .where('id', '=', ticketId)
      .execute();
    return { id: ticketId, score: input.score, comment: input.comment, ratedAt: now };
  });
}

/** OPS-1: staff work the queue of their role; admins every queue. */
export function assertQueue(staff: StaffActor, t: Pick<Ticket, 'queue'>) {
  if (staff.role !== 'admin' && staff.role !== (t.queue as StaffRole))
    throw problems.forbidden(`This ticket is in the ${t.queue.replace('_', ' ')} queue.`);
}

async function lockForStaff(trx: Trx, staff: StaffActor, id: number) {
  const t = await lockTicket(trx, id);
  if (!t) throw problems.notFound('ticket');
  assertQueue(staff, t);
  return t;
}

export const replySchema = z
  .object({
    body: z.string().trim().min(1).max(20_000).optional(),
    macroId: z.number().int().positive().optional(),
    /** An internal note: staff only, never shown or sent to the user (SUP-4). */
    internal: z.boolean().default(false),
    status: z.enum(['open', 'pending', 'on_hold', 'solved']).optional(),
  })
  .refine((b) => b.body !== undefined || b.macroId !== undefined, {
    message: 'write a body or choose a macro',
    path: ['body'],
  });

async function macroData(trx: Trx, t: Ticket) {
  const user = await trx
    .selectFrom('users')
    .select(['name', 'locale'])
    .where('id', '=', t.requester_id)
    .executeTakeFirstOrThrow();
  const order = t.order_id
    ? await trx.selectFrom('orders').select('title').where('id', '=', t.order_id).executeTakeFirst()
    : undefined;
  const withdrawal = t.withdrawal_id
    ? await trx
        .selectFrom('withdrawals')
        .select('amount')
        .where('id', '=', t.withdrawal_id)
        .executeTakeFirst()
    : undefined;
  return {
    locale: user.locale,
    values: {
      'user.name': user.name,
      'order.title': order?.title,
      'withdrawal.amount': withdrawal?.amount,
    },
  };
}

/** SUP-5: a macro filled with the ticket's data in the requester's language, and its effects. */
export async function previewMacro(trx: Trx, t: Ticket, macroId: number) {
  const macro = await trx
    .selectFrom('ticket_macros')
    .selectAll()
    .where('id', '=', macroId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!macro)
    throw problems.validation([{ field: 'body.macroId', message: 'an active macro' }], 'No such macro.');
  const data = await macroData(trx, t);
  const body = renderMacro(data.locale === 'en' ? macro.body_en : macro.body_id, data.values);
  return { macroId: macro.id, locale: data.locale, body, setStatus: macro.set_status, addTag: macro.add_tag };
}

/** SUP-4 / SUP-5: a staff reply (emailed and in the public thread) or an internal note (audited). */
export async function staffReply(
  ctx: AppContext,
  {
    staff,
    id,
    input,
    requestId,
    run = transactionOf(ctx),
  }: {
    staff: StaffActor;
    id: number;
    input: z.infer<typeof replySchema>;
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const t = await lockForStaff(trx, staff, id);
    if (t.status === 'closed') throw closedProblem(t);
    let body = input.body;
    let status = input.status;
    let tag: string | null = null;
    if (input.macroId !== undefined) {
      const m = await previewMacro(trx, t, input.macroId);
      body = m.body;
      status ??= m.setStatus ?? undefined;
      tag = m.addTag;
    }
    const messageId = await addMessage(trx, {
      ticketId: t.id,
      author: { type: 'staff', id: staff.id },
      body: body!,
      internal: input.internal,
      via: 'console',
      macroId: input.macroId ?? null,
      now,
    });
    await audit(trx, ctx.clock, {
      actor: staff,
      action: input.internal ? 'ticket.note' : 'ticket.reply',
      subjectType: 'ticket',
      subjectId: t.id,
      after: { messageId, macroId: input.macroId ?? null, internal: input.internal, body },
      requestId,
    });
    if (!input.internal) {
      if (!t.first_responded_at)
        await trx.updateTable('tickets').set({ first_responded_at: now }).where('id', '=', t.id).execute();
      await notify(trx, ctx, {
        userId: t.requester_id,
        kind: 'ticket.reply',
        params: {
          ticketId: t.id,
          subject: t.subject,
          body: body!,
          replyLink: await replyLink(ctx, trx, t, now),
        },
        payload: { ticketId: t.id, messageId },
      });
    }
    if (tag) await addTags(ctx, trx, { staff, ticket: t, add: [tag], remove: [], requestId });
    const target = status ?? (t.status === 'new' && !input.internal ? 'open' : undefined);
    let to: TicketStatus = t.status;
    if (target && target !== t.status)
      to = await moveTicket(ctx, trx, {
        ticket: t,
        name: STAFF_SET[target],
        by: { actor: 'staff', staff, requestId },
      });
    return { id: t.id, messageId, status: to, body };
  });
}

export async function setTicketStatus(
  ctx: AppContext,
  {
    staff,
    id,
    status,
    requestId,
    run = transactionOf(ctx),
  }: {
    staff: StaffActor;
    id: number;
    status: 'open' | 'pending' | 'on_hold' | 'solved';
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const t = await lockForStaff(trx, staff, id);
    return {
      id,
      status: await moveTicket(ctx, trx, {
        ticket: t,
        name: STAFF_SET[status],
        by: { actor: 'staff', staff, requestId },
      }),
    };
  });
}

const tagsOf = (t: Ticket) => (Array.isArray(t.tags) ? (t.tags as string[]) : []);

export async function addTags(
  ctx: AppContext,
  trx: Trx,
  {
    staff,
    ticket: t,
    add,
    remove,
    requestId,
  }: { staff: StaffActor; ticket: Ticket; add: string[]; remove: string[]; requestId?: string },
) {
  const before = tagsOf(t);
  const after = [...new Set([...before.filter((x) => !remove.includes(x)), ...add])].sort();
  await trx
    .updateTable('tickets')
    .set({ tags: JSON.stringify(after) })
    .where('id', '=', t.id)
    .execute();
  t.tags = after;
  await audit(trx, ctx.clock, {
    actor: staff,
    action: 'ticket.tags',
    subjectType: 'ticket',
    subjectId: t.id,
    before: { tags: before },
    after: { tags: after },
    requestId,
  });
  return after;
}

export async function changeTags(
  ctx: AppContext,
  {
    staff,
    id,
    input,
    requestId,
    run = transactionOf(ctx),
  }: {
    staff: StaffActor;
    id: number;
    input: { add: string[]; remove: string[] };
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const t = await lockForStaff(trx, staff, id);
    if (t.status === 'closed') throw closedProblem(t);
    return { id, tags: await addTags(ctx, trx, { staff, ticket: t, ...input, requestId }) };
  });
}

/** SUP-1: to the queue of another role, with a reason; the assignee lets go. */
export async function rerouteTicket(
  ctx: AppContext,
  {
    staff,
    id,
    input,
    requestId,
    run = transactionOf(ctx),
  }: {
    staff: StaffActor;
    id: number;
    input: { queue: TicketQueue; reason: string };
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const t = await lockForStaff(trx, staff, id);
    if (t.status === 'closed') throw closedProblem(t);
    if (t.queue === input.queue)
      throw problems.conflict(
        'ticket-same-queue',
        'Same queue',
        `The ticket is in the ${t.queue} queue already.`,
      );
    await trx
      .updateTable('tickets')
      .set({ queue: input.queue, assigned_to: null, assigned_at: null })
      .where('id', '=', id)
      .execute();
    await addMessage(trx, {
      ticketId: id,
      author: { type: 'system', id: null },
      internal: true,
      body: `Re-routed from ${t.queue} to ${input.queue} by staff #${staff.id}: ${input.reason}`,
      via: 'console',
      now,
    });
    await audit(trx, ctx.clock, {
      actor: staff,
      action: 'ticket.reroute',
      subjectType: 'ticket',
      subjectId: id,
      reason: input.reason,
      before: { queue: t.queue, assignedTo: t.assigned_to },
      after: { queue: input.queue, assignedTo: null },
      requestId,
    });
    return { id, queue: input.queue };
  });
}

/** A duplicate closes into another ticket of the same requester; its thread moves there; they are told. */
export async function mergeTicket(
  ctx: AppContext,
  {
    staff,
    id,
    input,
    requestId,
    run = transactionOf(ctx),
  }: {
    staff: StaffActor;
    id: number;
    input: { intoId: number; reason: string };
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    if (id === input.intoId)
      throw problems.validation([{ field: 'body.intoId', message: 'another ticket than this one' }]);
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const [a, b] = id < input.intoId ? [id, input.intoId] : [input.intoId, id];
    const first = await lockTicket(trx, a);
    const second = await lockTicket(trx, b);
    const source = id === a ? first : second;
    const target = id === a ? second : first;
    if (!source) throw problems.notFound('ticket');
    assertQueue(staff, source);
    if (!target)
      throw problems.validation([{ field: 'body.intoId', message: 'an existing ticket' }], 'No such ticket.');
    if (source.status === 'closed') throw closedProblem(source);
    if (target.status === 'closed')
      throw problems.conflict('ticket-closed', 'Ticket closed', `Ticket #${target.id} is closed.`);
    if (target.requester_id !== source.requester_id)
      throw problems.unprocessable(
        'ticket-other-requester',
        'Another requester',
        'Only tickets of the same requester are merged: a thread never moves to someone else.',
      );
    await trx
      .updateTable('ticket_messages')
      .set({ ticket_id: target.id })
      .where('ticket_id', '=', source.id)
      .execute();
    await trx
      .updateTable('ticket_attachments')
      .set({ ticket_id: target.id })
      .where('ticket_id', '=', source.id)
      .execute();
    await addMessage(trx, {
      ticketId: target.id,
      author: { type: 'system', id: null },
      body: `Ticket #${source.id} (${source.subject}) was merged into this ticket.`,
      via: 'console',
      now,
    });
    await addMessage(trx, {
      ticketId: source.id,
      author: { type: 'system', id: null },
      body: `Merged into ticket #${target.id}.`,
      via: 'console',
      now,
    });
    const tags = [...new Set([...tagsOf(target), ...tagsOf(source)])].sort();
    await trx
      .updateTable('tickets')
      .set({ tags: JSON.stringify(tags) })
      .where('id', '=', target.id)
      .execute();
    await moveTicket(ctx, trx, {
      ticket: source,
      name: 'staff-merge',
      by: { actor: 'staff', staff, requestId, reason: input.reason },
      set: { merged_into: target.id },
    });
    await notify(trx, ctx, {
      userId: source.requester_id,
      kind: 'ticket.merged',
      params: { ticketId: source.id, subject: source.subject, intoId: target.id },
      payload: { ticketId: source.id, intoId: target.id },
    });
    return { id: source.id, status: 'closed' as const, mergedInto: target.id };
  });
}

export const ticketRefundSchema = z.discriminatedUnion('kind', [
  orderRefundSchema.extend({ kind: z.literal('order'), orderId: z.number().int().positive() }),
  ...accountRefundSchema.options,
]);

/**
 * REF-1..3 on the requester's behalf, from their ticket: the refund request links back (ticket_id) and its
 * decision is written into the thread (refunds/service.ts).
 */
export async function refundFromTicket(
  ctx: AppContext,
  {
    staff,
    id,
    input,
    requestId,
    run = transactionOf(ctx),
  }: {
    staff: StaffActor;
    id: number;
    input: z.infer<typeof ticketRefundSchema>;
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const t = await lockForStaff(trx, staff, id);
    if (t.status === 'closed') throw closedProblem(t);
    const userId = t.requester_id;
    const { kind, ...rest } = input;
    const refund =
      kind === 'order'
        ? await requestOrderRefund(ctx, {
            userId,
            orderId: input.orderId,
            input: orderRefundSchema.parse(rest),
            run: (work) => work(trx),
          })
        : await requestAccountRefund(ctx, userId, input, (work) => work(trx));
    await trx.updateTable('refund_requests').set({ ticket_id: t.id }).where('id', '=', refund.id).execute();
    await addMessage(trx, {
      ticketId: t.id,
      author: { type: 'system', id: null },
      body:
        `Refund request #${refund.id} was opened for you (Rp ` +
        `${refund.amount_requested.toLocaleString('id-ID')}); its decision will appear here.`,
      via: 'console',
      now,
    });
    await audit(trx, ctx.clock, {
      actor: staff,
      action: 'ticket.refund-request',
      subjectType: 'ticket',
      subjectId: t.id,
      after: { refundRequestId: refund.id, kind, amount: refund.amount_requested },
      requestId,
    });
    return {
      ticketId: t.id,
      refundRequestId: refund.id,
      amount: refund.amount_requested,
      status: refund.status,
    };
  });
}

// ---- without signing in (SUP-1) ----

export const contactSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  topic: z.enum(TICKET_TOPICS),
  message: z.string().trim().min(5).max(10_000),
});

/**
 * The contact form of someone who cannot sign in: the answer never says whether the email has an account;
 * if it has, a confirmation link goes to it and the ticket opens when it is followed.
 */
export async function contactSupport(ctx: AppContext, input: z.infer<typeof contactSchema>) {
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email))
      .executeTakeFirst();
    if (!user) return;
    const s = await settingsAt(trx, now);
    const token = randomBytes(24).toString('base64url');
    await trx
      .insertInto('support_contacts')
      .values({
        user_id: user.id,
        topic: input.topic,
        message: input.message,
        token_hash: hashToken(token),
        created_at: now,
        expires_at: new Date(now.getTime() + s.support_contact_link_hours * 3_600_000),
        confirmed_at: null,
        ticket_id: null,
      })
      .execute();
    await notify(trx, ctx, {
      userId: user.id,
      kind: 'support.contact-confirm',
      params: {
        link: `${ctx.config.publicUrl}/api/v1/support/contact/confirm?token=${token}`,
        hours: s.support_contact_link_hours,
      },
    });
  });
}

const linkProblem = () =>
  new Problem({
    status: 404,
    slug: 'support-link-invalid',
    title: 'Link not valid',
    detail: 'This link is unknown or has expired.',
  });

/** Following the confirmation link opens the ticket, tied to the account (once; again answers the same). */
export async function confirmContact(
  ctx: AppContext,
  token: string,
  run: InTransaction = transactionOf(ctx),
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const c = await trx
      .selectFrom('support_contacts')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!c) throw linkProblem();
    if (c.ticket_id) return { ticketId: c.ticket_id };
    if (c.expires_at <= now) throw linkProblem();
    const firstLine = c.message.split('\n')[0]!.trim();
    const ticket = await openTicket(ctx, {
      userId: c.user_id,
      input: {
        topic: c.topic,
        subject: firstLine.length > 80 ? `${firstLine.slice(0, 77)}...` : firstLine,
        message: c.message,
      },
      channel: 'email',
      run: (work) => work(trx),
    });
    await trx
      .updateTable('support_contacts')
      .set({ confirmed_at: now, ticket_id: ticket.id })
      .where('id', '=', c.id)
      .execute();
    return { ticketId: ticket.id };
  });
}

/** The ticket a reply link (sent with each email of an email ticket) stands for. */
export async function ticketOfReplyToken(db: Trx | AppContext['db'], token: string, now: Date) {
  const row = await db
    .selectFrom('ticket_reply_tokens')
    .innerJoin('tickets', 'tickets.id', 'ticket_reply_tokens.ticket_id')
    .select(['tickets.id', 'tickets.requester_id', 'ticket_reply_tokens.expires_at'])
    .where('ticket_reply_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= now) throw linkProblem();
  return row;
}

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

/** One of the requester's tickets with its public thread; anyone else's reads as not found. */
export async function requesterTicket(ctx: AppContext, id: number, userId: number) {
  const t = await ticketById(ctx.db, id);
  if (!t || t.requester_id !== userId) throw problems.notFound('ticket');
  return { ...userView(t), messages: await publicThread(ctx.db, id) };
}

/** The requester's tickets, a page of them. */
export async function requesterTicketPage(ctx: AppContext, userId: number, query: PageQuery) {
  const page = await pageOf(requesterTickets(ctx.db, userId), query);
  return { ...page, items: page.items.map(userView) };
}

/** A ticket as an agent of its queue reads it: thread, files, requester panel, refund requests. */
export async function staffTicket(ctx: AppContext, role: StaffRole, id: number) {
  const t = await staffTickets(ctx.db, ctx.clock, role).where('tickets.id', '=', id).executeTakeFirst();
  if (!t) throw problems.notFound('ticket');
  const [messages, refundRequests, requester] = await Promise.all([
    staffThread(ctx.db, t.id),
    ticketRefundRequests(ctx.db, t.id),
    requesterPanel(ctx.db, t.requesterId, t.id),
  ]);
  return { ...t, messages, refundRequests, requester, allowedActions: ticketActions(t, 'staff') };
}

/** A macro previewed on a ticket of the agent's queue (another queue's ticket reads as not found). */
export async function previewMacroOn(
  ctx: AppContext,
  { role, id, macroId }: { role: StaffRole; id: number; macroId: number },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const t = await ticketById(trx, id);
    if (!t || (role !== 'admin' && role !== t.queue)) throw problems.notFound('ticket');
    return previewMacro(trx, t, macroId);
  });
}
