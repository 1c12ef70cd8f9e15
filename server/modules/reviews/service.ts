import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { Problem, problems } from '../../http/problem.js';
import { settingsAt } from '../settings/repository.js';
import { account } from '../ledger/ledger.js';
import { collectPayment } from '../payments/collect.js';
import { assertNeverDisputed } from '../disputes/guard.js';
import { notify } from '../../notifications/templates.js';
import { acceptDelivery, type PaymentSource } from '../orders/service.js';
import { lockOrderFor } from '../orders/repository.js';
import { scheduleClearance } from '../orders/escrow.js';
import { recordEvent } from '../orders/machine.js';
import { addDays, reviewAllowsTip } from '../orders/rules.js';
import { audit, type Actor } from '../audit/audit.js';

const stars = z.number().int().min(1).max(5);
export const reviewSchema = z.object({
  communication: stars,
  asDescribed: stars,
  recommend: stars,
  text: z.string().trim().max(5000).default(''),
});

/**
 * RVW-1..3: each party reviews the other once, within the window after completion. A
 * buyer's review on a delivered order accepts it first (ORD-3).
 */
export async function leaveReview(
  ctx: AppContext,
  trx: Transaction<Database>,
  { userId, orderId }: { userId: number; orderId: number },
  input: z.infer<typeof reviewSchema>,
) {
  const { order, role } = await lockOrderFor(trx, orderId, userId);
  await assertNeverDisputed(trx, orderId);
  if (order.status === 'delivered' && role === 'buyer') {
    await acceptDelivery(ctx, trx, {
      order,
      name: 'buyer-review-delivery',
      by: { actor: 'buyer', id: userId },
    });
  }
  const now = ctx.clock.now();
  if ((order.status as string) !== 'completed') {
    throw new Problem({
      status: 409,
      slug: 'order-not-completed',
      title: 'Order not completed',
      detail:
        'Reviews are left after completion (RVW-1)' +
        (order.status === 'delivered'
          ? '; the seller cannot review a delivery the buyer has not accepted.'
          : '.'),
    });
  }
  const fresh = await trx
    .selectFrom('orders')
    .select('completed_at')
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  const completedAt = fresh.completed_at!;
  const window = (await settingsAt(trx, completedAt)).review_window_days;
  if (addDays(completedAt, window) <= now)
    throw problems.unprocessable(
      'review-window-closed',
      'Too late to review',
      `Reviews can be left for ${window} days after completion (RVW-2).`,
    );
  const existing = await trx
    .selectFrom('reviews')
    .select('id')
    .where('order_id', '=', orderId)
    .where('author_id', '=', userId)
    .executeTakeFirst();
  if (existing)
    throw problems.conflict(
      'review-exists',
      'Already reviewed',
      'You reviewed this order already; a review cannot be edited (RVW-1).',
    );
  const subject = role === 'buyer' ? order.seller_id : order.buyer_id;
  const row = await trx
    .insertInto('reviews')
    .values({
      order_id: orderId,
      author_id: userId,
      subject_id: subject,
      author_role: role,
      communication: input.communication,
      as_described: input.asDescribed,
      recommend: input.recommend,
      text: input.text,
      created_at: now,
      removed_at: null,
      removed_reason: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, now, {
    orderId,
    event: 'review',
    by: { actor: role, id: userId },
    data: { reviewId: row.id },
  });
  await notify(trx, ctx, {
    userId: subject,
    kind: 'order.reviewed',
    params: { title: order.title },
    payload: { orderId },
  });
  return row;
}

/** RVW-5: a buyer whose review is above 3 stars may tip within the tip window; no commission. */
export async function tip(
  ctx: AppContext,
  trx: Transaction<Database>,
  userId: number,
  { orderId, amount, source }: { orderId: number; amount: number; source: PaymentSource },
) {
  const now = ctx.clock.now();
  const { order, role } = await lockOrderFor(trx, orderId, userId);
  if (role !== 'buyer') throw problems.forbidden('Only the buyer tips the seller.');
  if (order.status !== 'completed' || !order.completed_at)
    throw new Problem({
      status: 409,
      slug: 'order-not-completed',
      title: 'Order not completed',
      detail: 'Tips are given after completion (RVW-5).',
    });
  const settings = await settingsAt(trx, order.completed_at);
  if (addDays(order.completed_at, settings.tip_window_days) <= now)
    throw problems.unprocessable(
      'tip-window-closed',
      'Too late to tip',
      `Tips can be given for ${settings.tip_window_days} days after completion (RVW-5).`,
    );
  const review = await trx
    .selectFrom('reviews')
    .selectAll()
    .where('order_id', '=', orderId)
    .where('author_id', '=', userId)
    .executeTakeFirst();
  if (!review || !reviewAllowsTip(review))
    throw problems.unprocessable(
      'tip-needs-good-review',
      'Review first',
      'A tip can follow your review when it is above 3 stars (RVW-5).',
    );
  const count = await trx
    .selectFrom('tips')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_id', '=', orderId)
    .executeTakeFirstOrThrow();
  const ref = `tip:order:${orderId}:${Number(count.n) + 1}`;
  await collectPayment(ctx, trx, now, {
    source,
    payerId: userId,
    amount,
    to: account.user(order.seller_id, 'pending'),
    kind: 'tip',
    memo: `Tip on order ${orderId}, without commission`,
    memoKey: 'tip',
    memoParams: { orderId },
    reference: ref,
    orderId,
    userId: order.seller_id,
  });
  const entry = await trx
    .selectFrom('journal_entries')
    .select('id')
    .where('reference', '=', ref)
    .executeTakeFirstOrThrow();
  const entryId = entry.id;
  const row = await trx
    .insertInto('tips')
    .values({
      order_id: orderId,
      buyer_id: userId,
      seller_id: order.seller_id,
      amount,
      entry_id: entryId,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await scheduleClearance(
    trx,
    now,
    { ref: `tip:${row.id}`, orderId, sellerId: order.seller_id, amount },
    order.completed_at,
  );
  await recordEvent(trx, now, {
    orderId,
    event: 'tip',
    by: { actor: 'buyer', id: userId },
    data: { amount, tipId: row.id },
  });
  await notify(trx, ctx, {
    userId: order.seller_id,
    kind: 'order.tip',
    params: { title: order.title, amount },
    payload: { orderId },
  });
  return { id: row.id, amount, createdAt: now };
}

/**
 * RVW-4: trust & safety remove a review that breaks the terms; audited, on the timeline, the author told why.
 */
export async function removeReview(
  ctx: AppContext,
  actor: Actor & { type: 'staff' },
  { id, reason, requestId }: { id: number; reason: string; requestId: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const r = await trx
      .selectFrom('reviews')
      .selectAll()
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!r) throw problems.notFound('review');
    if (r.removed_at)
      throw new Problem({
        status: 409,
        slug: 'review-already-removed',
        title: 'Already removed',
        detail: 'This review was removed already.',
      });
    await trx
      .updateTable('reviews')
      .set({ removed_at: now, removed_reason: reason })
      .where('id', '=', r.id)
      .execute();
    await audit(trx, ctx.clock, {
      actor,
      action: 'review.remove',
      subjectType: 'review',
      subjectId: r.id,
      reason,
      before: { text: r.text, removed: false },
      after: { removed: true },
      requestId,
    });
    await recordEvent(trx, now, {
      orderId: r.order_id,
      event: 'trust-remove-review',
      by: { actor: 'staff', id: actor.id },
      data: { reviewId: r.id, reason },
    });
    await notify(trx, ctx, {
      userId: r.author_id,
      kind: 'review.removed',
      params: { orderId: r.order_id, reason },
      payload: { reviewId: r.id },
    });
    return { id: r.id, removedAt: now, removedReason: reason };
  });
}
