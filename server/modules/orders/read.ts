import { sql, type Selectable } from 'kysely';
import type {
  DeliveriesTable,
  EscalationsTable,
  Executor,
  MilestonesTable,
  Order,
  OrderEventsTable,
  OrderMessagesTable,
  ResolutionRequestsTable,
  ReviewsTable,
} from '../../../db/schema.js';
import { settingsAt } from '../settings/repository.js';
import { defaultSettings } from '../settings/rules.js';
import { OPEN, allowedTransitions, milestoneActions, partyOf } from './machine.js';
import { requestActions } from '../resolution/machine.js';
import { addDays, reviewsRevealed } from './rules.js';
import { chargeRowsSql, chargeViews, type ChargeRow } from '../payments/charges.js';
import { disputeCount } from '../disputes/guard.js';
import { camel } from '../../http/camel.js';
import { PREPARED } from '../../../db/prepared.js';

type Viewer = { userId: number } | { staff: true };

interface PostingView {
  account: string;
  amount: number;
}

const DEFAULT_REVIEW_WINDOW_DAYS = defaultSettings().review_window_days;

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
    removedAt: r.removed_at,
    createdAt: r.created_at,
  };
}

/** JSON from PostgreSQL carries timestamps as text; the API answers them as the driver gives them: Dates. */
function withDates<T extends object>(rows: T[], keys: readonly (keyof T)[]): T[] {
  for (const r of rows)
    for (const k of keys) {
      const v = r[k];
      if (typeof v === 'string') (r as Record<keyof T, unknown>)[k] = new Date(v);
    }
  return rows;
}

type Row<T> = Selectable<T>;

/** A resolution request as parties see it, with the answers the viewer may give now (RES-9). */
export function resolutionRequestView(
  r: Row<ResolutionRequestsTable>,
  role: 'buyer' | 'seller' | null,
  orderOpen: boolean,
) {
  return {
    id: r.id,
    orderId: r.order_id,
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
    allowedActions: requestActions(r, role, orderOpen),
  };
}

/**
 * An order with milestones and one timeline (ORD-5) of events, messages, deliveries, (for staff)
 * postings and its charges (REF-3): one statement, each part aggregated to JSON by PostgreSQL.
 */
export async function orderDetail(db: Executor, orderId: number, viewer: Viewer, now: Date) {
  const staff = 'staff' in viewer;
  const list = (table: string, order: string) =>
    sql`(select coalesce(json_agg(t order by ${sql.raw(order)}), '[]') from ${sql.table(table)} t
      where t.order_id = o.id)`;
  const { rows } = await sql<
    Order & {
      parties: { id: number; name: string }[];
      milestones: Row<MilestonesTable>[];
      events: Row<OrderEventsTable>[];
      messages: Row<OrderMessagesTable>[];
      deliveries: Row<DeliveriesTable>[];
      reviews: Row<ReviewsTable>[];
      requests: Row<ResolutionRequestsTable>[];
      escalations: Row<EscalationsTable>[];
      entries: {
        id: number;
        at: Date;
        kind: string;
        memo: string;
        memoKey: string | null;
        memoParams: Record<string, unknown> | null;
        postings: PostingView[];
      }[];
      review_window_days: number | null;
      dispute_stages: string[];
      charges: ChargeRow[];
    }
  >`${sql.raw(PREPARED)}
    select o.id, o.buyer_id, o.seller_id, o.service_id, o.proposal_id, o.title, o.status, o.total,
      o.revisions_included, o.revisions_used, o.commission_bp, o.created_at, o.updated_at, o.due_at,
      o.delivered_at, o.completed_at, o.cancelled_at, o.cancellation_fault,
      (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name)), '[]') from users u
        where u.id in (o.buyer_id, o.seller_id)) as parties,
      ${list('milestones', 't.seq')} as milestones,
      ${list('order_events', 't.id')} as events,
      ${list('order_messages', 't.id')} as messages,
      ${list('deliveries', 't.id')} as deliveries,
      ${list('reviews', 't.id')} as reviews,
      ${list('resolution_requests', 't.id')} as requests,
      ${list('escalations', 't.id')} as escalations,
      (select coalesce(json_agg(d.stage), '[]') from disputes d where d.order_id = o.id) as dispute_stages,
      ${
        staff
          ? sql`(select coalesce(json_agg(json_build_object('id', j.id, 'at', j.at, 'kind', j.kind,
              'memo', j.memo, 'memoKey', j.memo_key, 'memoParams', j.memo_params,
              'postings', (select coalesce(json_agg(json_build_object('account', a.code,
                'amount', p.amount) order by p.id), '[]')
                from postings p join ledger_accounts a on a.id = p.account_id where p.entry_id = j.id))
              order by j.id), '[]') from journal_entries j where j.order_id = o.id)`
          : sql`'[]'::json`
      } as entries,
      (select coalesce(json_agg(c order by c.milestone_seq, c.charged_at, c.reference), '[]')
        from (${chargeRowsSql(sql`o.id`)}) c) as charges,
      -- RVW-2 in force when the order completed (POL-1), as settingsAt reads it.
      (select (s.value #>> '{}')::int from setting_changes s
        where s.key = 'review_window_days' and s.effective_from <= o.completed_at
        order by s.effective_from desc, s.id desc limit 1) as review_window_days
    from orders o where o.id = ${orderId}`.execute(db);
  const order = rows[0];
  if (!order) return null;
  const role = 'userId' in viewer ? partyOf(order, viewer.userId) : null;
  if ('userId' in viewer && !role) return null;
  const parties = order.parties;
  const milestones = withDates(order.milestones, ['due_at', 'paid_at', 'released_at']);
  const events = withDates(order.events, ['at']);
  const messages = withDates(order.messages, ['created_at']);
  const deliveries = withDates(order.deliveries, ['created_at']);
  const entries = withDates(order.entries, ['at']);
  const requests = withDates(order.requests, ['created_at', 'expires_at', 'answered_at']);
  const escalations = withDates(order.escalations, ['sla_due_at', 'decided_at']);
  const reviews = withDates(order.reviews, ['created_at', 'removed_at']);
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
      memoKey: e.memoKey,
      memoParams: e.memoParams,
      postings: e.postings,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const windowDays = order.completed_at ? (order.review_window_days ?? DEFAULT_REVIEW_WINDOW_DAYS) : 0;
  const revealed = reviewsRevealed(reviews.length, order.completed_at, windowDays, now);
  const windowEndsAt = order.completed_at ? addDays(order.completed_at, windowDays) : null;
  const guards = {
    openDispute: order.dispute_stages.some((stage) => stage !== 'closed'),
    everDisputed: order.dispute_stages.length > 0,
  };
  const transitions = role ? allowedTransitions(order, role, guards) : [];
  // RVW-1, RVW-2, DSP-3: after completion each party may review once, within the window, unless the order
  // was ever disputed. Not a transition (the order stays completed), but an answer the API accepts.
  const mayReview =
    'userId' in viewer &&
    order.status === 'completed' &&
    !guards.everDisputed &&
    windowEndsAt !== null &&
    now < windowEndsAt &&
    !reviews.some((r) => r.author_id === viewer.userId);
  const orderActions: string[] = mayReview ? [...transitions, 'leave-review'] : transitions;
  // The next unpaid milestone is offered for payment only while the order itself awaits one (ORD-2).
  const payable = transitions.includes('buyer-pay-milestone')
    ? milestones.find((m) => m.status === 'unpaid')?.id
    : undefined;
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
      allowedActions: milestoneActions(m, payable, role),
    })),
    allowedActions: orderActions,
    // REF-3: the buyer sees what they were charged, to cite a duplicate; the seller does not.
    charges: role === 'seller' ? [] : chargeViews(order.charges),
    reviews: visibleReviews,
    reviewsHiddenUntil: revealed ? null : windowEndsAt,
    // RES-9: open requests show on the order.
    resolutionRequests: requests.map((r) => resolutionRequestView(r, role, OPEN.includes(order.status))),
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

/** A public profile (RVW-3): seller level, rating, the revealed reviews received, disputes count. */
export async function publicProfile(db: Executor, userId: number, now: Date) {
  const u = await db
    .selectFrom('users')
    .select(['id', 'name', 'username', 'bio', 'country', 'is_seller', 'seller_level', 'created_at', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u || u.status === 'pending_activation') return undefined;
  const received = await db
    .selectFrom('reviews')
    .innerJoin('orders', 'orders.id', 'reviews.order_id')
    .selectAll('reviews')
    .select('orders.completed_at')
    .select(
      sql<number>`(select count(*)::int from reviews r2 where r2.order_id = reviews.order_id)`.as(
        'reviewsOnOrder',
      ),
    )
    .where('reviews.subject_id', '=', u.id)
    .where('reviews.removed_at', 'is', null)
    .orderBy('reviews.id', 'desc')
    .execute();
  // The review window in force when each order completed (POL-1), looked up once per moment.
  const windows = new Map<number, Promise<number>>();
  const windowAt = (at: Date) =>
    windows.get(at.getTime()) ??
    windows
      .set(
        at.getTime(),
        settingsAt(db, at).then((s) => s.review_window_days),
      )
      .get(at.getTime())!;
  const visible = [];
  for (const r of received) {
    const windowDays = r.completed_at ? await windowAt(r.completed_at) : 0;
    if (reviewsRevealed(r.reviewsOnOrder, r.completed_at, windowDays, now)) visible.push(reviewView(r));
  }
  const rating = visible.length
    ? Math.round((visible.reduce((a, r) => a + r.stars, 0) / visible.length) * 10) / 10
    : null;
  const completed = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('seller_id', '=', u.id)
    .where('status', '=', 'completed')
    .executeTakeFirstOrThrow();
  return {
    id: u.id,
    name: u.name,
    username: u.username,
    bio: u.bio,
    country: u.country,
    isSeller: u.is_seller,
    sellerLevel: u.seller_level,
    memberSince: u.created_at,
    rating,
    reviewCount: visible.length,
    completedOrders: Number(completed.n),
    disputes: await disputeCount(db, u.id),
    reviews: visible.slice(0, 50),
  };
}

/** A user's orders as buyer, as seller or both, newest first. */
export function ordersOfUser(
  db: Executor,
  userId: number,
  filter: { role?: 'buyer' | 'seller'; status?: Order['status'] },
) {
  let qb = db
    .selectFrom('orders')
    .select([
      'id',
      'title',
      'status',
      ...camel('buyer_id', 'seller_id'),
      'total',
      ...camel('created_at', 'due_at', 'completed_at'),
    ])
    .orderBy('id', 'desc');
  qb =
    filter.role === 'buyer'
      ? qb.where('buyer_id', '=', userId)
      : filter.role === 'seller'
        ? qb.where('seller_id', '=', userId)
        : qb.where((eb) => eb.or([eb('buyer_id', '=', userId), eb('seller_id', '=', userId)]));
  return filter.status ? qb.where('status', '=', filter.status) : qb;
}
