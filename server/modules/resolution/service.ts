import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database, Executor, Order, ResolutionRequest, InTransaction } from '../../../db/schema.js';
import { type AppContext, transactionOf } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { settingsAt } from '../settings/repository.js';
import { slaDueAt } from '../settings/sla.js';
import { scheduleJob, cancelJob } from '../../jobs/jobs.js';
import { notify } from '../../notifications/templates.js';
import { audit, type Actor } from '../audit/audit.js';
import { OPEN, createMilestones, recordEvent } from '../orders/machine.js';
import { applyTransition, checkTransition, createRecord } from '../../machines/apply.js';
import { ESCALATION_MACHINE, REQUEST_MACHINE, requestActor, type RequestActor } from './machine.js';
import { lockOrderChildFor, lockOrderFor } from '../orders/repository.js';
import { cancelOrder } from '../orders/cancel.js';
import { ESCALATION_OUTCOMES, REASONS, WHO_MAY_SEND, windowHours } from './rules.js';
import { assertNotDisputed } from '../disputes/guard.js';
import { splitEscrow } from '../orders/rules.js';
import { escrowHeld } from '../orders/escrow.js';
import { commissionOf } from './repository.js';

type Trx = Transaction<Database>;
export const JOB_RESOLUTION_EXPIRE = 'resolution.expire';

export const newRequestSchema = z.object({
  kind: z.enum(['cancel', 'update', 'extend_delivery', 'extras', 'extra_revisions']),
  reason: z.string(),
  message: z.string().trim().min(3).max(5000),
  days: z.number().int().min(1).max(90).optional(),
  price: z.number().int().min(10_000).max(1_000_000_000).optional(),
  revisions: z.number().int().min(1).max(10).optional(),
});

const other = (order: Order, role: 'buyer' | 'seller') =>
  role === 'buyer' ? order.seller_id : order.buyer_id;

/** RES-1, RES-2, RES-6, RES-9: open a request; the other party is told at once and the timer starts. */
export async function openRequest(
  ctx: AppContext,
  {
    userId,
    orderId,
    input,
    run = transactionOf(ctx),
  }: { userId: number; orderId: number; input: z.infer<typeof newRequestSchema>; run?: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { order, role } = await lockOrderFor(trx, orderId, userId);
    const errors = [];
    if (!REASONS[input.kind].includes(input.reason))
      errors.push({ field: 'body.reason', message: `one of: ${REASONS[input.kind].join(', ')}` });
    if ((input.kind === 'extend_delivery' || input.kind === 'extras') && !input.days)
      errors.push({ field: 'body.days', message: 'how many days to add' });
    if (input.kind === 'extras' && !input.price)
      errors.push({ field: 'body.price', message: 'the price of the extras' });
    if (input.kind === 'extra_revisions' && !input.revisions)
      errors.push({ field: 'body.revisions', message: 'how many revisions to add' });
    if (errors.length) throw problems.validation(errors);
    await assertNotDisputed(trx, orderId);
    if (!WHO_MAY_SEND[input.kind].includes(role))
      throw problems.forbidden(`The ${role} cannot send a ${input.kind.replace('_', ' ')} request (RES-1).`);
    if (!OPEN.includes(order.status)) {
      throw new Problem({
        status: 409,
        slug: 'order-closed-to-resolution',
        title: 'No resolution centre for this order',
        detail:
          `The order is ${order.status}; ` +
          'completed orders have no resolution centre: contact support (RES-6).',
      });
    }
    if (input.kind === 'update' && order.status !== 'in_progress')
      throw new Problem({
        status: 409,
        slug: 'order-state-conflict',
        title: 'Not possible in this order state',
        detail: 'An update can be asked while the seller is working on the order.',
      });
    const open = await trx
      .selectFrom('resolution_requests')
      .select('id')
      .where('order_id', '=', orderId)
      .where('kind', '=', input.kind)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open)
      throw problems.conflict(
        'request-already-open',
        'A request of this kind is open',
        `Request #${open.id} of the same kind is still open on this order (RES-9).`,
      );

    // RES-1: the buyer's own extension needs nobody's consent.
    const immediate = input.kind === 'extend_delivery' && role === 'buyer';
    const settings = await settingsAt(trx, now);
    const expiresAt = immediate
      ? null
      : new Date(now.getTime() + windowHours(input.kind, settings) * 3_600_000);
    const req = await createRecord(
      trx,
      REQUEST_MACHINE,
      {
        order_id: orderId,
        kind: input.kind,
        requester_id: userId,
        requester_role: role,
        reason: input.reason,
        message: input.message,
        days: input.days ?? null,
        price: input.price ?? null,
        revisions: input.revisions ?? null,
        order_status_before: order.status,
        created_at: now,
        expires_at: expiresAt,
        answered_at: immediate ? now : null,
        answered_by: immediate ? userId : null,
        answer: null,
      },
      immediate ? 'accepted' : 'open',
    );
    await recordEvent(trx, now, {
      orderId,
      event: `resolution-${input.kind}-requested`,
      by: { actor: role, id: userId },
      data: {
        requestId: req.id,
        reason: input.reason,
        message: input.message,
        days: input.days,
        price: input.price,
        revisions: input.revisions,
        expiresAt,
      },
    });
    if (immediate) await extendDelivery(trx, now, order, input.days!);
    if (expiresAt)
      await scheduleJob(trx, now, {
        kind: JOB_RESOLUTION_EXPIRE,
        runAt: expiresAt,
        payload: { requestId: req.id },
        dedupeKey: `resolution:${req.id}:expire`,
      });
    await notify(trx, ctx, {
      userId: other(order, role),
      kind: 'resolution.opened',
      params: {
        title: order.title,
        by: role,
        kind: input.kind,
        reason: input.reason,
        message: input.message,
        answerBy: expiresAt,
      },
      payload: { orderId, requestId: req.id },
    });
    return req;
  });
}

async function extendDelivery(trx: Trx, _now: Date, order: Order, days: number) {
  const ms = days * 86_400_000;
  const current = await trx
    .selectFrom('milestones')
    .select(['id', 'due_at'])
    .where('order_id', '=', order.id)
    .where('status', 'in', ['in_escrow', 'delivered'])
    .execute();
  for (const m of current)
    await trx
      .updateTable('milestones')
      .set({ due_at: new Date(m.due_at!.getTime() + ms) })
      .where('id', '=', m.id)
      .execute();
  if (order.due_at)
    await trx
      .updateTable('orders')
      .set({ due_at: new Date(order.due_at.getTime() + ms) })
      .where('id', '=', order.id)
      .execute();
}

async function lockRequest(trx: Trx, requestId: number, userId: number) {
  const {
    row: req,
    order,
    role,
  } = await lockOrderChildFor(trx, 'resolution_requests', {
    id: requestId,
    userId,
    noun: 'resolution request',
  });
  return { req, order, role };
}

/** Moves a request the caller has locked along its table (machine.ts). */
async function move(
  trx: Trx,
  now: Date,
  {
    req,
    name,
    actor,
    set = {},
  }: {
    req: ResolutionRequest;
    name: Parameters<typeof checkTransition<ResolutionRequest['status'], RequestActor, never>>[1]['name'];
    actor: RequestActor;
    set?: Partial<Pick<ResolutionRequest, 'answered_at' | 'answered_by' | 'answer'>>;
  },
) {
  const { to } = await applyTransition(trx, {
    machine: REQUEST_MACHINE,
    id: req.id,
    state: req.status,
    name,
    actor,
    now,
    set,
  });
  req.status = to;
}

/**
 * The request locked for its recipient's answer (accept or decline): the move must be theirs now, and an
 * update request is answered by an order message instead (RES-4).
 */
async function lockAnswerable(
  trx: Trx,
  { requestId, userId, name }: { requestId: number; userId: number; name: string },
) {
  const locked = await lockRequest(trx, requestId, userId);
  const { req, role } = locked;
  checkTransition(REQUEST_MACHINE, { state: req.status, name, actor: requestActor(req, role)! });
  if (req.kind === 'update')
    throw problems.unprocessable(
      'answer-with-message',
      'Answer with a message',
      'An update request is answered by writing an order message (RES-4).',
    );
  return locked;
}

/** The other party accepts: cancel (RES-3, RES-8), extend (RES-5), extras and revisions (RES-1). */
export async function acceptRequest(ctx: AppContext, trx: Trx, userId: number, requestId: number) {
  const now = ctx.clock.now();
  const { req, order, role } = await lockAnswerable(trx, { requestId, userId, name: 'recipient-accept' });
  await move(trx, now, {
    req,
    name: 'recipient-accept',
    actor: 'recipient',
    set: { answered_at: now, answered_by: userId },
  });
  await cancelJob(trx, `resolution:${req.id}:expire`, now);
  let effect: Record<string, unknown> = {};
  if (req.kind === 'cancel') {
    effect = await cancelOrder(ctx, trx, {
      order,
      name: role === 'buyer' ? 'buyer-accept-cancellation' : 'seller-accept-cancellation',
      by: { actor: role, id: userId },
      fault: 'mutual',
      data: { requestId: req.id },
    });
  } else {
    await recordEvent(trx, now, {
      orderId: order.id,
      event: `resolution-${req.kind}-accepted`,
      by: { actor: role, id: userId },
      data: { requestId: req.id },
    });
    if (req.kind === 'extend_delivery') await extendDelivery(trx, now, order, req.days!);
    if (req.kind === 'extra_revisions')
      await trx
        .updateTable('orders')
        .set({ revisions_included: order.revisions_included + req.revisions! })
        .where('id', '=', order.id)
        .execute();
    if (req.kind === 'extras') {
      const last = await trx
        .selectFrom('milestones')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('order_id', '=', order.id)
        .executeTakeFirstOrThrow();
      await createMilestones(trx, [
        {
          order_id: order.id,
          seq: Number(last.seq) + 1,
          title: `Extras: ${req.message.slice(0, 150)}`,
          amount: req.price!,
          days: req.days!,
          due_at: null,
          paid_at: null,
          released_at: null,
        },
      ]);
      await trx
        .updateTable('orders')
        .set({ total: order.total + req.price! })
        .where('id', '=', order.id)
        .execute();
      effect = { milestoneAdded: req.price };
    }
  }
  await notify(trx, ctx, {
    userId: req.requester_id,
    kind: 'resolution.accepted',
    params: { title: order.title, kind: req.kind },
    payload: { orderId: order.id, requestId: req.id },
  });
  return { id: req.id, status: 'accepted' as const, ...effect };
}

export async function declineRequest(
  ctx: AppContext,
  {
    userId,
    requestId,
    answer,
    run = transactionOf(ctx),
  }: { userId: number; requestId: number; answer: string | undefined; run?: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { req, order, role } = await lockAnswerable(trx, { requestId, userId, name: 'recipient-decline' });
    await move(trx, now, {
      req,
      name: 'recipient-decline',
      actor: 'recipient',
      set: {
        answered_at: now,
        answered_by: userId,
        answer: answer ?? null,
      },
    });
    await cancelJob(trx, `resolution:${req.id}:expire`, now);
    await recordEvent(trx, now, {
      orderId: order.id,
      event: `resolution-${req.kind}-declined`,
      by: { actor: role, id: userId },
      data: { requestId: req.id, answer },
    });
    await notify(trx, ctx, {
      userId: req.requester_id,
      kind: 'resolution.declined',
      params: { title: order.title, kind: req.kind, answer: answer || null },
      payload: { orderId: order.id, requestId: req.id },
    });
    return { id: req.id, status: 'declined' as const };
  });
}

/** RES-6: the sender may withdraw their own open request. */
export async function withdrawRequest(
  ctx: AppContext,
  userId: number,
  requestId: number,
  run: InTransaction = transactionOf(ctx),
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { req, order, role } = await lockRequest(trx, requestId, userId);
    await move(trx, now, {
      req,
      name: 'requester-withdraw',
      actor: requestActor(req, role)!,
      set: { answered_at: now },
    });
    await cancelJob(trx, `resolution:${req.id}:expire`, now);
    await recordEvent(trx, now, {
      orderId: order.id,
      event: `resolution-${req.kind}-withdrawn`,
      by: { actor: role, id: userId },
      data: { requestId: req.id },
    });
    return { id: req.id, status: 'withdrawn' as const };
  });
}

/** RES-4: the seller's message on the order answers an open update request. */
export async function answerUpdateByMessage(
  trx: Trx,
  now: Date,
  { orderId, sellerId, messageId }: { orderId: number; sellerId: number; messageId: number },
) {
  const open = await trx
    .selectFrom('resolution_requests')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('kind', '=', 'update')
    .where('status', '=', 'open')
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!open) return;
  await move(trx, now, {
    req: open,
    name: 'recipient-answer-update',
    actor: 'recipient',
    set: {
      answered_at: now,
      answered_by: sellerId,
      answer: `message #${messageId}`,
    },
  });
  await cancelJob(trx, `resolution:${open.id}:expire`, now);
  await recordEvent(trx, now, {
    orderId,
    event: 'resolution-update-answered',
    by: { actor: 'seller', id: sellerId },
    data: { requestId: open.id, messageId },
  });
}

/** Scheduler: RES-3 (cancel), RES-4 (update), RES-5 (extension) windows. */
export async function expireRequest(ctx: AppContext, trx: Trx, payload: { requestId: number }) {
  const now = ctx.clock.now();
  const req = await trx
    .selectFrom('resolution_requests')
    .selectAll()
    .where('id', '=', payload.requestId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!req || req.status !== 'open') return;
  const order = await trx
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', req.order_id)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
  if (req.kind === 'cancel' && OPEN.includes(order.status)) {
    await move(trx, now, {
      req,
      name: 'auto-accept-unanswered-cancel',
      actor: 'system',
      set: {
        answered_at: now,
        answer: 'no answer within the window: mutually cancelled (RES-3)',
      },
    });
    await cancelOrder(ctx, trx, {
      order,
      name: 'auto-cancel-unanswered',
      by: { actor: 'system', id: null },
      fault: 'mutual',
      data: { requestId: req.id },
    });
    for (const uid of [order.buyer_id, order.seller_id]) {
      await notify(trx, ctx, {
        userId: uid,
        kind: 'resolution.cancel.expired',
        params: { title: order.title },
        payload: { orderId: order.id },
      });
    }
    return;
  }
  await move(trx, now, { req, name: 'auto-expire', actor: 'system', set: { answered_at: now } });
  await recordEvent(trx, now, {
    orderId: order.id,
    event: `resolution-${req.kind}-expired`,
    by: { actor: 'system', id: null },
    data: { requestId: req.id, orderStatus: order.status },
  });
  await notify(trx, ctx, {
    userId: req.requester_id,
    kind: 'resolution.expired',
    params: { title: order.title, kind: req.kind },
    payload: { orderId: order.id, requestId: req.id },
  });
}

/** RES-7: either party escalates a declined cancellation to support. */
export async function escalate(
  ctx: AppContext,
  {
    userId,
    requestId,
    statement,
    run = transactionOf(ctx),
  }: { userId: number; requestId: number; statement: string; run?: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { req, order, role } = await lockRequest(trx, requestId, userId);
    const escalation = requestActor(req, role) === 'requester' ? 'requester-escalate' : 'recipient-escalate';
    if (req.kind !== 'cancel')
      throw new Problem({
        status: 409,
        slug: 'not-escalatable',
        title: 'Cannot escalate',
        detail: 'Only a declined cancellation request can be escalated to support (RES-7).',
      });
    checkTransition(REQUEST_MACHINE, {
      state: req.status,
      name: escalation,
      actor: requestActor(req, role)!,
    });
    if (!OPEN.includes(order.status))
      throw new Problem({
        status: 409,
        slug: 'order-closed-to-resolution',
        title: 'Order closed',
        detail: `The order is ${order.status}.`,
      });
    const due = await slaDueAt(trx, ctx.config.timezone, now, 'escalation_sla_business_days');
    await move(trx, now, { req, name: escalation, actor: requestActor(req, role)! });
    const esc = await createRecord(trx, ESCALATION_MACHINE, {
      resolution_request_id: req.id,
      order_id: order.id,
      escalated_by: userId,
      statement,
      sla_due_at: due,
      assigned_to: null,
      assigned_at: null,
      outcome: null,
      buyer_credit: null,
      decision_reason: null,
      decided_by: null,
      decided_at: null,
      created_at: now,
    });
    await recordEvent(trx, now, {
      orderId: order.id,
      event: 'resolution-cancel-escalated',
      by: { actor: role, id: userId },
      data: { requestId: req.id, escalationId: esc.id, statement },
    });
    await notify(trx, ctx, {
      userId: other(order, role),
      kind: 'resolution.escalated',
      params: { title: order.title, by: role },
      payload: { orderId: order.id, escalationId: esc.id },
    });
    return { id: esc.id, status: esc.status, slaDueAt: esc.sla_due_at };
  });
}

/** RES-7: support decides: cancel with full credit, with partial credit, or continue the order. */
export async function decideEscalation(
  ctx: AppContext,
  {
    actor,
    id,
    input,
    requestId,
    run = transactionOf(ctx),
  }: {
    actor: Actor & { type: 'staff' };
    id: number;
    input: {
      outcome: 'cancel_full' | 'cancel_partial' | 'continue';
      amount?: number;
      reason: string;
      notSellerFault?: boolean;
    };
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const esc = await trx
      .selectFrom('escalations')
      .selectAll()
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!esc) throw problems.notFound('escalation');
    if (esc.status !== 'open')
      throw new Problem({
        status: 409,
        slug: 'escalation-decided',
        title: 'Already decided',
        detail: `This escalation was decided already (${esc.outcome}).`,
        extra: { outcome: esc.outcome },
      });
    if (input.outcome === 'cancel_partial' && input.amount === undefined)
      throw problems.validation([{ field: 'body.amount', message: 'the credit to give the buyer' }]);
    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', esc.order_id)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    let effect: Record<string, unknown> = {};
    if (input.outcome === 'continue') {
      await recordEvent(trx, now, {
        orderId: order.id,
        event: 'support-continue-escalated',
        by: { actor: 'staff', id: actor.id },
        data: { escalationId: id, reason: input.reason },
      });
    } else {
      if (!OPEN.includes(order.status))
        throw new Problem({
          status: 409,
          slug: 'order-state-conflict',
          title: 'Order closed',
          detail: `The order is ${order.status} already.`,
        });
      effect = await cancelOrder(ctx, trx, {
        order,
        name: 'support-cancel-escalated',
        by: { actor: 'staff', id: actor.id },
        buyerCredit: input.outcome === 'cancel_partial' ? input.amount : undefined,
        fault: input.notSellerFault ? 'not_seller_fault' : 'decided_by_support',
        data: { escalationId: id, outcome: input.outcome, reason: input.reason },
      });
    }
    await applyTransition(trx, {
      machine: ESCALATION_MACHINE,
      id,
      state: esc.status,
      name: 'support-decide',
      actor: 'staff',
      now,
      set: {
        outcome: input.outcome,
        buyer_credit: (effect.buyerCredit as number | undefined) ?? null,
        decision_reason: input.reason,
        decided_by: actor.id,
        decided_at: now,
      },
    });
    await applyTransition(trx, {
      machine: REQUEST_MACHINE,
      id: esc.resolution_request_id,
      name: 'support-decide-escalated',
      actor: 'staff',
      now,
    });
    await audit(trx, ctx.clock, {
      actor,
      action: `escalation.${input.outcome}`,
      subjectType: 'escalation',
      subjectId: id,
      reason: input.reason,
      before: { status: 'open', orderStatus: order.status },
      after: { status: 'decided', outcome: input.outcome, ...effect },
      requestId,
    });
    for (const uid of [order.buyer_id, order.seller_id]) {
      await notify(trx, ctx, {
        userId: uid,
        kind: 'escalation.decided',
        params: {
          title: order.title,
          outcome: input.outcome,
          buyerCredit: input.outcome === 'cancel_partial' ? (input.amount ?? null) : null,
          reason: input.reason,
        },
        payload: { orderId: order.id, escalationId: id },
      });
    }
    return { id, outcome: input.outcome, ...effect };
  });
}

/** RES-7: the split each outcome would post, by the same rule the cancellation applies. */
export async function outcomePreview(
  db: Executor,
  orderId: number,
  outcome: (typeof ESCALATION_OUTCOMES)[number],
  amount?: number,
) {
  const order = await commissionOf(db, orderId);
  const held = await escrowHeld(db, orderId);
  const escrow = held.reduce((a, h) => a + h.held, 0);
  if (outcome === 'continue') return { escrow, outcome, preview: [] };
  const credit = outcome === 'cancel_full' ? escrow : Math.min(amount ?? 0, escrow);
  return { escrow, outcome, buyerCredit: credit, preview: splitEscrow(held, credit, order.commission_bp) };
}
