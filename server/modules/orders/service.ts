import type { Transaction } from 'kysely';
import type { Database, InTransaction, Milestone, Order, User } from '../../../db/schema.js';
import { type AppContext, transactionOf } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { settingsAt } from '../settings/repository.js';
import { account, accountBalance, accountCode, lockAccountsByCode, postEntry } from '../ledger/ledger.js';
import { collectPayment, type PaymentSource } from '../payments/collect.js';
import { flagContacts } from '../moderation/flags.js';
import type { MilestonePayment } from '../payments/schema.js';

export type { PaymentSource };
import { notify } from '../../notifications/templates.js';
import { cancelJob, scheduleJob } from '../../jobs/jobs.js';
import { audit } from '../audit/audit.js';
import {
  applyTransition,
  createMilestones,
  createOrderRow,
  moveMilestone,
  recordEvent,
  type TransitionName,
} from './machine.js';
import { lockOrderFor } from './repository.js';

export { lockOrderChildFor, lockOrderFor } from './repository.js';
import { addDays, commissionOf, sellerShare } from './rules.js';
import { scheduleClearance, type ClearancePayload } from './escrow.js';

export { JOB_CLEARANCE, type ClearancePayload } from './escrow.js';
import { answerUpdateByMessage } from '../resolution/service.js';
import { assertNotDisputed, hasOpenDispute } from '../disputes/guard.js';

type Trx = Transaction<Database>;

export const JOB_AUTO_ACCEPT = 'order.auto-accept-delivery';

async function milestonesOf(trx: Trx, orderId: number): Promise<Milestone[]> {
  return trx
    .selectFrom('milestones')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('seq')
    .forNoKeyUpdate()
    .execute();
}

async function userById(trx: Trx, id: number): Promise<User> {
  return trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export interface NewMilestone {
  title: string;
  amount: number;
  days: number;
}

/** ORD-2: an order with its milestones, awaiting the first payment. */
export async function createOrder(
  ctx: AppContext,
  trx: Trx,
  input: {
    buyerId: number;
    sellerId: number;
    title: string;
    serviceId?: number;
    proposalId?: number;
    revisions: number;
    milestones: NewMilestone[];
  },
): Promise<number> {
  const now = ctx.clock.now();
  if (input.buyerId === input.sellerId)
    throw problems.unprocessable(
      'own-service',
      'Cannot order from yourself',
      'A seller cannot order their own service or accept their own proposal.',
    );
  const block = await trx
    .selectFrom('user_blocks')
    .select('reason')
    .where('seller_id', '=', input.sellerId)
    .where('buyer_id', '=', input.buyerId)
    .executeTakeFirst();
  if (block)
    throw new Problem({
      status: 403,
      slug: 'blocked-by-seller',
      title: 'The seller does not take your orders',
      detail: 'This seller has blocked you from ordering from them (ORD-6).',
    });
  const seller = await userById(trx, input.sellerId);
  if (seller.status !== 'active' || !seller.is_seller)
    throw problems.unprocessable(
      'seller-unavailable',
      'Seller unavailable',
      'This seller cannot take orders at the moment.',
    );
  const settings = await settingsAt(trx, now);
  const total = input.milestones.reduce((a, m) => a + m.amount, 0);
  const order = await createOrderRow(trx, {
    buyer_id: input.buyerId,
    seller_id: input.sellerId,
    service_id: input.serviceId ?? null,
    proposal_id: input.proposalId ?? null,
    title: input.title,
    total,
    revisions_included: input.revisions,
    commission_bp: settings.commission_bp,
    created_at: now,
    updated_at: now,
    due_at: null,
    delivered_at: null,
    completed_at: null,
    cancelled_at: null,
    cancellation_fault: null,
  });
  await createMilestones(
    trx,
    input.milestones.map((m, i) => ({
      order_id: order.id,
      seq: i + 1,
      title: m.title,
      amount: m.amount,
      days: m.days,
      due_at: null,
      paid_at: null,
      released_at: null,
    })),
  );
  await recordEvent(trx, now, {
    orderId: order.id,
    event: 'order-placed',
    by: { actor: 'buyer', id: input.buyerId },
    data: { total, milestones: input.milestones.length, commissionBp: settings.commission_bp },
  });
  await notify(trx, ctx, {
    userId: input.sellerId,
    kind: 'order.placed',
    params: { title: input.title, total },
    payload: { orderId: order.id },
  });
  return order.id;
}

/**
 * ORD-2: the buyer pays the next milestone into escrow, from a card (sandbox gateway), credit or earnings.
 */
export async function payMilestone(
  ctx: AppContext,
  trx: Trx,
  {
    userId,
    orderId,
    milestoneId,
    payment,
  }: { userId: number; orderId: number; milestoneId: number; payment: MilestonePayment },
) {
  const now = ctx.clock.now();
  const { order, role } = await lockOrderFor(trx, orderId, userId);
  const milestones = await milestonesOf(trx, orderId);
  const m = milestones.find((x) => x.id === milestoneId);
  if (!m) throw problems.notFound('milestone');
  if (role !== 'buyer') throw problems.forbidden('Only the buyer pays milestones.');
  if (m.status !== 'unpaid')
    throw new Problem({
      status: 409,
      slug: 'milestone-already-paid',
      title: 'Milestone already paid',
      detail: `Milestone ${m.seq} is ${m.status.replace('_', ' ')}: it was paid already.`,
    });
  const next = milestones.find((x) => x.status === 'unpaid');
  if (next?.id !== m.id)
    throw new Problem({
      status: 409,
      slug: 'milestone-out-of-order',
      title: 'Pay the milestones in order',
      detail: `Pay milestone ${next?.seq} first.`,
    });

  if (payment.type === 'bank_transfer') {
    // The milestone stays awaiting payment: the provider's settlement notification pays it (webhooks.ts).
    if (!ctx.gateway.openVirtualAccount)
      throw new Problem({
        status: 422,
        slug: 'bank-transfer-unavailable',
        title: 'Bank transfer unavailable',
        detail: 'This marketplace takes bank transfers only through a payment provider that offers them.',
      });
    const va = await ctx.gateway.openVirtualAccount(trx, {
      reference: `charge:milestone:${m.id}`,
      amount: m.amount,
      bank: payment.bank,
      now,
      purpose: { type: 'milestone', orderId, milestoneId: m.id, buyerId: userId },
    });
    return {
      milestoneId: m.id,
      status: 'awaiting_transfer' as const,
      amount: m.amount,
      source: 'bank_transfer' as const,
      bank: va.bank,
      vaNumber: va.vaNumber,
      expiresAt: va.expiresAt,
    };
  }
  const source = payment;
  const { fee } = await collectPayment(ctx, trx, now, {
    source,
    payerId: userId,
    amount: m.amount,
    to: account.escrow(m.id),
    kind: 'milestone-payment',
    memo: `Payment of milestone ${m.seq} of order ${orderId} into escrow`,
    memoKey: 'milestone_payment',
    memoParams: { seq: m.seq, orderId },
    reference: `milestone:${m.id}`,
    orderId,
    milestoneId: m.id,
    userId,
  });
  const dueAt = addDays(now, m.days);
  await moveMilestone(trx, {
    now,
    milestone: m,
    name: 'buyer-pay-milestone',
    actor: 'buyer',
    set: { paid_at: now, due_at: dueAt },
  });
  await applyTransition(trx, {
    now,
    order,
    name: 'buyer-pay-milestone',
    by: { actor: 'buyer', id: userId },
    data: { milestoneId: m.id, seq: m.seq, amount: m.amount, source: source.type, fee },
    set: { due_at: dueAt },
  });
  await notify(trx, ctx, {
    userId: order.seller_id,
    kind: 'order.milestone-paid',
    params: { title: order.title, seq: m.seq, milestoneTitle: m.title, amount: m.amount, dueAt },
    payload: { orderId },
  });
  return { milestoneId: m.id, status: 'in_escrow' as const, amount: m.amount, source: source.type, dueAt };
}

export async function deliver(
  ctx: AppContext,
  {
    userId,
    orderId,
    message,
    files,
    run = transactionOf(ctx),
  }: { userId: number; orderId: number; message: string; files: string[]; run?: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { order, role } = await lockOrderFor(trx, orderId, userId);
    if (role !== 'seller') throw problems.forbidden('Only the seller delivers.');
    await assertNotDisputed(trx, orderId);
    const milestones = await milestonesOf(trx, orderId);
    const current = milestones.find((m) => m.status === 'in_escrow');
    await applyTransition(trx, {
      now,
      order,
      name: 'seller-deliver',
      by: { actor: 'seller', id: userId },
      data: { milestoneId: current?.id, message },
      set: { delivered_at: now },
    });
    const d = await trx
      .insertInto('deliveries')
      .values({
        order_id: orderId,
        milestone_id: current!.id,
        message,
        files: JSON.stringify(files),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await moveMilestone(trx, { now, milestone: current!, name: 'seller-deliver', actor: 'seller' });
    const settings = await settingsAt(trx, now);
    const autoAt = addDays(now, settings.auto_complete_days);
    await scheduleJob(trx, now, {
      kind: JOB_AUTO_ACCEPT,
      runAt: autoAt,
      payload: { orderId, deliveryId: d.id },
      dedupeKey: `order:${orderId}:auto-accept:${d.id}`,
    });
    await notify(trx, ctx, {
      userId: order.buyer_id,
      kind: 'order.delivered',
      params: { title: order.title, seq: current!.seq, autoAcceptAt: autoAt },
      payload: { orderId },
    });
    return { deliveryId: d.id, autoAcceptAt: autoAt };
  });
}

export async function requestRevision(
  ctx: AppContext,
  {
    userId,
    orderId,
    message,
    run = transactionOf(ctx),
  }: { userId: number; orderId: number; message: string; run?: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { order, role } = await lockOrderFor(trx, orderId, userId);
    if (role !== 'buyer') throw problems.forbidden('Only the buyer asks for revisions.');
    await assertNotDisputed(trx, orderId);
    if (order.status === 'delivered' && order.revisions_used >= order.revisions_included) {
      throw new Problem({
        status: 409,
        slug: 'no-revisions-left',
        title: 'No revisions left',
        detail:
          `This order includes ${order.revisions_included} revision(s), all used. Accept the delivery, or` +
          ` contact the seller.`,
      });
    }
    const latest = await trx
      .selectFrom('deliveries')
      .select('id')
      .where('order_id', '=', orderId)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    await applyTransition(trx, {
      now,
      order,
      name: 'buyer-request-revision',
      by: { actor: 'buyer', id: userId },
      data: { message },
      set: { revisions_used: order.revisions_used + 1 },
    });
    for (const m of (await milestonesOf(trx, orderId)).filter((x) => x.status === 'delivered'))
      await moveMilestone(trx, { now, milestone: m, name: 'buyer-request-revision', actor: 'buyer' });
    if (latest) await cancelJob(trx, `order:${orderId}:auto-accept:${latest.id}`, now);
    await notify(trx, ctx, {
      userId: order.seller_id,
      kind: 'order.revision',
      params: { title: order.title, message },
      payload: { orderId },
    });
    return { revisionsUsed: order.revisions_used + 1, revisionsIncluded: order.revisions_included };
  });
}

/**
 * ORD-3/ORD-4: accepting a delivery releases the current milestone's escrow: the seller's
 * share to `pending`, the commission to `revenue`; clearance (CLR-1) is scheduled.
 */
export async function acceptDelivery(
  ctx: AppContext,
  trx: Trx,
  {
    order,
    name,
    by,
  }: {
    order: Order;
    name: Extract<TransitionName, 'buyer-accept-delivery' | 'buyer-review-delivery' | 'auto-accept-delivery'>;
    by: { actor: 'buyer' | 'system'; id: number | null };
  },
) {
  const now = ctx.clock.now();
  const milestones = await milestonesOf(trx, order.id);
  const current = milestones.find((m) => m.status === 'delivered');
  if (!current || order.status !== 'delivered') {
    throw new Problem({
      status: 409,
      slug: 'order-state-conflict',
      title: 'Not possible in this order state',
      detail: `The order is ${order.status.replace('_', ' ')}; only a delivered order can be accepted.`,
      extra: { state: order.status },
    });
  }
  const left = milestones.filter((m) => m.status === 'unpaid').length;
  // What the escrow holds now (a partial refund may have taken some of it), not the milestone's price.
  const held = await accountBalance(trx, account.escrow(current.id));
  const commission = commissionOf(held, order.commission_bp);
  const share = sellerShare(held, order.commission_bp);
  await applyTransition(trx, {
    now,
    order,
    name,
    by,
    milestonesLeft: left,
    data: { milestoneId: current.id, released: held, sellerShare: share, commission },
  });
  await postEntry(trx, now, {
    kind: 'escrow-release',
    memo:
      `Release of milestone ${current.seq} of order ${order.id}: ${share} to ` +
      `the seller, ${commission} commission`,
    memoKey: 'escrow_release',
    memoParams: { seq: current.seq, orderId: order.id, share, commission },
    reference: `release:milestone:${current.id}`,
    orderId: order.id,
    milestoneId: current.id,
    userId: order.seller_id,
    postings: [
      { account: account.escrow(current.id), amount: -held },
      { account: account.user(order.seller_id, 'pending'), amount: share },
      { account: account.platform('revenue'), amount: commission },
    ],
  });
  await moveMilestone(trx, { now, milestone: current, name, actor: by.actor, set: { released_at: now } });
  const latest = await trx
    .selectFrom('deliveries')
    .select('id')
    .where('order_id', '=', order.id)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (latest && name !== 'auto-accept-delivery')
    await cancelJob(trx, `order:${order.id}:auto-accept:${latest.id}`, now);
  const clearAt = await scheduleClearance(trx, now, {
    ref: `milestone:${current.id}`,
    milestoneId: current.id,
    orderId: order.id,
    sellerId: order.seller_id,
    amount: share,
  });
  const settings = await settingsAt(trx, now);
  const completed = (order.status as string) === 'completed';
  await notify(trx, ctx, {
    userId: order.seller_id,
    kind: 'order.accepted',
    params: {
      title: order.title,
      seq: current.seq,
      completed,
      automatic: name === 'auto-accept-delivery',
      share,
      clearsAt: clearAt,
    },
    payload: { orderId: order.id },
  });
  if (completed)
    await notify(trx, ctx, {
      userId: order.buyer_id,
      kind: 'order.completed',
      params: { title: order.title, reviewWindowDays: settings.review_window_days },
      payload: { orderId: order.id },
    });
  return { status: order.status, released: held, sellerShare: share, commission, clearsAt: clearAt };
}

export async function buyerAccept(ctx: AppContext, trx: Trx, userId: number, orderId: number) {
  const { order, role } = await lockOrderFor(trx, orderId, userId);
  if (role !== 'buyer') throw problems.forbidden('Only the buyer accepts a delivery.');
  await assertNotDisputed(trx, orderId);
  return acceptDelivery(ctx, trx, {
    order,
    name: 'buyer-accept-delivery',
    by: { actor: 'buyer', id: userId },
  });
}

/** Scheduler: ORD-3 auto-acceptance, only if the delivery it was scheduled for is still the one waiting. */
export async function autoAccept(
  ctx: AppContext,
  trx: Trx,
  payload: { orderId: number; deliveryId: number },
) {
  const order = await trx
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', payload.orderId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!order || order.status !== 'delivered') return;
  const latest = await trx
    .selectFrom('deliveries')
    .select('id')
    .where('order_id', '=', order.id)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (latest?.id !== payload.deliveryId) return;
  // DSP-3: a disputed delivery is not accepted by the clock; the dispute decides.
  if (await hasOpenDispute(trx, order.id)) return;
  await acceptDelivery(ctx, trx, { order, name: 'auto-accept-delivery', by: { actor: 'system', id: null } });
}

/** Scheduler: CLR-1 pending → available after the clearance days. */
export async function clearEarnings(ctx: AppContext, trx: Trx, payload: ClearancePayload) {
  const now = ctx.clock.now();
  // LOCKING.md: the seller's pending and available accounts together, in id order, as postEntry takes them;
  // postEntry then uses these locks and balances (one statement, not four; issue #14).
  const pendingCode = accountCode(account.user(payload.sellerId, 'pending'));
  const locked = await lockAccountsByCode(trx, [
    pendingCode,
    accountCode(account.user(payload.sellerId, 'available')),
  ]);
  const pending = locked.find((a) => a.code === pendingCode);
  // A block (WRN-9) may have moved pending funds to held: clear what is still pending.
  const amount = Math.min(payload.amount, pending?.balance ?? 0);
  if (amount <= 0) return;
  await postEntry(trx, now, {
    kind: 'clearance',
    memo: `Earnings of order ${payload.orderId} cleared`,
    memoKey: 'clearance',
    memoParams: { orderId: payload.orderId },
    reference: `clearance:${payload.ref}`,
    orderId: payload.orderId,
    milestoneId: payload.milestoneId ?? null,
    userId: payload.sellerId,
    locked,
    postings: [
      { account: account.user(payload.sellerId, 'pending'), amount: -amount },
      { account: account.user(payload.sellerId, 'available'), amount },
    ],
  });
  await recordEvent(trx, now, {
    orderId: payload.orderId,
    event: 'earnings-cleared',
    by: { actor: 'system', id: null },
    data: { amount, ref: payload.ref },
  });
}

export async function postMessage(
  ctx: AppContext,
  {
    userId,
    orderId,
    body,
    run = transactionOf(ctx),
  }: { userId: number; orderId: number; body: string; run?: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { order, role } = await lockOrderFor(trx, orderId, userId);
    const m = await trx
      .insertInto('order_messages')
      .values({ order_id: orderId, sender_id: userId, body, created_at: now })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, now, {
      orderId,
      event: 'message',
      by: { actor: role, id: userId },
      data: { messageId: m.id },
    });
    // CAT-3: contact details are flagged for trust & safety; the message is sent all the same.
    await flagContacts(trx, now, {
      subjectType: 'message',
      subjectId: m.id,
      userId,
      orderId,
      field: 'body',
      text: body,
    });
    if (role === 'seller')
      await answerUpdateByMessage(trx, now, { orderId, sellerId: userId, messageId: m.id });
    const other = role === 'buyer' ? order.seller_id : order.buyer_id;
    await notify(trx, ctx, {
      userId: other,
      kind: 'order.message',
      params: { title: order.title, body: body.slice(0, 500) },
      payload: { orderId },
    });
    return { id: m.id, senderId: userId, body, createdAt: m.created_at };
  });
}

/** ORD-6: a seller blocks a buyer from ordering from them, with a reason (a second block updates it). */
export async function blockBuyer(ctx: AppContext, sellerId: number, buyerId: number, reason: string) {
  if (buyerId === sellerId)
    throw problems.unprocessable('block-self', 'Cannot block yourself', 'You cannot block yourself.');
  const target = await ctx.db.selectFrom('users').select('id').where('id', '=', buyerId).executeTakeFirst();
  if (!target) throw problems.notFound('user');
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await trx
      .insertInto('user_blocks')
      .values({ seller_id: sellerId, buyer_id: buyerId, reason, created_at: now })
      .onConflict((oc) => oc.columns(['seller_id', 'buyer_id']).doUpdateSet({ reason }))
      .execute();
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: sellerId },
      action: 'user.block-buyer',
      subjectType: 'user',
      subjectId: buyerId,
      reason,
    });
    return { sellerId, buyerId, reason, createdAt: now };
  });
}

/** ORD-6: the seller lifts their block of a buyer. */
export async function unblockBuyer(ctx: AppContext, sellerId: number, buyerId: number) {
  await ctx.db
    .deleteFrom('user_blocks')
    .where('seller_id', '=', sellerId)
    .where('buyer_id', '=', buyerId)
    .execute();
}
