import { sql } from 'kysely';
import type { Executor, SellerLevel } from '../../../db/schema.js';
import type { Settings } from '../settings/rules.js';

export interface SellerMetrics {
  completed: number;
  cancelled: number;
  completionBp: number;
  ratingX100: number | null;
  onTimeBp: number;
  recentWarnings: number;
}

/**
 * SEL-4: the level a seller's last-window metrics earn. `top_rated` is granted by hand
 * only and never changed here. A recent warning blocks promotion.
 */
export function levelFor(
  current: SellerLevel,
  m: SellerMetrics,
  s: Pick<
    Settings,
    | 'level1_min_completed_orders'
    | 'level1_min_completion_bp'
    | 'level1_min_rating_x100'
    | 'level1_min_on_time_bp'
    | 'level2_min_completed_orders'
    | 'level2_min_completion_bp'
    | 'level2_min_rating_x100'
    | 'level2_min_on_time_bp'
  >,
): SellerLevel {
  if (current === 'top_rated') return current;
  const meets = (orders: number, completionBp: number, ratingX100: number, onTimeBp: number) =>
    m.completed >= orders &&
    m.completionBp >= completionBp &&
    (m.ratingX100 ?? 0) >= ratingX100 &&
    m.onTimeBp >= onTimeBp &&
    m.recentWarnings === 0;
  if (
    meets(
      s.level2_min_completed_orders,
      s.level2_min_completion_bp,
      s.level2_min_rating_x100,
      s.level2_min_on_time_bp,
    )
  )
    return 'level_2';
  if (
    meets(
      s.level1_min_completed_orders,
      s.level1_min_completion_bp,
      s.level1_min_rating_x100,
      s.level1_min_on_time_bp,
    )
  )
    return 'level_1';
  return 'new';
}

/**
 * SEL-4, SEL-5: a seller's metrics over the window; cancellations support recorded as not the seller's fault
 * do not count.
 */
export async function sellerMetrics(
  db: Executor,
  sellerId: number,
  now: Date,
  windowDays: number,
): Promise<SellerMetrics> {
  const since = new Date(now.getTime() - windowDays * 86_400_000);
  const {
    rows: [o],
  } = await sql<{ completed: number; cancelled: number; on_time: number }>`
    select count(*) filter (where status = 'completed' and completed_at > ${since})::int as completed,
           count(*) filter (where status = 'cancelled' and cancelled_at > ${since} and
             coalesce(cancellation_fault, '') <> 'not_seller_fault')::int as cancelled,
           count(*) filter (where status = 'completed' and completed_at > ${since} and (due_at
             is null or delivered_at <= due_at))::int as on_time
    from orders where seller_id = ${sellerId}`.execute(db);
  const {
    rows: [r],
  } = await sql<{ avg: number | null }>`
    select round(avg((communication + as_described + recommend) * 100.0 / 3))::int as avg from reviews
      r join orders o on o.id = r.order_id
    where r.subject_id = ${sellerId} and r.author_role = 'buyer' and r.removed_at is null and
      o.completed_at > ${since}`.execute(db);
  const {
    rows: [w],
  } = await sql<{
    n: number;
  }>`select count(*)::int as n from warnings where user_id = ${sellerId} and issued_at > ${since}`.execute(
    db,
  );
  const done = o!.completed + o!.cancelled;
  return {
    completed: o!.completed,
    cancelled: o!.cancelled,
    completionBp: done ? Math.floor((o!.completed * 10_000) / done) : 0,
    ratingX100: r!.avg,
    onTimeBp: o!.completed ? Math.floor((o!.on_time * 10_000) / o!.completed) : 0,
    recentWarnings: w!.n,
  };
}

import { settingsAt } from '../settings/repository.js';
import { audit, type Actor } from '../audit/audit.js';
import { scheduleJob } from '../../jobs/jobs.js';
import { nextDailyAt } from '../../time/business-days.js';
import { notify, type NotifyContext } from '../../notifications/templates.js';

export const JOB_SELLER_LEVELS = 'sellers.recompute-levels';

/** SEL-4: recompute every seller's level from their metrics; each change audited and told to the seller. */
/** Runs in the caller's transaction (the route's or the scheduler job's). */
export async function recomputeLevels(db: Executor, ctx: NotifyContext, actor: Actor) {
  const clock = ctx.clock;
  const now = clock.now();
  const s = await settingsAt(db, now);
  const sellers = await db
    .selectFrom('users')
    .select(['id', 'seller_level'])
    .where('is_seller', '=', true)
    .where('status', 'in', ['active', 'suspended'])
    .execute();
  const changes = [];
  for (const seller of sellers) {
    const m = await sellerMetrics(db, seller.id, now, s.level_window_days);
    const level = levelFor(seller.seller_level, m, s);
    if (level === seller.seller_level) continue;
    await db
      .updateTable('users')
      .set({ seller_level: level })
      .where('id', '=', seller.id)
      .where('seller_level', '=', seller.seller_level)
      .execute();
    await audit(db, clock, {
      actor,
      action: 'seller.level',
      subjectType: 'user',
      subjectId: seller.id,
      reason: `metrics over ${s.level_window_days} days (SEL-4)`,
      before: { level: seller.seller_level },
      after: { level, metrics: m },
    });
    await notify(db, ctx, {
      userId: seller.id,
      kind: 'seller.level',
      params: {
        level,
        previous: seller.seller_level,
        windowDays: s.level_window_days,
      },
    });
    changes.push({ sellerId: seller.id, from: seller.seller_level, to: level, metrics: m });
  }
  return { sellers: sellers.length, changes };
}

/** The daily job: recompute, then schedule tomorrow's run (one per day, deduplicated). */
export async function scheduleNextLevelsRun(db: Executor, now: Date): Promise<void> {
  const next = nextDailyAt(now, 17); // 00:00 in Jakarta
  await scheduleJob(db, now, {
    kind: JOB_SELLER_LEVELS,
    runAt: next,
    dedupeKey: `levels:${next.toISOString().slice(0, 10)}`,
  });
}
