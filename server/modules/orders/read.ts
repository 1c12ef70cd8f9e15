import type { Executor, Order } from '../../../db/schema.js';
import { settingsAt } from '../settings/repository.js';
import { OPEN, allowedTransitions, milestoneActions, partyOf } from './machine.js';
import { requestActions } from '../resolution/machine.js';
import { addDays, reviewsRevealed } from './rules.js';

type Viewer = { userId: number } | { staff: true };

/** RVW-3: double blind — hidden from the other party until both reviewed or the window closed. */
export async function reviewsVisibleAt(db: Executor, order: Order, now: Date) {
  const reviews = await db.selectFrom('reviews').selectAll().where('order_id', '=', order.id).execute();
  const windowDays = order.completed_at ? (await settingsAt(db, order.completed_at)).review_window_days : 0;
  return {
    reviews,
    revealed: reviewsRevealed(reviews.length, order.completed_at, windowDays, now),
    windowEndsAt: order.completed_at ? addDays(order.completed_at, windowDays) : null,
  };
}

export function reviewView(r: {
  id: number;
  author_id: number;
  subject_id: number;
  author_role: string;
  communication: number;
  as_described: number;
  recommend: number;
  text: string;
  created_at: Date;
  removed_at: Date | null;
}) {
  return {
    id: r.id,
    authorId: r.author_id,
    subjectId: r.subject_id,
    authorRole: r.author_role,
    ratings: { communication: r.communication, asDescribed: r.as_described, recommend: r.recommend },
    stars: Math.round(((r.communication + r.as_described + r.recommend) / 3) * 10) / 10,
    text: r.removed_at ? '' : r.text,
    removed: r.removed_at !== null,
    createdAt: r.created_at,
  };
}

/**
 * An order with milestones and one timeline (ORD-5) of events, messages, deliveries and (for staff) postings.
 */
export async function orderDetail(db: Executor, orderId: number, viewer: Viewer, now: Date) {
  const order = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!order) return null;
  const role = 'userId' in viewer ? partyOf(order, viewer.userId) : null;
  if ('userId' in viewer && !role) return null;
  const [milestones, events, messages, deliveries, parties, entries] = await Promise.all([
    db.selectFrom('milestones').selectAll().where('order_id', '=', orderId).orderBy('seq').execute(),
    db.selectFrom('order_events').selectAll().where('order_id', '=', orderId).orderBy('id').execute(),
    db.selectFrom('order_messages').selectAll().where('order_id', '=', orderId).orderBy('id').execute(),
    db.selectFrom('deliveries').selectAll().where('order_id', '=', orderId).orderBy('id').execute(),
    db
      .selectFrom('users')
      .select(['id', 'name', 'username'])
      .where('id', 'in', [order.buyer_id, order.seller_id])
      .execute(),
    'staff' in viewer
      ? db.selectFrom('journal_entries').selectAll().where('order_id', '=', orderId).orderBy('id').execute()
      : Promise.resolve([]),
  ]);
  const postings = entries.length
    ? await db
        .selectFrom('postings')
        .innerJoin('ledger_accounts', 'ledger_accounts.id', 'postings.account_id')
        .select(['postings.entry_id', 'ledger_accounts.code', 'postings.amount'])
        .where(
          'postings.entry_id',
          'in',
          entries.map((e) => e.id),
        )
        .orderBy('postings.id')
        .execute()
    : [];
  const name = (id: number | null) => parties.find((p) => p.id === id)?.name ?? null;
  const timeline = [
    ...events
      .filter((e) => e.event !== 'message')
      .map((e) => ({
        at: e.at,
        type: 'event' as const,
        event: e.event,
        actor: e.actor_type,
        actorId: e.actor_id,
        actorName: e.actor_type === 'buyer' || e.actor_type === 'seller' ? name(e.actor_id) : null,
        from: e.from_status,
        to: e.to_status,
        data: e.data,
      })),
    ...messages.map((m) => ({
      at: m.created_at,
      type: 'message' as const,
      senderId: m.sender_id,
      senderName: name(m.sender_id),
      body: m.body,
      id: m.id,
    })),
    ...deliveries.map((d) => ({
      at: d.created_at,
      type: 'delivery' as const,
      id: d.id,
      milestoneId: d.milestone_id,
      message: d.message,
      files: d.files,
    })),
    ...entries.map((e) => ({
      at: e.at,
      type: 'posting' as const,
      entryId: e.id,
      kind: e.kind,
      memo: e.memo,
      postings: postings
        .filter((p) => p.entry_id === e.id)
        .map((p) => ({ account: p.code, amount: p.amount })),
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const { reviews, revealed, windowEndsAt } = await reviewsVisibleAt(db, order, now);
  const requests = await db
    .selectFrom('resolution_requests')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  const escalations = await db
    .selectFrom('escalations')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('id')
    .execute();
  const disputes = await db.selectFrom('disputes').select('stage').where('order_id', '=', orderId).execute();
  const guards = {
    openDispute: disputes.some((d) => d.stage !== 'closed'),
    everDisputed: disputes.length > 0,
  };
  const nextUnpaid = milestones.find((m) => m.status === 'unpaid')?.id;
  const visibleReviews = reviews
    .filter((r) => 'staff' in viewer || revealed || r.author_id === viewer.userId)
    .map(reviewView);
  return {
    id: order.id,
    title: order.title,
    status: order.status,
    role,
    buyer: { id: order.buyer_id, name: name(order.buyer_id) },
    seller: { id: order.seller_id, name: name(order.seller_id) },
    serviceId: order.service_id,
    proposalId: order.proposal_id,
    total: order.total,
    commissionBp: order.commission_bp,
    revisionsIncluded: order.revisions_included,
    revisionsUsed: order.revisions_used,
    createdAt: order.created_at,
    dueAt: order.due_at,
    deliveredAt: order.delivered_at,
    completedAt: order.completed_at,
    cancelledAt: order.cancelled_at,
    milestones: milestones.map((m) => ({
      id: m.id,
      seq: m.seq,
      title: m.title,
      amount: m.amount,
      days: m.days,
      status: m.status,
      dueAt: m.due_at,
      paidAt: m.paid_at,
      releasedAt: m.released_at,
      allowedActions: milestoneActions(m, nextUnpaid, role),
    })),
    allowedActions: role ? allowedTransitions(order, role, guards) : [],
    reviews: visibleReviews,
    reviewsHiddenUntil: revealed ? null : windowEndsAt,
    // RES-9: open requests show on the order.
    resolutionRequests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      requesterRole: r.requester_role,
      reason: r.reason,
      message: r.message,
      days: r.days,
      price: r.price,
      revisions: r.revisions,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      answeredAt: r.answered_at,
      answer: r.answer,
      actions:
        role && r.status === 'open'
          ? r.requester_role === role
            ? ['withdraw']
            : r.kind === 'update'
              ? ['message']
              : ['accept', 'decline']
          : role && r.status === 'declined' && r.kind === 'cancel'
            ? ['escalate']
            : [],
      allowedActions: requestActions(r, role, OPEN.includes(order.status)),
    })),
    escalations: escalations.map((e) => ({
      id: e.id,
      status: e.status,
      slaDueAt: e.sla_due_at,
      outcome: e.outcome,
      buyerCredit: e.buyer_credit,
      decisionReason: e.decision_reason,
      decidedAt: e.decided_at,
    })),
    timeline,
  };
}
