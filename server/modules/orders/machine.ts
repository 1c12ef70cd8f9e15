import type { Transaction } from 'kysely';
import type { Database, Order, OrderStatus } from '../../../db/schema.js';
import { Problem, problems } from '../../http/problem.js';

/**
 * ORD-2/3: the order process as data. Each transition names its actor in its name
 * (`buyer-accept-delivery`, `auto-accept-delivery`); `auto-*` transitions are fired by the
 * scheduler only. `to` may depend on the order (a paid milestone starts work; accepting the
 * last milestone completes the order, an earlier one waits for the next payment).
 */
export type OrderActor = 'buyer' | 'seller' | 'system' | 'staff';

export interface OrderContext {
  order: Order;
  milestonesLeft: number;
}

export interface Transition {
  name: string;
  from: readonly OrderStatus[];
  actor: OrderActor;
  to: OrderStatus | ((c: OrderContext) => OrderStatus);
  description: string;
}

/** States in which an order is still open to the resolution centre (RES-6). */
export const OPEN: readonly OrderStatus[] = ['awaiting_payment', 'in_progress', 'delivered'];

const afterAcceptance = (c: OrderContext): OrderStatus =>
  c.milestonesLeft > 0 ? 'awaiting_payment' : 'completed';

export const ORDER_TRANSITIONS = [
  {
    name: 'buyer-pay-milestone',
    from: ['awaiting_payment'],
    actor: 'buyer',
    to: 'in_progress',
    description: 'The buyer pays the next milestone into escrow; work on it starts (ORD-2).',
  },
  {
    name: 'seller-deliver',
    from: ['in_progress'],
    actor: 'seller',
    to: 'delivered',
    description: 'The seller delivers the work of the current milestone (ORD-3).',
  },
  {
    name: 'buyer-request-revision',
    from: ['delivered'],
    actor: 'buyer',
    to: 'in_progress',
    description: 'The buyer asks for a revision, within the revisions the order includes (ORD-3).',
  },
  {
    name: 'buyer-accept-delivery',
    from: ['delivered'],
    actor: 'buyer',
    to: afterAcceptance,
    description: "The buyer accepts the delivery; the milestone's escrow is released (ORD-3, ORD-4).",
  },
  {
    name: 'buyer-review-delivery',
    from: ['delivered'],
    actor: 'buyer',
    to: afterAcceptance,
    description: "A buyer's review on a delivered order accepts it (ORD-3).",
  },
  {
    name: 'auto-accept-delivery',
    from: ['delivered'],
    actor: 'system',
    to: afterAcceptance,
    description: 'A delivery no one acts on is accepted after the policy days (ORD-3).',
  },
  {
    name: 'buyer-accept-cancellation',
    from: OPEN,
    actor: 'buyer',
    to: 'cancelled',
    description:
      "The buyer accepts the seller's cancellation request; escrow returns to the buyer's credit (RES-3, RES-8).",
  },
  {
    name: 'seller-accept-cancellation',
    from: OPEN,
    actor: 'seller',
    to: 'cancelled',
    description:
      "The seller accepts the buyer's cancellation request; escrow returns to the buyer's credit (RES-3, RES-8).",
  },
  {
    name: 'auto-cancel-unanswered',
    from: OPEN,
    actor: 'system',
    to: 'cancelled',
    description:
      'A cancellation request unanswered for 48 hours cancels the order as mutually cancelled (RES-3).',
  },
  {
    name: 'dispute-close-completed',
    from: OPEN,
    actor: 'system',
    to: 'completed',
    description: 'A dispute ends with money to the seller: the order is completed (DSP-6, DSP-8, DSP-10).',
  },
  {
    name: 'dispute-close-cancelled',
    from: OPEN,
    actor: 'system',
    to: 'cancelled',
    description:
      'A dispute ends with everything back to the buyer: the order is cancelled (DSP-6, DSP-8, DSP-10).',
  },
  {
    name: 'support-refund-cancel',
    from: OPEN,
    actor: 'staff',
    to: 'cancelled',
    description: 'Support approves a refund of everything in escrow: the order is cancelled (REF-4).',
  },
  {
    name: 'support-cancel-escalated',
    from: OPEN,
    actor: 'staff',
    to: 'cancelled',
    description: 'Support decides an escalated cancellation: cancel with full or partial credit (RES-7).',
  },
] as const satisfies readonly Transition[];

export type TransitionName = (typeof ORDER_TRANSITIONS)[number]['name'];
const BY_NAME = new Map<string, Transition>(ORDER_TRANSITIONS.map((t) => [t.name, t]));

export function transitionDef(name: TransitionName): Transition {
  return BY_NAME.get(name)!;
}

/** The role a user plays on an order, or null when it is not theirs. */
export function partyOf(
  order: Pick<Order, 'buyer_id' | 'seller_id'>,
  userId: number,
): 'buyer' | 'seller' | null {
  if (order.buyer_id === userId) return 'buyer';
  if (order.seller_id === userId) return 'seller';
  return null;
}

/** Transitions that `actor` may fire now (the API lists them; clients show one button each). */
export function allowedTransitions(order: Order, actor: OrderActor): TransitionName[] {
  // Cancellations and extras are answers to resolution requests, listed with the request itself.
  return ORDER_TRANSITIONS.filter(
    (t) =>
      t.actor === actor &&
      (t.from as readonly string[]).includes(order.status) &&
      !t.name.startsWith('auto-') &&
      !/cancel|extras|dispute/.test(t.name),
  ).map((t) => t.name);
}

export interface Applied {
  from: OrderStatus;
  to: OrderStatus;
  eventId: number;
}

/**
 * The one place that applies a transition to a locked order: checks the table, writes the
 * new state and the timeline event. The caller (the use case) has locked the order row
 * and writes the effects (postings, audit, outbox) in the same transaction.
 */
export async function applyTransition(
  trx: Transaction<Database>,
  now: Date,
  order: Order,
  name: TransitionName,
  by: { actor: OrderActor; id: number | null },
  milestonesLeft: number,
  data: Record<string, unknown> = {},
  extra: Partial<Pick<Order, 'delivered_at' | 'completed_at' | 'due_at' | 'revisions_used'>> = {},
): Promise<Applied> {
  const t = transitionDef(name);
  if (t.actor !== by.actor)
    throw problems.forbidden(`Only the ${t.actor} may ${name.replace(/^\w+-/, '').replace(/-/g, ' ')}.`);
  if (!(t.from as readonly string[]).includes(order.status)) {
    throw new Problem(
      409,
      'order-state-conflict',
      'Not possible in this order state',
      `The order is ${order.status.replace('_', ' ')}; ${name} needs it to be ${t.from.join(' or ')}.`,
      { orderStatus: order.status, transition: name },
    );
  }
  const from = order.status;
  const to = typeof t.to === 'function' ? t.to({ order, milestonesLeft }) : t.to;
  await trx
    .updateTable('orders')
    .set({ status: to, updated_at: now, ...extra, ...(to === 'completed' ? { completed_at: now } : {}) })
    .where('id', '=', order.id)
    .execute();
  const ev = await trx
    .insertInto('order_events')
    .values({
      order_id: order.id,
      at: now,
      actor_type: by.actor,
      actor_id: by.id,
      event: name,
      from_status: order.status,
      to_status: to,
      data: JSON.stringify(data),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  order.status = to;
  return { from, to, eventId: ev.id };
}

/** A timeline event that does not change the state (a message, a review, a tip, a posting). */
export async function recordEvent(
  trx: Transaction<Database>,
  now: Date,
  orderId: number,
  event: string,
  by: { actor: OrderActor; id: number | null },
  data: Record<string, unknown> = {},
): Promise<void> {
  await trx
    .insertInto('order_events')
    .values({
      order_id: orderId,
      at: now,
      actor_type: by.actor,
      actor_id: by.id,
      event,
      from_status: null,
      to_status: null,
      data: JSON.stringify(data),
    })
    .execute();
}
