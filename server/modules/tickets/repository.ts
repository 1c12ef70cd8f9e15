import { sql, type Transaction } from 'kysely';
import type { Database, Executor, Ticket } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';

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
