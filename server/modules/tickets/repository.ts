import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import {
  TICKET_TOPICS,
  type Database,
  type Executor,
  type StaffRole,
  type Ticket,
} from '../../../db/schema.js';
import { camel } from '../../http/camel.js';
import { filters, type ListSpec } from '../../http/list.js';
import { idValue } from '../../http/schemas.js';
import type { Clock } from '../../time/clock.js';
import { userBalances } from '../ledger/ledger.js';
import { isOpen, kindOf } from '../queues/registry.js';

const ticketQueue = kindOf('tickets');

/** The roles that hold a ticket queue (OPS-1). */
export const QUEUE_ROLES = ['support', 'trust_safety', 'finance'] as const;

/** Locks a ticket for a change (everything that writes a ticket takes this first). */
export async function lockTicket(trx: Transaction<Database>, id: number): Promise<Ticket | undefined> {
  return trx.selectFrom('tickets').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

export interface NewMessage {
  ticketId: number;
  author: { type: 'user' | 'staff' | 'system'; id: number | null };
  body: string;
  internal?: boolean;
  via?: 'api' | 'email' | 'console';
  macroId?: number | null;
  now: Date;
}

/** A message in a ticket's thread; also what other modules write there (a refund decision, SUP-1). */
export async function addMessage(db: Executor, m: NewMessage): Promise<number> {
  const row = await db
    .insertInto('ticket_messages')
    .values({
      ticket_id: m.ticketId,
      author_type: m.author.type,
      author_id: m.author.id,
      internal: m.internal ?? false,
      body: m.body,
      via: m.via ?? 'api',
      macro_id: m.macroId ?? null,
      created_at: m.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!m.internal)
    await db.updateTable('tickets').set({ last_activity_at: m.now }).where('id', '=', m.ticketId).execute();
  return row.id;
}

/**
 * The thread as its requester may read it (SUP-4): internal notes are filtered here, in the query,
 * never by the caller.
 */
export async function publicThread(db: Executor, ticketId: number) {
  const messages = await db
    .selectFrom('ticket_messages')
    .leftJoin('staff', (j) =>
      j.onRef('staff.id', '=', 'ticket_messages.author_id').on('ticket_messages.author_type', '=', 'staff'),
    )
    .select([
      'ticket_messages.id',
      ...camel('ticket_messages.author_type'),
      sql<string | null>`case when ticket_messages.author_type = 'staff' then staff.name end`.as(
        'authorName',
      ),
      'ticket_messages.body',
      ...camel('ticket_messages.created_at'),
    ])
    .where('ticket_messages.ticket_id', '=', ticketId)
    .where('ticket_messages.internal', '=', false)
    .orderBy('ticket_messages.id')
    .execute();
  const files = await db
    .selectFrom('ticket_attachments')
    .select(['id', ...camel('message_id'), 'filename', ...camel('content_type'), 'size'])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();
  return messages.map((m) => ({ ...m, attachments: files.filter((f) => f.messageId === m.id) }));
}

/** Whether a record the user links to a ticket is theirs (SUP-1); not theirs reads as not found. */
export async function ownsLinked(
  db: Executor,
  userId: number,
  link: { orderId?: number; withdrawalId?: number; disputeId?: number },
): Promise<'order' | 'withdrawal' | 'dispute' | null> {
  if (link.orderId !== undefined) {
    const o = await db
      .selectFrom('orders')
      .select('id')
      .where('id', '=', link.orderId)
      .where((eb) => eb.or([eb('buyer_id', '=', userId), eb('seller_id', '=', userId)]))
      .executeTakeFirst();
    if (!o) return 'order';
  }
  if (link.withdrawalId !== undefined) {
    const w = await db
      .selectFrom('withdrawals')
      .select('id')
      .where('id', '=', link.withdrawalId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!w) return 'withdrawal';
  }
  if (link.disputeId !== undefined) {
    const d = await db
      .selectFrom('disputes')
      .innerJoin('orders', 'orders.id', 'disputes.order_id')
      .select('disputes.id')
      .where('disputes.id', '=', link.disputeId)
      .where((eb) => eb.or([eb('orders.buyer_id', '=', userId), eb('orders.seller_id', '=', userId)]))
      .executeTakeFirst();
    if (!d) return 'dispute';
  }
  return null;
}

// SUP-3: a waiting ticket's resolution SLA is stopped: it cannot breach while it waits.
const resolutionDue = sql<Date>`case when tickets.sla_paused_at is null
    or tickets.resolution_due_at < tickets.sla_paused_at then tickets.resolution_due_at end`;
const nextBreach = sql<Date | null>`case when tickets.status in ('new', 'open', 'pending', 'on_hold') then
    case when tickets.first_responded_at is null then least(tickets.first_response_due_at, ${resolutionDue})
    else ${resolutionDue} end end`;
const breached = (now: Date) =>
  sql<boolean>`coalesce(tickets.status in ('new', 'open', 'pending', 'on_hold') and ${nextBreach} <
      ${now}, false)`;

/** The staff queue's tickets with their SLA (OPS-1: each role sees its own queue; admins all of them). */
export const staffTickets = (db: Executor, clock: Clock, role: StaffRole) => {
  let qb = db
    .selectFrom('tickets')
    // Left joins on not-null foreign keys: the same rows, and the list's count drops them (issue #15).
    .leftJoin('users as requester', 'requester.id', 'tickets.requester_id')
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
          and tickets.first_response_due_at < ${clock.now()}`.as('firstResponseBreached'),
      sql<boolean>`coalesce(tickets.status in ('new', 'open', 'pending', 'on_hold')
          and tickets.resolution_due_at < coalesce(tickets.sla_paused_at, ${clock.now()}), false)`.as(
        'resolutionBreached',
      ),
      ...camel('tickets.sla_paused_at'),
    ]);
  if (role !== 'admin') qb = qb.where('tickets.queue', '=', role);
  return qb;
};

/** The staff ticket list: filters and sorts (OPS-2 / SUP-3). */
export const staffTicketList = (clock: Clock): ListSpec => ({
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
      apply: (qb, v: boolean) => qb.where(sql<boolean>`${breached(clock.now())} = ${v}`),
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
});

/** What the agent sees of a ticket's requester beside the thread. */
export async function requesterPanel(db: Executor, userId: number, ticketId: number) {
  const [user, balances, orders, tickets, refunds, disputes, warnings, payouts] = await Promise.all([
    db
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
    userBalances(db, userId),
    db
      .selectFrom('orders')
      .select(['id', 'title', 'status', 'total', ...camel('buyer_id', 'created_at')])
      .where((eb) => eb.or([eb('buyer_id', '=', userId), eb('seller_id', '=', userId)]))
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
    db
      .selectFrom('tickets')
      .select(['id', 'subject', 'topic', 'status', ...camel('created_at')])
      .where('requester_id', '=', userId)
      .where('id', '<>', ticketId)
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
    db
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
    db
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
    db
      .selectFrom('warnings')
      .select(['id', 'type', 'consequence', 'reason', ...camel('issued_at')])
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
    db
      .selectFrom('withdrawals')
      .select(['id', 'amount', 'status', 'reason', ...camel('created_at')])
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
  ]);
  return { ...user, balances, orders, tickets, refunds, disputes, warnings, payouts };
}

export const ticketById = (db: Executor, id: number) =>
  db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();

/** The requester's own tickets, newest activity first. */
export const requesterTickets = (db: Executor, userId: number) =>
  db
    .selectFrom('tickets')
    .selectAll()
    .where('requester_id', '=', userId)
    .orderBy('last_activity_at', 'desc')
    .orderBy('id', 'desc');

/** A file of a ticket, only if the ticket is the user's. */
export const requesterAttachment = (db: Executor, userId: number, ticketId: number, fileId: number) =>
  db
    .selectFrom('ticket_attachments')
    .innerJoin('tickets', 'tickets.id', 'ticket_attachments.ticket_id')
    .select([
      'ticket_attachments.storage_key',
      'ticket_attachments.content_type',
      'ticket_attachments.filename',
    ])
    .where('ticket_attachments.id', '=', fileId)
    .where('ticket_attachments.ticket_id', '=', ticketId)
    .where('tickets.requester_id', '=', userId)
    .executeTakeFirst();

/** A file of any ticket, with the queue it belongs to (the caller checks the role). */
export const staffAttachment = (db: Executor, fileId: number) =>
  db
    .selectFrom('ticket_attachments')
    .innerJoin('tickets', 'tickets.id', 'ticket_attachments.ticket_id')
    .select([
      'ticket_attachments.storage_key',
      'ticket_attachments.content_type',
      'ticket_attachments.filename',
      'tickets.queue',
    ])
    .where('ticket_attachments.id', '=', fileId)
    .executeTakeFirst();

/** The whole thread as staff read it: internal notes included, each message with its files. */
export async function staffThread(db: Executor, ticketId: number) {
  const [messages, attachments] = await Promise.all([
    db
      .selectFrom('ticket_messages')
      .leftJoin('staff', (j) =>
        j.onRef('staff.id', '=', 'ticket_messages.author_id').on('ticket_messages.author_type', '=', 'staff'),
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
      .where('ticket_messages.ticket_id', '=', ticketId)
      .orderBy('ticket_messages.id')
      .execute(),
    db
      .selectFrom('ticket_attachments')
      .select(['id', ...camel('message_id'), 'filename', ...camel('content_type'), 'size'])
      .where('ticket_id', '=', ticketId)
      .execute(),
  ]);
  return messages.map((m) => ({ ...m, attachments: attachments.filter((a) => a.messageId === m.id) }));
}

/** The refund requests opened from a ticket. */
export const ticketRefundRequests = (db: Executor, ticketId: number) =>
  db
    .selectFrom('refund_requests')
    .select(['id', 'kind', 'status', 'amount_requested as amount', ...camel('decision_reason')])
    .where('ticket_id', '=', ticketId)
    .orderBy('id')
    .execute();

/** Active staff of the given roles, by name. */
export const activeStaffOf = (db: Executor, roles: StaffRole[]) =>
  db
    .selectFrom('staff')
    .select(['id', 'name', 'role'])
    .where('active', '=', true)
    .where('role', 'in', roles)
    .orderBy('name')
    .execute();

export const ticketQueueOf = async (db: Executor, id: number) =>
  (await db.selectFrom('tickets').select('queue').where('id', '=', id).executeTakeFirstOrThrow()).queue;

/** SUP-6: ratings per agent and per topic, and the median first-response and resolution hours per topic. */
export async function ticketSatisfaction(db: Executor) {
  const byAgent = await db
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
  const byTopic = await db
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
  const times = await db
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
}
