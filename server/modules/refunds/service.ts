import { applyTransition, checkTransition, createRecord } from '../../machines/apply.js';
import { REFUND_MACHINE } from './machine.js';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database, RefundRequest, InTransaction } from '../../../db/schema.js';
import { type AppContext, transactionOf } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { settingsAt } from '../settings/repository.js';
import { slaDueAt } from '../settings/sla.js';
import { account, postEntry, userBalances, type Posting } from '../ledger/ledger.js';
import { creditNote } from '../invoices/service.js';
import { notify } from '../../notifications/templates.js';
import { audit, type Actor } from '../audit/audit.js';
import { recordEvent, OPEN } from '../orders/machine.js';
import { lockOrder, lockOrderFor } from '../orders/repository.js';
import { escrowHeld } from '../orders/escrow.js';
import { cancelOrder } from '../orders/cancel.js';
import { REFUND_REASONS, refundComputation } from './rules.js';
import { assertNotDisputed } from '../disputes/guard.js';
import { chargeOfBuyer } from '../payments/charges.js';
import { addMessage } from '../tickets/repository.js';
import { formatRupiah } from '../../money.js';

type Trx = Transaction<Database>;

/** A new refund request: nobody has claimed or decided it yet (REF-4). */
const UNDECIDED = {
  assigned_to: null,
  assigned_at: null,
  approved_amount: null,
  fee_payment: null,
  fee_marketplace: null,
  paid_out: null,
  decision_reason: null,
  decided_by: null,
  decided_at: null,
} as const;

export const orderRefundSchema = z.object({
  reason: z.enum(REFUND_REASONS),
  message: z.string().trim().min(10).max(5000),
  amount: z.number().int().positive().optional(),
  destination: z.enum(['credit', 'source']).default('credit'),
});
export const accountRefundSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('credit_to_source'),
    amount: z.number().int().min(10_000),
    message: z.string().trim().max(5000).default(''),
  }),
  z.object({
    kind: z.literal('duplicate_charge'),
    chargeReference: z.string().trim().min(3).max(200),
    message: z.string().trim().max(5000).default(''),
  }),
]);

const slaDue = (ctx: AppContext, trx: Trx, now: Date) =>
  slaDueAt(trx, ctx.config.timezone, now, 'refund_sla_business_days');

/** REF-1: a refund request on an order that is not completed. */
export async function requestOrderRefund(
  ctx: AppContext,
  {
    userId,
    orderId,
    input,
    run = transactionOf(ctx),
  }: { userId: number; orderId: number; input: z.infer<typeof orderRefundSchema>; run?: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const { order, role } = await lockOrderFor(trx, orderId, userId);
    if (role !== 'buyer') throw problems.forbidden('Only the buyer asks for a refund.');
    await assertNotDisputed(trx, orderId);
    if (!OPEN.includes(order.status)) {
      throw new Problem({
        status: 409,
        slug: 'order-not-refundable',
        title: 'Not refundable here',
        detail:
          `The order is ${order.status}. A completed order's funds are not refundable by the buyer (ORD-4,` +
          ` REF-6): contact support.`,
      });
    }
    const escrow = (await escrowHeld(trx, orderId)).reduce((a, m) => a + m.held, 0);
    if (escrow === 0)
      throw problems.unprocessable(
        'nothing-in-escrow',
        'Nothing in escrow',
        'Nothing of this order is held in escrow, so there is nothing to refund.',
      );
    const amount = input.amount ?? escrow;
    if (amount > escrow)
      throw problems.unprocessable(
        'refund-exceeds-escrow',
        'More than is in escrow',
        `At most Rp ${escrow} is held for this order.`,
        { escrow },
      );
    const open = await trx
      .selectFrom('refund_requests')
      .select('id')
      .where('order_id', '=', orderId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (open)
      throw problems.conflict(
        'refund-already-open',
        'Refund request open',
        `Refund request #${open.id} on this order is still open.`,
      );
    const row = await createRecord(trx, REFUND_MACHINE, {
      kind: 'order',
      buyer_id: userId,
      order_id: orderId,
      destination: input.destination,
      reason: input.reason,
      message: input.message,
      amount_requested: amount,
      charge_reference: null,
      sla_due_at: await slaDue(ctx, trx, now),
      ...UNDECIDED,
      created_at: now,
    });
    await recordEvent(trx, now, {
      orderId,
      event: 'refund-requested',
      by: { actor: 'buyer', id: userId },
      data: { refundRequestId: row.id, amount, destination: input.destination, reason: input.reason },
    });
    await notify(trx, ctx, {
      userId: order.seller_id,
      kind: 'refund.requested',
      params: { title: order.title, amount, message: input.message },
      payload: { orderId, refundRequestId: row.id },
    });
    return row;
  });
}

/** REF-2 (credit back to the card) and REF-3 (a duplicate charge, cited by its reference). */
export async function requestAccountRefund(
  ctx: AppContext,
  userId: number,
  input: z.infer<typeof accountRefundSchema>,
  run: InTransaction = transactionOf(ctx),
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    let amount: number;
    let chargeReference: string | null = null;
    if (input.kind === 'credit_to_source') {
      const b = await userBalances(trx, userId);
      if (input.amount > b.credit)
        throw problems.unprocessable(
          'refund-exceeds-credit',
          'More than your credit',
          `Your credit balance is Rp ${b.credit}.`,
          { credit: b.credit },
        );
      amount = input.amount;
    } else {
      const found = await chargeOfBuyer(trx, userId, input.chargeReference);
      const chargeField = (message: string) => ({ errors: [{ field: 'body.chargeReference', message }] });
      if (!found)
        throw problems.unprocessable(
          'charge-not-found',
          'No such charge of yours',
          `No card charge ${input.chargeReference} was made for your orders. Your order shows its charges.`,
          chargeField('a card charge reference listed on your order'),
        );
      const { charge, sameMilestone } = found;
      await lockOrder(trx, found.orderId); // two claims on one duplicate queue here
      // REF-3: only a charge that duplicates another for the same milestone is refunded as such.
      if (sameMilestone.length < 2)
        throw problems.unprocessable(
          'charge-not-duplicated',
          'Not a duplicate charge',
          `Charge ${charge.reference} is the only charge for milestone ${charge.milestoneSeq} ` +
            'of its order: it paid for the work and is not refundable as a duplicate. ' +
            'Ask for a refund on the order instead.',
          chargeField('a charge that duplicates another charge for the same milestone'),
        );
      amount = charge.amount;
      chargeReference = charge.reference;
      // One refund per extra charge: citing either of two charges for a milestone claims its one duplicate.
      const claims = await trx
        .selectFrom('refund_requests')
        .select('id')
        .where('kind', '=', 'duplicate_charge')
        .where(
          'charge_reference',
          'in',
          sameMilestone.map((c) => c.reference),
        )
        .where('status', '<>', 'rejected')
        .execute();
      if (claims.length >= sameMilestone.length - 1)
        throw problems.conflict(
          'refund-already-requested',
          'Already requested',
          `Refund request #${claims[0]!.id} claims this duplicate charge already.`,
        );
    }
    return createRecord(trx, REFUND_MACHINE, {
      kind: input.kind,
      buyer_id: userId,
      order_id: null,
      destination: 'source',
      reason: input.kind === 'duplicate_charge' ? 'charged_twice' : 'other',
      message: input.message,
      amount_requested: amount,
      charge_reference: chargeReference,
      sla_due_at: await slaDue(ctx, trx, now),
      ...UNDECIDED,
      created_at: now,
    });
  });
}

/** What approving `amount` would post: shown on the case page before the decision (REF-5), and used by it. */
export async function previewDecision(
  ctx: AppContext,
  db: Trx | AppContext['db'],
  r: RefundRequest,
  amount = r.amount_requested,
) {
  const s = await settingsAt(db, ctx.clock.now());
  const computation = refundComputation(amount, r.destination, s, r.kind !== 'duplicate_charge');
  return {
    ...computation,
    destination: r.destination,
    from: r.kind === 'order' ? 'escrow' : r.kind === 'credit_to_source' ? 'credit' : 'duplicate charge',
  };
}

/** REF-4: approve in full or in part (REF-5 fees for refunds to the source), or reject with a reason. */
export async function decideRefund(
  ctx: AppContext,
  {
    actor,
    id,
    decision,
    requestId,
    run = transactionOf(ctx),
  }: {
    actor: Actor & { type: 'staff' };
    id: number;
    decision: { approve: true; amount?: number; reason: string } | { approve: false; reason: string };
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    // LOCKING.md: the order before the rows that belong to it, as the buyer's own requests take them.
    const head = await trx
      .selectFrom('refund_requests')
      .select('order_id')
      .where('id', '=', id)
      .executeTakeFirst();
    const lockedOrder = head?.order_id ? await lockOrder(trx, head.order_id) : undefined;
    const r = await trx
      .selectFrom('refund_requests')
      .selectAll()
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!r) throw problems.notFound('refund request');
    // A request decided already (by another agent: support alone decides) is the machine's 409.
    const name = decision.approve ? 'support-approve' : 'support-reject';
    checkTransition(REFUND_MACHINE, { state: r.status, name, actor: 'staff', id });
    if (!decision.approve) {
      await applyTransition(trx, {
        machine: REFUND_MACHINE,
        id,
        state: r.status,
        name: 'support-reject',
        actor: 'staff',
        now,
        set: { decision_reason: decision.reason, decided_by: actor.id, decided_at: now },
        audit: {
          clock: ctx.clock,
          entry: {
            actor,
            action: 'refund.reject',
            subjectType: 'refund_request',
            subjectId: id,
            reason: decision.reason,
            before: { status: 'open' },
            after: { status: 'rejected' },
            requestId,
          },
        },
      });
      if (r.order_id)
        await recordEvent(trx, now, {
          orderId: r.order_id,
          event: 'support-reject-refund',
          by: { actor: 'staff', id: actor.id },
          data: { refundRequestId: id, reason: decision.reason },
        });
      await notify(trx, ctx, {
        userId: r.buyer_id,
        kind: 'refund.rejected',
        params: { refundRequestId: id, reason: decision.reason },
        payload: { refundRequestId: id },
      });
      // SUP-1: a request opened from a ticket answers in its thread too.
      if (r.ticket_id)
        await addMessage(trx, {
          ticketId: r.ticket_id,
          author: { type: 'system', id: null },
          body: `Refund request #${id} was rejected. Reason: ${decision.reason}`,
          via: 'console',
          now,
        });
      return { id, status: 'rejected' as const };
    }
    const amount = decision.amount ?? r.amount_requested;
    if (amount > r.amount_requested)
      throw problems.unprocessable(
        'refund-exceeds-request',
        'More than requested',
        `The buyer asked for Rp ${r.amount_requested}.`,
      );
    const preview = await previewDecision(ctx, trx, r, amount);
    const staffId = actor.id;
    const destinationPostings = (): Posting[] =>
      r.destination === 'credit'
        ? [{ account: account.user(r.buyer_id, 'credit'), amount }]
        : [
            { account: account.platform('gateway'), amount: preview.net },
            { account: account.platform('fees_payment'), amount: preview.paymentFee },
            { account: account.platform('revenue'), amount: preview.marketplaceFee },
          ];
    let orderEffect: Record<string, unknown> = {};
    if (r.kind === 'order') {
      // Locked above and not changed since (issue #14: it was read and locked a second time).
      const order =
        lockedOrder?.id === r.order_id
          ? lockedOrder
          : await trx
              .selectFrom('orders')
              .selectAll()
              .where('id', '=', r.order_id!)
              .forNoKeyUpdate()
              .executeTakeFirstOrThrow();
      if (!OPEN.includes(order.status))
        throw new Problem({
          status: 409,
          slug: 'order-not-refundable',
          title: 'Order closed',
          detail:
            `The order is ${order.status} now; ` +
            'decide it as a support refund of a completed order instead.',
        });
      const escrow = await escrowHeld(trx, order.id);
      const held = escrow.reduce((a, m) => a + m.held, 0);
      if (amount > held)
        throw problems.unprocessable(
          'refund-exceeds-escrow',
          'More than is in escrow',
          `Only Rp ${held} is in escrow now.`,
        );
      if (amount === held) {
        // In full: the order is cancelled and the escrow goes to the buyer's credit; a refund to the source
        // then pays it out.
        orderEffect = await cancelOrder(ctx, trx, {
          order,
          name: 'support-refund-cancel',
          by: { actor: 'staff', id: staffId },
          fault: 'refund',
          data: { refundRequestId: id, reason: decision.reason },
        });
        if (r.destination === 'source') {
          await postEntry(trx, now, {
            kind: 'refund-to-source',
            memo: `Refund request #${id}: credit paid back to the card minus fees (REF-5)`,
            memoKey: 'refund_credit_to_card',
            memoParams: { id },
            reference: `refund:${id}`,
            orderId: order.id,
            userId: r.buyer_id,
            staffId,
            postings: [
              { account: account.user(r.buyer_id, 'credit'), amount: -amount },
              ...destinationPostings(),
            ],
          });
        }
      } else {
        let left = amount;
        const postings: Posting[] = [];
        const credited: [number, number][] = [];
        for (const m of escrow) {
          const take = Math.min(m.held, left);
          if (take > 0) postings.push({ account: account.escrow(m.milestoneId), amount: -take });
          if (take > 0) credited.push([m.milestoneId, take]);
          left -= take;
        }
        await postEntry(trx, now, {
          kind: r.destination === 'credit' ? 'refund-to-credit' : 'refund-to-source',
          memo:
            `Refund request #${id}: part of the escrow of order ${order.id} to the ` +
            `buyer${r.destination === 'source' ? ' (card, minus fees, REF-5)' : ' (credit)'}`,
          memoKey: r.destination === 'source' ? 'refund_to_source' : 'refund_to_credit',
          memoParams: { id, orderId: order.id },
          reference: `refund:${id}`,
          orderId: order.id,
          userId: r.buyer_id,
          staffId,
          postings: [...postings, ...destinationPostings()],
        });
        // INV-3: the refunded part is credited against each milestone's invoice.
        for (const [milestoneId, take] of credited)
          await creditNote(ctx, trx, now, {
            of: { milestoneId },
            amount: take,
            reason: `Refund request #${id}`,
          });
        await recordEvent(trx, now, {
          orderId: order.id,
          event: 'support-approve-refund',
          by: { actor: 'staff', id: staffId },
          data: { refundRequestId: id, ...preview, reason: decision.reason },
        });
      }
    } else {
      const from: Posting =
        r.kind === 'credit_to_source'
          ? { account: account.user(r.buyer_id, 'credit'), amount: -amount }
          : // REF-3: the second charge reached the provider but never our books: recognise it, then pay
            // it back in full.
            { account: account.platform('gateway'), amount: -amount };
      await postEntry(trx, now, {
        kind: r.kind === 'credit_to_source' ? 'refund-credit-to-source' : 'refund-duplicate-charge',
        memo: `Refund request #${id} (${r.kind.replace(/_/g, ' ')})`,
        memoKey: r.kind === 'credit_to_source' ? 'refund_credit_to_source' : 'refund_duplicate_charge',
        memoParams: { id },
        reference: `refund:${id}`,
        userId: r.buyer_id,
        staffId,
        postings: [from, ...destinationPostings()],
      });
    }
    if (r.destination === 'source' && preview.net > 0)
      await ctx.gateway.refund(trx, {
        reference: `refund:${id}`,
        amount: preview.net,
        now,
        orderId: r.order_id ?? undefined,
      });
    const { to: status } = await applyTransition(trx, {
      machine: REFUND_MACHINE,
      id,
      state: r.status,
      name: amount === r.amount_requested ? 'support-approve' : 'support-approve-partial',
      actor: 'staff',
      now,
      set: {
        approved_amount: amount,
        fee_payment: preview.paymentFee,
        fee_marketplace: preview.marketplaceFee,
        paid_out: preview.net,
        decision_reason: decision.reason,
        decided_by: staffId,
        decided_at: now,
      },
      audit: {
        clock: ctx.clock,
        entry: {
          actor,
          action: `refund.${amount === r.amount_requested ? 'approve' : 'approve-partial'}`,
          subjectType: 'refund_request',
          subjectId: id,
          reason: decision.reason,
          before: { status: 'open', requested: r.amount_requested },
          after: {
            status: amount === r.amount_requested ? 'approved' : 'partially_approved',
            ...preview,
            ...orderEffect,
          },
          requestId,
        },
      },
    });
    await notify(trx, ctx, {
      userId: r.buyer_id,
      kind: 'refund.approved',
      params: {
        refundRequestId: id,
        amount,
        reason: decision.reason,
        toCard:
          r.destination === 'source'
            ? { net: preview.net, paymentFee: preview.paymentFee, marketplaceFee: preview.marketplaceFee }
            : null,
      },
      payload: { refundRequestId: id },
    });
    if (r.ticket_id)
      await addMessage(trx, {
        ticketId: r.ticket_id,
        author: { type: 'system', id: null },
        body:
          `Refund request #${id} was approved: ${formatRupiah(amount)}` +
          (r.destination === 'source'
            ? ` (${formatRupiah(preview.net)} to your card after fees)`
            : ' to your credit') +
          `. Reason: ${decision.reason}`,
        via: 'console',
        now,
      });
    return { id, status, ...preview };
  });
}

/**
 * REF-6: after completion only support refunds, with a recorded reason: taken from the
 * seller's pending, then available balance, and from revenue for what they are short.
 */
export async function refundCompletedOrder(
  ctx: AppContext,
  {
    actor,
    orderId,
    input,
    requestId,
    run = transactionOf(ctx),
  }: {
    actor: Actor & { type: 'staff' };
    orderId: number;
    input: { amount: number; destination: 'credit' | 'source'; reason: string };
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const order = await trx
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', orderId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!order) throw problems.notFound('order');
    if (order.status !== 'completed')
      throw new Problem({
        status: 409,
        slug: 'order-not-completed',
        title: 'Order not completed',
        detail: `The order is ${order.status}; refunds of open orders go through refund requests (REF-1).`,
      });
    const before = await userBalances(trx, order.seller_id);
    if (input.amount > order.total)
      throw problems.unprocessable(
        'refund-exceeds-order',
        'More than the order',
        `The order was Rp ${order.total}.`,
      );
    const fromPending = Math.min(before.pending, input.amount);
    const fromAvailable = Math.min(before.available, input.amount - fromPending);
    const fromRevenue = input.amount - fromPending - fromAvailable;
    const s = await settingsAt(trx, now);
    const c = refundComputation(input.amount, input.destination, s);
    await postEntry(trx, now, {
      kind: 'support-refund-completed',
      memo: `Support refund of completed order ${orderId}: ${input.reason}`,
      memoKey: 'support_refund_completed',
      memoParams: { orderId, reason: input.reason },
      orderId,
      userId: order.buyer_id,
      staffId: actor.id,
      postings: [
        { account: account.user(order.seller_id, 'pending'), amount: -fromPending },
        { account: account.user(order.seller_id, 'available'), amount: -fromAvailable },
        { account: account.platform('revenue'), amount: -fromRevenue + c.marketplaceFee },
        ...(input.destination === 'credit'
          ? [{ account: account.user(order.buyer_id, 'credit'), amount: input.amount }]
          : [
              { account: account.platform('gateway'), amount: c.net },
              { account: account.platform('fees_payment'), amount: c.paymentFee },
            ]),
      ],
    });
    // INV-3: a credit note against the order's invoices.
    await creditNote(ctx, trx, now, {
      of: { orderId },
      amount: input.amount,
      reason: `Support refund: ${input.reason}`,
    });
    if (input.destination === 'source' && c.net > 0)
      await ctx.gateway.refund(trx, {
        reference: `support-refund:order:${orderId}:${now.getTime()}`,
        amount: c.net,
        now,
        orderId,
      });
    await recordEvent(trx, now, {
      orderId,
      event: 'support-refund-completed',
      by: { actor: 'staff', id: actor.id },
      data: { ...c, fromPending, fromAvailable, fromRevenue, reason: input.reason },
    });
    await audit(trx, ctx.clock, {
      actor,
      action: 'refund.completed-order',
      subjectType: 'order',
      subjectId: orderId,
      reason: input.reason,
      before: { seller: before },
      after: { seller: await userBalances(trx, order.seller_id), ...c, fromRevenue },
      requestId,
    });
    await notify(trx, ctx, {
      userId: order.buyer_id,
      kind: 'refund.completed-order',
      params: {
        to: 'buyer',
        title: order.title,
        amount: input.amount,
        reason: input.reason,
        toCardNet: input.destination === 'source' ? c.net : null,
      },
      payload: { orderId },
    });
    await notify(trx, ctx, {
      userId: order.seller_id,
      kind: 'refund.completed-order',
      params: {
        to: 'seller',
        title: order.title,
        amount: input.amount,
        reason: input.reason,
        fromEarnings: fromPending + fromAvailable,
      },
      payload: { orderId },
    });
    return { orderId, ...c, fromPending, fromAvailable, fromRevenue };
  });
}
