import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database, Dispute, Order, InTransaction } from '../../../db/schema.js';
import { type AppContext, transactionOf } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { settingsAt } from '../settings/repository.js';
import { slaDueAt } from '../settings/sla.js';
import { cancelJob, scheduleJob } from '../../jobs/jobs.js';
import { notify } from '../../notifications/templates.js';
import { audit, type Actor } from '../audit/audit.js';
import { account, accountBalance, postEntry } from '../ledger/ledger.js';
import { collectPayment, type PaymentSource } from '../payments/collect.js';
import { creditNote } from '../invoices/service.js';
import { OPEN, applyTransition, moveMilestone, partyOf, recordEvent } from '../orders/machine.js';
import { lockOrderChildFor, lockOrderFor } from '../orders/repository.js';
import { scheduleClearance } from '../orders/escrow.js';
import { addDays, commissionOf } from '../orders/rules.js';
import { arbitrationFee, feeReturnedTo, splitByPercent } from './rules.js';
import {
  DISPUTE_MACHINE,
  OFFER_MACHINE,
  disputeActions,
  stageConflict,
  type DisputeTransition,
} from './machine.js';
import { orderDetail } from '../orders/read.js';
import { putEvidence, recordEvidence } from '../refunds/evidence.js';
import {
  applyTransition as applyAny,
  checkTransition,
  createRecord,
  transitionOf,
} from '../../machines/apply.js';
import { orderCaseWithNotes } from '../decisions/notes.js';
import { camel } from '../../http/camel.js';

type Trx = Transaction<Database>;
type Role = 'buyer' | 'seller';
export const JOB_DISPUTE_RESPONSE = 'dispute.response-deadline';
export const JOB_DISPUTE_FEE = 'dispute.fee-deadline';

export const openDisputeSchema = z.object({
  milestoneId: z.number().int().positive(),
  reason: z.string().trim().min(10).max(5000),
  /** DSP-1: what the opener will pay (buyer) or receive (seller) of the escrow, i.e. the seller's part. */
  amount: z.number().int().min(0),
});

const other = (role: Role): Role => (role === 'buyer' ? 'seller' : 'buyer');
const userOf = (order: Order, role: Role) => (role === 'buyer' ? order.buyer_id : order.seller_id);

/** Loads and locks a dispute the user is a party to (404 otherwise), with its order. */
async function lockDisputeFor(trx: Trx, disputeId: number, userId: number) {
  const {
    row: dispute,
    order,
    role,
  } = await lockOrderChildFor(trx, 'disputes', { id: disputeId, userId, noun: 'dispute' });
  return { dispute, order, role };
}

/** Moves a dispute along its table (machine.ts), checking the stage and who may do it. */
interface DisputeMove {
  name: DisputeTransition;
  by: { actor: 'buyer' | 'seller' | 'staff' | 'system'; id: number | null };
  /** Other columns the transition writes. */
  set?: Partial<Dispute>;
  /** What the order timeline row adds. */
  data?: Record<string, unknown>;
}

async function transition(trx: Trx, now: Date, d: Dispute, { name, by, set = {}, data = {} }: DisputeMove) {
  const t = transitionOf(DISPUTE_MACHINE, name);
  const actor = by.actor === 'buyer' || by.actor === 'seller' ? 'party' : by.actor;
  const { to } = await applyAny(trx, {
    machine: DISPUTE_MACHINE,
    id: d.id,
    state: d.stage,
    name,
    actor,
    now,
    set: { ...set, ...(t.to === 'closed' ? { closed_at: now } : {}) },
    timeline: {
      orderId: d.order_id,
      by,
      event: `dispute-${name}`,
      states: false,
      data: { disputeId: d.id, from: d.stage, to: t.to, rule: t.rule, ...data },
    },
  });
  d.stage = to;
}

const staffSla = (ctx: AppContext, trx: Trx, now: Date) =>
  slaDueAt(trx, ctx.config.timezone, now, 'dispute_sla_business_days');

/**
 * DSP-1: either party opens a dispute on an escrowed milestone; the other party has 5 days to respond
 * (DSP-4).
 */
export async function openDispute(
  ctx: AppContext,
  {
    userId,
    orderId,
    input,
    run = transactionOf(ctx),
  }: { userId: number; orderId: number; input: z.infer<typeof openDisputeSchema>; run?: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { order, role } = await lockOrderFor(trx, orderId, userId);
    if (!OPEN.includes(order.status))
      throw new Problem({
        status: 409,
        slug: 'order-not-disputable',
        title: 'Order closed',
        detail: `The order is ${order.status}; disputes are about money still in escrow.`,
      });
    const m = await trx
      .selectFrom('milestones')
      .selectAll()
      .where('id', '=', input.milestoneId)
      .where('order_id', '=', orderId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!m) throw problems.notFound('milestone');
    const escrow = await accountBalance(trx, account.escrow(m.id));
    if (!['in_escrow', 'delivered'].includes(m.status) || escrow <= 0)
      throw problems.unprocessable(
        'milestone-not-escrowed',
        'Nothing in escrow',
        'A dispute is opened on a milestone paid into escrow (DSP-1).',
      );
    if (input.amount > escrow)
      throw problems.unprocessable(
        'amount-exceeds-escrow',
        'More than the escrow',
        `The amount can never exceed the escrowed Rp ${escrow} (DSP-1).`,
        { errors: [{ field: 'body.amount', message: `at most ${escrow}` }] },
      );
    const open = await trx
      .selectFrom('disputes')
      .select('id')
      .where('order_id', '=', orderId)
      .where('stage', '<>', 'closed')
      .executeTakeFirst();
    if (open)
      throw problems.conflict(
        'dispute-open',
        'Dispute already open',
        `Dispute #${open.id} is open on this order.`,
      );
    const s = await settingsAt(trx, now);
    const respondBy = addDays(now, s.dispute_response_days);
    const d = await createRecord(trx, DISPUTE_MACHINE, {
      order_id: orderId,
      milestone_id: m.id,
      opened_by: userId,
      opener_role: role,
      reason: input.reason,
      escrow_amount: escrow,
      opener_amount: input.amount,
      outcome: null,
      respond_by: respondBy,
      responded_at: null,
      arbitration_requested_by: null,
      arbitration_requested_at: null,
      fee_amount: null,
      fee_due_at: null,
      seller_amount: null,
      buyer_percent: null,
      decision_reason: null,
      decided_by: null,
      decided_at: null,
      sla_due_at: null,
      assigned_to: null,
      created_at: now,
      closed_at: null,
    });
    await trx
      .insertInto('dispute_statements')
      .values({ dispute_id: d.id, author_id: userId, author_role: role, text: input.reason, created_at: now })
      .execute();
    await recordEvent(trx, now, {
      orderId,
      event: 'dispute-opened',
      by: { actor: role, id: userId },
      data: { disputeId: d.id, milestoneId: m.id, escrow, sellerAmount: input.amount },
    });
    await scheduleJob(trx, now, {
      kind: JOB_DISPUTE_RESPONSE,
      runAt: respondBy,
      payload: { disputeId: d.id },
      dedupeKey: `dispute:${d.id}:response`,
    });
    await notify(trx, ctx, {
      userId: userOf(order, other(role)),
      kind: 'dispute.opened',
      params: {
        title: order.title,
        by: role,
        seq: m.seq,
        escrow,
        reason: input.reason,
        proposedToSeller: input.amount,
        respondBy,
      },
      payload: { disputeId: d.id },
    });
    return d;
  });
}

/** The other party's first statement or offer is their response (DSP-4). */
async function markResponded(trx: Trx, now: Date, d: Dispute, role: Role) {
  if (role === d.opener_role || d.responded_at) return;
  await trx.updateTable('disputes').set({ responded_at: now }).where('id', '=', d.id).execute();
  await cancelJob(trx, `dispute:${d.id}:response`, now);
  d.responded_at = now;
}

/** DSP-5: statements (and files) from both parties throughout. */
export async function addStatement(
  ctx: AppContext,
  trx: Trx,
  { userId, disputeId, text }: { userId: number; disputeId: number; text: string },
) {
  const now = ctx.clock.now();
  const { dispute, order, role } = await lockDisputeFor(trx, disputeId, userId);
  if (dispute.stage === 'closed')
    throw new Problem({
      status: 409,
      slug: 'dispute-closed',
      title: 'Dispute closed',
      detail: 'This dispute is closed.',
    });
  const row = await trx
    .insertInto('dispute_statements')
    .values({ dispute_id: disputeId, author_id: userId, author_role: role, text, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await markResponded(trx, now, dispute, role);
  await notify(trx, ctx, {
    userId: userOf(order, other(role)),
    kind: 'dispute.statement',
    params: { disputeId, text: text.slice(0, 1000) },
    payload: { disputeId },
  });
  return { id: row.id, authorRole: role, text, createdAt: now };
}

/** DSP-6: either party proposes the seller's part of the escrow. */
export async function makeOffer(
  ctx: AppContext,
  {
    userId,
    disputeId,
    sellerAmount,
    run = transactionOf(ctx),
  }: { userId: number; disputeId: number; sellerAmount: number; run?: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { dispute, order, role } = await lockDisputeFor(trx, disputeId, userId);
    if (dispute.stage === 'closed' || dispute.stage === 'arbitration')
      throw new Problem({
        status: 409,
        slug: 'dispute-stage-conflict',
        title: 'No more offers',
        detail: `The dispute is ${dispute.stage}.`,
      });
    if (sellerAmount > dispute.escrow_amount)
      throw problems.unprocessable(
        'amount-exceeds-escrow',
        'More than the escrow',
        `At most Rp ${dispute.escrow_amount} (DSP-1).`,
      );
    const superseded = await trx
      .selectFrom('dispute_offers')
      .select(['id', 'status'])
      .where('dispute_id', '=', disputeId)
      .where('status', '=', 'open')
      .forNoKeyUpdate()
      .execute();
    for (const o of superseded)
      await applyAny(trx, {
        machine: OFFER_MACHINE,
        id: o.id,
        state: o.status,
        name: 'party-supersede-offer',
        actor: 'party',
        now,
      });
    const offer = await createRecord(trx, OFFER_MACHINE, {
      dispute_id: disputeId,
      by_user: userId,
      by_role: role,
      seller_amount: sellerAmount,
      created_at: now,
    });
    await markResponded(trx, now, dispute, role);
    await recordEvent(trx, now, {
      orderId: order.id,
      event: 'dispute-offer',
      by: { actor: role, id: userId },
      data: { disputeId, offerId: offer.id, sellerAmount },
    });
    await notify(trx, ctx, {
      userId: userOf(order, other(role)),
      kind: 'dispute.offer',
      params: { disputeId, by: role, toSeller: sellerAmount, toBuyer: dispute.escrow_amount - sellerAmount },
      payload: { disputeId },
    });
    return { id: offer.id, byRole: role, sellerAmount, status: 'open' as const };
  });
}

/**
 * Pays out the escrow of the disputed milestone: the seller's part (less commission) to
 * pending, the rest to the buyer's credit; then fees as given; closes the order.
 */
interface Split {
  dispute: Dispute;
  order: Order;
  /** The seller's gross part of the escrow; the rest goes to the buyer. */
  toSeller: number;
  fees: { buyer: 'return' | 'keep' | null; seller: 'return' | 'keep' | null };
  /** The arbitrator who decided, null when the parties settled. */
  staffId: number | null;
}

async function executeSplit(
  ctx: AppContext,
  trx: Trx,
  now: Date,
  { dispute: d, order, toSeller, fees, staffId }: Split,
) {
  const held = await accountBalance(trx, account.escrow(d.milestone_id));
  const sellerGross = Math.min(toSeller, held);
  const commission = commissionOf(sellerGross, order.commission_bp);
  const toBuyer = held - sellerGross;
  await postEntry(trx, now, {
    kind: 'dispute-settlement',
    memo:
      `Dispute #${d.id}: ${toBuyer} to the buyer's credit, ` +
      `${sellerGross - commission} to the seller, ${commission} commission`,
    memoKey: 'dispute_settlement',
    memoParams: { id: d.id, toBuyer, toSeller: sellerGross - commission, commission },
    reference: `dispute:${d.id}:split`,
    orderId: order.id,
    milestoneId: d.milestone_id,
    userId: order.seller_id,
    staffId,
    postings: [
      { account: account.escrow(d.milestone_id), amount: -held },
      { account: account.user(order.buyer_id, 'credit'), amount: toBuyer },
      { account: account.user(order.seller_id, 'pending'), amount: sellerGross - commission },
      { account: account.platform('revenue'), amount: commission },
    ],
  });
  // INV-3: the buyer's share is credited against the milestone's invoice.
  await creditNote(ctx, trx, now, {
    of: { milestoneId: d.milestone_id },
    amount: toBuyer,
    reason: `Dispute #${d.id} settled`,
  });
  const fee = d.fee_amount ?? 0;
  for (const role of ['buyer', 'seller'] as const) {
    const paid = role === 'buyer' ? d.buyer_fee_paid : d.seller_fee_paid;
    const what = fees[role];
    if (!paid || !what || fee === 0) continue;
    await postEntry(trx, now, {
      kind: what === 'return' ? 'arbitration-fee-returned' : 'arbitration-fee-kept',
      memo:
        `Dispute #${d.id}: the ${role}'s arbitration fee ` +
        `${what === 'return' ? 'returned' : 'kept as revenue'} (DSP-9, DSP-11)`,
      memoKey: what === 'return' ? 'arbitration_fee_returned' : 'arbitration_fee_kept',
      memoParams: { disputeId: d.id, role },
      reference: `dispute:${d.id}:fee:${role}`,
      orderId: order.id,
      userId: userOf(order, role),
      staffId,
      postings: [
        { account: account.platform('arbitration_fees'), amount: -fee },
        what === 'return'
          ? { account: account.user(userOf(order, role), 'credit'), amount: fee }
          : { account: account.platform('revenue'), amount: fee },
      ],
    });
    if (what === 'return')
      await creditNote(ctx, trx, now, {
        of: { paymentReference: `dispute:${d.id}:fee-paid:${role}` },
        amount: fee,
        reason: `Dispute #${d.id}: arbitration fee returned`,
      });
  }
  if (sellerGross - commission > 0) {
    await scheduleClearance(trx, now, {
      ref: `dispute:${d.id}`,
      milestoneId: d.milestone_id,
      orderId: order.id,
      sellerId: order.seller_id,
      amount: sellerGross - commission,
    });
  }
  await moveMilestone(trx, {
    now,
    milestone: { id: d.milestone_id },
    name: 'dispute-settled',
    actor: 'system',
    released: sellerGross > 0,
    set: { released_at: sellerGross > 0 ? now : null },
  });
  await trx.updateTable('disputes').set({ seller_amount: sellerGross }).where('id', '=', d.id).execute();
  await applyTransition(trx, {
    now,
    order,
    name: sellerGross > 0 ? 'dispute-close-completed' : 'dispute-close-cancelled',
    by: { actor: 'system', id: null },
    data: { disputeId: d.id, toBuyer, toSeller: sellerGross },
  });
  for (const uid of [order.buyer_id, order.seller_id]) {
    await notify(trx, ctx, {
      userId: uid,
      kind: 'dispute.closed',
      params: {
        disputeId: d.id,
        title: order.title,
        toBuyer,
        toSeller: sellerGross - commission,
        commission,
        reason: d.decision_reason,
      },
      payload: { disputeId: d.id },
    });
  }
  return { toBuyer, toSeller: sellerGross, commission };
}

/** DSP-6, DSP-9: accepting the other party's offer executes the split at once; fees paid come back. */
export async function acceptOffer(
  ctx: AppContext,
  trx: Trx,
  { userId, disputeId, offerId }: { userId: number; disputeId: number; offerId: number },
) {
  const now = ctx.clock.now();
  const { dispute, order, role } = await lockDisputeFor(trx, disputeId, userId);
  const offer = await trx
    .selectFrom('dispute_offers')
    .selectAll()
    .where('id', '=', offerId)
    .where('dispute_id', '=', disputeId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!offer) throw problems.notFound('offer');
  checkTransition(OFFER_MACHINE, { state: offer.status, name: 'party-accept-offer', actor: 'party' });
  if (offer.by_role === role)
    throw problems.forbidden('The other party accepts an offer, not the one who made it.');
  if (dispute.stage === 'arbitration')
    throw new Problem({
      status: 409,
      slug: 'dispute-stage-conflict',
      title: 'In arbitration',
      detail: 'Both fees are paid: staff decide now (DSP-10).',
    });
  await applyAny(trx, {
    machine: OFFER_MACHINE,
    id: offerId,
    state: offer.status,
    name: 'party-accept-offer',
    actor: 'party',
    now,
  });
  await transition(trx, now, dispute, {
    name: 'party-accept-offer',
    by: { actor: role, id: userId },
    set: { outcome: 'settled' },
    data: { offerId },
  });
  return executeSplit(ctx, trx, now, {
    dispute,
    order,
    toSeller: offer.seller_amount,
    fees: { buyer: 'return', seller: 'return' },
    staffId: null,
  });
}

/**
 * DSP-7, DSP-8: after 5 days either party may request arbitration and pays the fee; the other has 5 days to
 * pay theirs.
 */
export async function requestArbitration(
  ctx: AppContext,
  trx: Trx,
  { userId, disputeId, source }: { userId: number; disputeId: number; source: PaymentSource },
) {
  const now = ctx.clock.now();
  const { dispute, order, role } = await lockDisputeFor(trx, disputeId, userId);
  const s = await settingsAt(trx, dispute.created_at);
  const from = addDays(dispute.created_at, s.dispute_arbitration_after_days);
  if (now < from)
    throw problems.unprocessable(
      'arbitration-too-early',
      'Too early for arbitration',
      `Arbitration can be requested from ${from.toISOString()}, ${s.dispute_arbitration_after_days} days` +
        ` after the dispute opened (DSP-7).`,
    );
  const fee = arbitrationFee(dispute.escrow_amount, s);
  await transition(trx, now, dispute, {
    name: 'party-request-arbitration',
    by: { actor: role, id: userId },
    set: {
      arbitration_requested_by: userId,
      arbitration_requested_at: now,
      fee_amount: fee,
      fee_due_at: addDays(now, s.dispute_fee_payment_days),
      ...(role === 'buyer' ? { buyer_fee_paid: true } : { seller_fee_paid: true }),
    },
    data: { fee },
  });
  dispute.fee_amount = fee;
  await collectPayment(ctx, trx, now, {
    source,
    payerId: userId,
    amount: fee,
    to: account.platform('arbitration_fees'),
    kind: 'arbitration-fee',
    memo: `Arbitration fee of the ${role} in dispute #${disputeId} (DSP-8)`,
    memoKey: 'arbitration_fee',
    memoParams: { disputeId, role },
    reference: `dispute:${disputeId}:fee-paid:${role}`,
    orderId: order.id,
    userId,
  });
  const due = addDays(now, s.dispute_fee_payment_days);
  await scheduleJob(trx, now, {
    kind: JOB_DISPUTE_FEE,
    runAt: due,
    payload: { disputeId },
    dedupeKey: `dispute:${disputeId}:fee`,
  });
  await cancelJob(trx, `dispute:${disputeId}:response`, now);
  await notify(trx, ctx, {
    userId: userOf(order, other(role)),
    kind: 'dispute.arbitration-requested',
    params: { disputeId, by: role, fee, feeDueAt: due },
    payload: { disputeId },
  });
  return { id: disputeId, stage: 'final_offer' as const, fee, feeDueAt: due };
}

/** DSP-10: the other party pays too; staff arbitrate. */
export async function payArbitrationFee(
  ctx: AppContext,
  trx: Trx,
  { userId, disputeId, source }: { userId: number; disputeId: number; source: PaymentSource },
) {
  const now = ctx.clock.now();
  const { dispute, order, role } = await lockDisputeFor(trx, disputeId, userId);
  if (dispute.arbitration_requested_by === userId)
    throw new Problem({
      status: 409,
      slug: 'fee-already-paid',
      title: 'Fee paid',
      detail: 'You paid your fee when you requested arbitration.',
    });
  await transition(trx, now, dispute, {
    name: 'party-pay-arbitration-fee',
    by: { actor: role, id: userId },
    set: {
      ...(role === 'buyer' ? { buyer_fee_paid: true } : { seller_fee_paid: true }),
      sla_due_at: await staffSla(ctx, trx, now),
      sla_started_at: now,
    },
    data: { fee: dispute.fee_amount },
  });
  await collectPayment(ctx, trx, now, {
    source,
    payerId: userId,
    amount: dispute.fee_amount!,
    to: account.platform('arbitration_fees'),
    kind: 'arbitration-fee',
    memo: `Arbitration fee of the ${role} in dispute #${disputeId} (DSP-10)`,
    memoKey: 'arbitration_fee',
    memoParams: { disputeId, role },
    reference: `dispute:${disputeId}:fee-paid:${role}`,
    orderId: order.id,
    userId,
  });
  await cancelJob(trx, `dispute:${disputeId}:fee`, now);
  return { id: disputeId, stage: 'arbitration' as const };
}

/**
 * Scheduler: DSP-4 (no response in 5 days) and DSP-8 (fee unpaid in 5 days) put the dispute before an admin.
 */
export async function disputeDeadline(
  ctx: AppContext,
  trx: Trx,
  kind: 'response' | 'fee',
  disputeId: number,
) {
  const now = ctx.clock.now();
  const d = await trx
    .selectFrom('disputes')
    .selectAll()
    .where('id', '=', disputeId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!d) return;
  if (kind === 'response' && d.stage === 'negotiation' && !d.responded_at) {
    await transition(trx, now, d, {
      name: 'auto-await-default-approval',
      by: { actor: 'system', id: null },
      set: { sla_due_at: await staffSla(ctx, trx, now), sla_started_at: now },
    });
  }
  if (kind === 'fee' && d.stage === 'final_offer') {
    await transition(trx, now, d, {
      name: 'auto-await-final-approval',
      by: { actor: 'system', id: null },
      set: { sla_due_at: await staffSla(ctx, trx, now), sla_started_at: now },
    });
  }
}

async function lockForStaff(trx: Trx, id: number) {
  const d = await trx
    .selectFrom('disputes')
    .selectAll()
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!d) throw problems.notFound('dispute');
  const order = await trx
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', d.order_id)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
  return { d, order };
}

type Fees = { buyer: 'return' | 'keep' | null; seller: 'return' | 'keep' | null };

/**
 * DSP-4 / DSP-8: the award waiting for approval: who it favours, what the seller's side of the escrow is and
 * which arbitration fees return. approveAward runs it and previewAward shows it (OPS-8), so the two agree.
 */
function awardTerms(d: Dispute, order: Order) {
  if (d.stage === 'awaiting_default_approval')
    return {
      transition: 'support-approve-default-award' as const,
      outcome: 'default_award' as const,
      recipient: d.opener_role,
      toSeller: d.opener_amount,
      fees: { buyer: 'return', seller: 'return' } as Fees,
      defaultReason: 'The other party did not respond within 5 days (DSP-4).',
    };
  if (d.stage === 'awaiting_final_approval') {
    const requesterRole: Role = d.arbitration_requested_by === order.buyer_id ? 'buyer' : 'seller';
    return {
      transition: 'support-approve-final-award' as const,
      outcome: 'final_offer_award' as const,
      recipient: requesterRole,
      toSeller: requesterRole === 'seller' ? d.escrow_amount : 0,
      fees: {
        buyer: requesterRole === 'buyer' ? 'return' : null,
        seller: requesterRole === 'seller' ? 'return' : null,
      } as Fees,
      defaultReason: 'The other party did not pay the arbitration fee within 5 days (DSP-8).',
    };
  }
  return null;
}

/** OPS-8: what approving the award would pay each party, computed as executeSplit will; changes nothing. */
export async function previewAward(ctx: AppContext, id: number) {
  const d = await ctx.db.selectFrom('disputes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw problems.notFound('dispute');
  const order = await ctx.db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', d.order_id)
    .executeTakeFirstOrThrow();
  const terms = awardTerms(d, order);
  if (!terms) throw stageConflict(d.stage, 'Nothing to approve');
  const held = await accountBalance(ctx.db, account.escrow(d.milestone_id));
  const sellerGross = Math.min(terms.toSeller, held);
  const commission = commissionOf(sellerGross, order.commission_bp);
  const names = await ctx.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('id', 'in', [order.buyer_id, order.seller_id])
    .execute();
  const nameOf = (role: Role) => names.find((u) => u.id === userOf(order, role))?.name ?? '';
  const fee = d.fee_amount ?? 0;
  return {
    outcome: terms.outcome,
    recipient: terms.recipient,
    recipientId: userOf(order, terms.recipient),
    recipientName: nameOf(terms.recipient),
    buyerName: nameOf('buyer'),
    sellerName: nameOf('seller'),
    escrow: held,
    toBuyer: held - sellerGross,
    toSellerAfterCommission: sellerGross - commission,
    commission,
    feesReturned: (['buyer', 'seller'] as const)
      .filter((r) => terms.fees[r] === 'return' && (r === 'buyer' ? d.buyer_fee_paid : d.seller_fee_paid))
      .map((r) => ({ role: r, amount: fee })),
  };
}

/** DSP-4 / DSP-8: an admin approves the award waiting for them, with a reason both parties read (OPS-6). */
export async function approveAward(
  ctx: AppContext,
  {
    actor,
    id,
    reason,
    requestId,
    run = transactionOf(ctx),
  }: {
    actor: Actor & { type: 'staff' };
    id: number;
    reason: string | undefined;
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { d, order } = await lockForStaff(trx, id);
    const before = d.stage;
    const terms = awardTerms(d, order);
    if (!terms) throw stageConflict(d.stage, 'Nothing to approve');
    d.decision_reason = reason ?? terms.defaultReason;
    await transition(trx, now, d, {
      name: terms.transition,
      by: { actor: 'staff', id: actor.id },
      set: {
        outcome: terms.outcome,
        decided_by: actor.id,
        decided_at: now,
        decision_reason: d.decision_reason,
      },
    });
    const result = await executeSplit(ctx, trx, now, {
      dispute: d,
      order,
      toSeller: terms.toSeller,
      fees: terms.fees,
      staffId: actor.id,
    });
    await audit(trx, ctx.clock, {
      actor,
      action: 'dispute.approve-award',
      subjectType: 'dispute',
      subjectId: id,
      reason: d.decision_reason,
      before: { stage: before },
      after: { stage: 'closed', ...result },
      requestId,
    });
    return { id, stage: 'closed' as const, ...result };
  });
}

export async function refuseAward(
  ctx: AppContext,
  {
    actor,
    id,
    reason,
    requestId,
  }: { actor: Actor & { type: 'staff' }; id: number; reason: string; requestId?: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const { d, order } = await lockForStaff(trx, id);
    const before = d.stage;
    if (d.stage === 'awaiting_default_approval') {
      await transition(trx, now, d, {
        name: 'support-refuse-default-award',
        by: { actor: 'staff', id: actor.id },
        set: { responded_at: now, sla_due_at: null, sla_started_at: null },
        data: { reason },
      });
    } else if (d.stage === 'awaiting_final_approval') {
      await transition(trx, now, d, {
        name: 'support-refuse-final-award',
        by: { actor: 'staff', id: actor.id },
        set: {},
        data: { reason },
      });
    } else {
      throw stageConflict(d.stage, 'Nothing to refuse');
    }
    await audit(trx, ctx.clock, {
      actor,
      action: 'dispute.refuse-award',
      subjectType: 'dispute',
      subjectId: id,
      reason,
      before: { stage: before },
      after: { stage: d.stage },
      requestId,
    });
    for (const uid of [order.buyer_id, order.seller_id])
      await notify(trx, ctx, {
        userId: uid,
        kind: 'dispute.award-refused',
        params: { disputeId: id, stage: d.stage, reason },
        payload: { disputeId: id },
      });
    return { id, stage: d.stage };
  });
}

/** DSP-10, DSP-11: staff decide a split in percentages summing to 100; fees follow the larger share. */
export async function decideArbitration(
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
    input: { buyerPercent: number; sellerPercent: number; reason: string };
    requestId?: string;
    run?: InTransaction;
  },
) {
  if (input.buyerPercent + input.sellerPercent !== 100)
    throw problems.validation([
      { field: 'body.sellerPercent', message: 'buyerPercent and sellerPercent must sum to 100' },
    ]);
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { d, order } = await lockForStaff(trx, id);
    await transition(trx, now, d, {
      name: 'support-decide-arbitration',
      by: { actor: 'staff', id: actor.id },
      set: {
        outcome: 'arbitrated',
        buyer_percent: input.buyerPercent,
        decided_by: actor.id,
        decided_at: now,
        decision_reason: input.reason,
      },
      data: { buyerPercent: input.buyerPercent },
    });
    d.decision_reason = input.reason;
    const held = await accountBalance(trx, account.escrow(d.milestone_id));
    const { toSeller } = splitByPercent(held, input.buyerPercent);
    const winner = feeReturnedTo(input.buyerPercent);
    const result = await executeSplit(ctx, trx, now, {
      dispute: d,
      order,
      toSeller,
      fees: {
        buyer: winner === 'buyer' ? 'return' : 'keep',
        seller: winner === 'seller' ? 'return' : 'keep',
      },
      staffId: actor.id,
    });
    await audit(trx, ctx.clock, {
      actor,
      action: 'dispute.decide',
      subjectType: 'dispute',
      subjectId: id,
      reason: input.reason,
      before: { stage: 'arbitration' },
      after: { stage: 'closed', buyerPercent: input.buyerPercent, feeReturnedTo: winner, ...result },
      requestId,
    });
    return {
      id,
      stage: 'closed' as const,
      buyerPercent: input.buyerPercent,
      sellerPercent: input.sellerPercent,
      feeReturnedTo: winner,
      ...result,
    };
  });
}

/** A dispute as a party or staff see it, with what the viewer may do now (null: not theirs, or none). */
export async function disputeDetail(
  ctx: AppContext,
  id: number,
  viewer: { userId: number } | { staff: true },
) {
  const d = await ctx.db.selectFrom('disputes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) return null;
  const order = await ctx.db
    .selectFrom('orders')
    .selectAll()
    .where('id', '=', d.order_id)
    .executeTakeFirstOrThrow();
  const role = 'userId' in viewer ? partyOf(order, viewer.userId) : null;
  if ('userId' in viewer && !role) return null;
  const [offers, statements, evidence] = await Promise.all([
    ctx.db
      .selectFrom('dispute_offers')
      .select(['id', ...camel('by_role', 'seller_amount'), 'status', ...camel('created_at')])
      .where('dispute_id', '=', id)
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('dispute_statements')
      .select(['id', ...camel('author_role'), 'text', ...camel('created_at')])
      .where('dispute_id', '=', id)
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('evidence_files')
      .select(['id', 'filename', ...camel('content_type'), 'size', ...camel('created_at')])
      .where('dispute_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  const s = await settingsAt(ctx.db, d.created_at);
  return {
    id: d.id,
    orderId: d.order_id,
    orderTitle: order.title,
    milestoneId: d.milestone_id,
    openerRole: d.opener_role,
    reason: d.reason,
    stage: d.stage,
    outcome: d.outcome,
    escrowAmount: d.escrow_amount,
    escrowNow: await accountBalance(ctx.db, account.escrow(d.milestone_id)),
    openerAmount: d.opener_amount,
    respondBy: d.respond_by,
    respondedAt: d.responded_at,
    arbitrationFrom: new Date(d.created_at.getTime() + s.dispute_arbitration_after_days * 86_400_000),
    arbitrationFee: d.fee_amount ?? arbitrationFee(d.escrow_amount, s),
    feeDueAt: d.fee_due_at,
    buyerFeePaid: d.buyer_fee_paid,
    sellerFeePaid: d.seller_fee_paid,
    sellerAmount: d.seller_amount,
    buyerPercent: d.buyer_percent,
    decisionReason: d.decision_reason,
    decidedAt: d.decided_at,
    slaDueAt: d.sla_due_at,
    createdAt: d.created_at,
    closedAt: d.closed_at,
    role,
    offers,
    statements,
    evidence,
    allowedActions: disputeActions(d, role ? 'party' : 'staff', (t) => {
      const otherOpenOffer = offers.some((o) => o.status === 'open' && o.byRole !== role);
      if (t.name === 'party-accept-offer') return otherOpenOffer && d.stage !== 'arbitration';
      // DSP-7: arbitration from the policy days after opening.
      if (t.name === 'party-request-arbitration')
        return ctx.clock.now() >= addDays(d.created_at, s.dispute_arbitration_after_days);
      if (t.name === 'party-pay-arbitration-fee')
        return !(role === 'buyer' ? d.buyer_fee_paid : d.seller_fee_paid);
      return true;
    }),
  };
}

/** The staff case page: the dispute with its order and the order's whole timeline. */
export async function disputeCase(ctx: AppContext, id: number) {
  const d = await disputeDetail(ctx, id, { staff: true });
  if (!d) return null;
  // OPS-6: the dispute's internal notes in the order's timeline, in time order (staff only).
  const order = await orderCaseWithNotes(
    ctx.db,
    'disputes',
    id,
    await orderDetail(ctx.db, d.orderId, { staff: true }, ctx.clock.now()),
  );
  // Staff see who each role is: the parties by id and name, not only "buyer" and "seller".
  return {
    ...d,
    buyerId: order?.buyer.id ?? null,
    buyerName: order?.buyer.name ?? null,
    sellerId: order?.seller.id ?? null,
    sellerName: order?.seller.name ?? null,
    order,
  };
}

/**
 * DSP-5: a statement with its evidence files. The files are stored first (503 if the store fails, nothing
 * written), then the statement and its file rows commit in one transaction: a statement never commits
 * without its files.
 */
export async function addStatementWithEvidence(
  ctx: AppContext,
  {
    userId,
    disputeId,
    text,
    files,
  }: { userId: number; disputeId: number; text: string; files: Express.Multer.File[] },
) {
  const stored = await putEvidence(ctx, files, { disputeId });
  return ctx.db.transaction().execute(async (trx) => {
    const statement = await addStatement(ctx, trx, { userId, disputeId, text });
    const d = await trx
      .selectFrom('disputes')
      .select('order_id')
      .where('id', '=', disputeId)
      .executeTakeFirstOrThrow();
    const recorded = await recordEvidence(ctx, trx, stored, {
      disputeId,
      orderId: d.order_id,
      uploadedBy: userId,
    });
    return { ...statement, files: recorded };
  });
}

/** DSP-10, DSP-11: what a split would pay each party and which fee comes back, before deciding (OPS-8). */
export async function previewSplit(ctx: AppContext, disputeId: number, buyerPercent: number) {
  const d = await ctx.db
    .selectFrom('disputes')
    .innerJoin('orders', 'orders.id', 'disputes.order_id')
    .select(['disputes.milestone_id', 'disputes.fee_amount', 'orders.commission_bp'])
    .where('disputes.id', '=', disputeId)
    .executeTakeFirst();
  if (!d) return null;
  const held = await accountBalance(ctx.db, account.escrow(d.milestone_id));
  const { toBuyer, toSeller } = splitByPercent(held, buyerPercent);
  const commission = commissionOf(toSeller, d.commission_bp);
  return {
    escrow: held,
    toBuyer,
    toSellerAfterCommission: toSeller - commission,
    commission,
    fee: d.fee_amount,
    feeReturnedTo: feeReturnedTo(buyerPercent),
  };
}
