import type { Transaction } from 'kysely';
import type { Database, MilestoneStatus, Order, OrderStatus } from '../../../db/schema.js';
import { Problem } from '../../http/problem.js';
import {
  allowedActions,
  applyTransition as applyAny,
  createRecord,
  createRecords,
  defineMachine,
  writeTimeline,
  type Transition as AnyTransition,
} from '../../machines/apply.js';

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

export type Transition = AnyTransition<OrderStatus, OrderActor, OrderContext> & {
  description: string;
  /** DSP-3: refused while a dispute is open on the order. */
  frozenByDispute?: boolean;
};

/** States in which an order is still open to the resolution centre (RES-6). */
export const OPEN: readonly OrderStatus[] = ['awaiting_payment', 'in_progress', 'delivered'];

const afterAcceptance = (c: OrderContext): OrderStatus =>
  c.milestonesLeft > 0 ? 'awaiting_payment' : 'completed';

export const ORDER_TRANSITIONS = [
  {
    name: 'buyer-pay-milestone',
    rule: 'ORD-2',
    from: ['awaiting_payment'],
    actor: 'buyer',
    to: 'in_progress',
    description: 'The buyer pays the next milestone into escrow; work on it starts (ORD-2).',
  },
  {
    name: 'seller-deliver',
    rule: 'ORD-3',
    frozenByDispute: true,
    from: ['in_progress'],
    actor: 'seller',
    to: 'delivered',
    description: 'The seller delivers the work of the current milestone (ORD-3).',
  },
  {
    name: 'buyer-request-revision',
    rule: 'ORD-3',
    frozenByDispute: true,
    from: ['delivered'],
    actor: 'buyer',
    to: 'in_progress',
    description: 'The buyer asks for a revision, within the revisions the order includes (ORD-3).',
  },
  {
    name: 'buyer-accept-delivery',
    rule: 'ORD-3, ORD-4',
    frozenByDispute: true,
    from: ['delivered'],
    actor: 'buyer',
    to: afterAcceptance,
    description: "The buyer accepts the delivery; the milestone's escrow is released (ORD-3, ORD-4).",
  },
  {
    name: 'buyer-review-delivery',
    rule: 'ORD-3',
    frozenByDispute: true,
    from: ['delivered'],
    actor: 'buyer',
    to: afterAcceptance,
    description: "A buyer's review on a delivered order accepts it (ORD-3).",
  },
  {
    name: 'auto-accept-delivery',
    rule: 'ORD-3',
    from: ['delivered'],
    actor: 'system',
    to: afterAcceptance,
    description: 'A delivery no one acts on is accepted after the policy days (ORD-3).',
  },
  {
    name: 'buyer-accept-cancellation',
    rule: 'RES-3, RES-8',
    consequence: true,
    from: OPEN,
    actor: 'buyer',
    to: 'cancelled',
    description:
      "The buyer accepts the seller's cancellation request; escrow returns to" +
      " the buyer's credit (RES-3, RES-8).",
  },
  {
    name: 'seller-accept-cancellation',
    rule: 'RES-3, RES-8',
    consequence: true,
    from: OPEN,
    actor: 'seller',
    to: 'cancelled',
    description:
      "The seller accepts the buyer's cancellation request; escrow returns to" +
      " the buyer's credit (RES-3, RES-8).",
  },
  {
    name: 'auto-cancel-unanswered',
    rule: 'RES-3',
    from: OPEN,
    actor: 'system',
    to: 'cancelled',
    description:
      'A cancellation request unanswered for 48 hours cancels the order as mutually cancelled (RES-3).',
  },
  {
    name: 'dispute-close-completed',
    rule: 'DSP-6, DSP-8, DSP-10',
    consequence: true,
    from: OPEN,
    actor: 'system',
    to: 'completed',
    description: 'A dispute ends with money to the seller: the order is completed (DSP-6, DSP-8, DSP-10).',
  },
  {
    name: 'dispute-close-cancelled',
    rule: 'DSP-6, DSP-8, DSP-10',
    consequence: true,
    from: OPEN,
    actor: 'system',
    to: 'cancelled',
    description:
      'A dispute ends with everything back to the buyer: the order is cancelled (DSP-6, DSP-8, DSP-10).',
  },
  {
    name: 'support-refund-cancel',
    rule: 'REF-4',
    consequence: true,
    from: OPEN,
    actor: 'staff',
    to: 'cancelled',
    description: 'Support approves a refund of everything in escrow: the order is cancelled (REF-4).',
  },
  {
    name: 'support-cancel-escalated',
    rule: 'RES-7',
    consequence: true,
    from: OPEN,
    actor: 'staff',
    to: 'cancelled',
    description: 'Support decides an escalated cancellation: cancel with full or partial credit (RES-7).',
  },
] as const satisfies readonly Transition[];

export type TransitionName = (typeof ORDER_TRANSITIONS)[number]['name'];

/** Answers of the order process, as they were before the table (tests and clients switch on them). */
export const ORDER_MACHINE = defineMachine<OrderStatus, OrderActor, OrderContext, 'orders'>({
  table: 'orders',
  column: 'status',
  initial: ['awaiting_payment'],
  transitions: ORDER_TRANSITIONS,
  conflict: (status, t) =>
    new Problem({
      status: 409,
      slug: 'order-state-conflict',
      title: 'Not possible in this order state',
      detail: `The order is ${status.replace('_', ' ')}; ${t.name} needs it to be ${t.from.join(' or ')}.`,
      extra: { state: status, transition: t.name },
    }),
});

export function transitionDef(name: TransitionName): Transition {
  return ORDER_TRANSITIONS.find((t) => t.name === name)!;
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

/** What else than the state decides whether an order transition is possible now. */
export interface OrderGuards {
  /** DSP-3: an open dispute freezes deliveries, acceptance and revisions. */
  openDispute: boolean;
  /** DSP-3: a disputed order is never reviewed. */
  everDisputed: boolean;
}

/** Transitions that `actor` may fire now (the API lists them; clients show one button each). */
export function allowedTransitions(order: Order, actor: OrderActor, g: OrderGuards): TransitionName[] {
  return allowedActions(ORDER_MACHINE, order.status, actor, (t) => {
    if ('frozenByDispute' in t && t.frozenByDispute && g.openDispute) return false;
    if (t.name === 'buyer-review-delivery' && g.everDisputed) return false;
    if (t.name === 'buyer-request-revision') return order.revisions_used < order.revisions_included;
    return true;
  }) as TransitionName[];
}

export interface Applied {
  from: OrderStatus;
  to: OrderStatus;
  eventId: number;
}

/**
 * Applies an order transition to an order the caller has locked: checks the table, writes
 * the new state and the timeline event. The caller writes the effects (postings, audit,
 * outbox) in the same transaction.
 */
export async function applyTransition(
  trx: Transaction<Database>,
  o: {
    now: Date;
    order: Order;
    name: TransitionName;
    by: { actor: OrderActor; id: number | null };
    milestonesLeft?: number;
    data?: Record<string, unknown>;
    set?: Partial<Pick<Order, 'delivered_at' | 'completed_at' | 'due_at' | 'revisions_used'>>;
  },
): Promise<Applied> {
  const { order, now } = o;
  const def = transitionDef(o.name);
  const next =
    typeof def.to === 'function' ? def.to({ order, milestonesLeft: o.milestonesLeft ?? 0 }) : def.to;
  const to = await applyAny(trx, {
    machine: ORDER_MACHINE,
    id: order.id,
    state: order.status,
    name: o.name,
    actor: o.by.actor,
    now,
    context: { order, milestonesLeft: o.milestonesLeft ?? 0 },
    set: { updated_at: now, ...o.set, ...(next === 'completed' ? { completed_at: now } : {}) },
    timeline: { orderId: order.id, by: o.by, data: o.data },
  });
  order.status = to.to;
  return { from: to.from, to: to.to, eventId: to.eventId! };
}

/** A new order, awaiting its first payment (ORD-2). */
export function createOrderRow(
  trx: Transaction<Database>,
  values: Parameters<typeof createRecord<OrderStatus, OrderActor, OrderContext, 'orders'>>[2],
) {
  return createRecord(trx, ORDER_MACHINE, values);
}

/**
 * The milestone process (ORD-2..4, RES-8, DSP-6..10): paid into escrow, delivered, released
 * to the seller or refunded to the buyer. Its transitions follow the order's, in the same use
 * cases; the order timeline records them through the order's own events.
 */
export type MilestoneActor = 'buyer' | 'seller' | 'system' | 'staff';

export const MILESTONE_TRANSITIONS = [
  { name: 'buyer-pay-milestone', from: ['unpaid'], to: 'in_escrow', actor: 'buyer', rule: 'ORD-2' },
  { name: 'seller-deliver', from: ['in_escrow'], to: 'delivered', actor: 'seller', rule: 'ORD-3' },
  { name: 'buyer-request-revision', from: ['delivered'], to: 'in_escrow', actor: 'buyer', rule: 'ORD-3' },
  {
    name: 'buyer-accept-delivery',
    from: ['delivered'],
    to: 'released',
    actor: 'buyer',
    rule: 'ORD-3, ORD-4',
  },
  { name: 'buyer-review-delivery', from: ['delivered'], to: 'released', actor: 'buyer', rule: 'ORD-3' },
  { name: 'auto-accept-delivery', from: ['delivered'], to: 'released', actor: 'system', rule: 'ORD-3' },
  {
    name: 'order-cancelled',
    from: ['in_escrow', 'delivered'],
    // RES-7: with a partial credit the seller's part is released; everything back is a refund.
    to: (c: { released: boolean }) => (c.released ? 'released' : 'refunded'),
    actor: 'system',
    rule: 'RES-7, RES-8',
    consequence: true,
  },
  {
    name: 'dispute-settled',
    from: ['in_escrow', 'delivered'],
    to: (c: { released: boolean }) => (c.released ? 'released' : 'refunded'),
    actor: 'system',
    rule: 'DSP-6, DSP-8, DSP-10',
    consequence: true,
  },
] as const satisfies readonly AnyTransition<MilestoneStatus, MilestoneActor, { released: boolean }>[];

export const MILESTONE_MACHINE = defineMachine<
  MilestoneStatus,
  MilestoneActor,
  { released: boolean },
  'milestones'
>({
  table: 'milestones',
  column: 'status',
  initial: ['unpaid'],
  transitions: MILESTONE_TRANSITIONS,
  conflict: (status, t) =>
    new Problem({
      status: 409,
      slug: 'milestone-state-conflict',
      title: 'Not possible in this milestone state',
      detail:
        `The milestone is ${status.replace('_', ' ')}; ` + `${t.name} needs it to be ${t.from.join(' or ')}.`,
      extra: { state: status, transition: t.name },
    }),
});

export type MilestoneTransition = (typeof MILESTONE_TRANSITIONS)[number]['name'];

/** Moves a milestone the caller has locked (with its order) along its table. */
export async function moveMilestone(
  trx: Transaction<Database>,
  o: {
    now: Date;
    /** Without `status` the row is locked and read here. */
    milestone: { id: number; status?: MilestoneStatus };
    name: MilestoneTransition;
    actor: MilestoneActor;
    released?: boolean;
    set?: { paid_at?: Date; due_at?: Date; released_at?: Date | null };
  },
): Promise<MilestoneStatus> {
  const { to } = await applyAny(trx, {
    machine: MILESTONE_MACHINE,
    id: o.milestone.id,
    state: o.milestone.status,
    name: o.name,
    actor: o.actor,
    now: o.now,
    context: { released: o.released ?? false },
    set: o.set,
  });
  o.milestone.status = to;
  return to;
}

/** New milestones of an order, unpaid (ORD-2, RES-1 extras). */
export function createMilestones(
  trx: Transaction<Database>,
  values: Parameters<
    typeof createRecords<MilestoneStatus, MilestoneActor, { released: boolean }, 'milestones'>
  >[2],
) {
  return createRecords(trx, MILESTONE_MACHINE, values);
}

/** The milestone's actions for the caller: paying is the buyer's, on the next unpaid one. */
export function milestoneActions(
  m: { status: MilestoneStatus; id: number },
  nextUnpaidId: number | undefined,
  actor: MilestoneActor | null,
): string[] {
  return allowedActions(MILESTONE_MACHINE, m.status, actor, (t) =>
    t.name === 'buyer-pay-milestone' ? m.id === nextUnpaidId : false,
  );
}

/** A timeline event that does not change the state (a message, a review, a tip, a posting). */
export async function recordEvent(
  trx: Transaction<Database>,
  now: Date,
  {
    orderId,
    event,
    by,
    data = {},
  }: {
    orderId: number;
    event: string;
    by: { actor: OrderActor; id: number | null };
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await writeTimeline(trx, now, { orderId, by, event, data, from: null, to: null });
}
