import { sql, type RawBuilder } from 'kysely';
import type { Executor, SellerLevel } from '../../../db/schema.js';
import type { Settings } from '../settings/rules.js';

/**
 * CAT-4: search ranks services by text relevance (PostgreSQL full text, which PGlite runs too) combined with
 * the seller's performance over the level window: completion rate (cancellations support recorded as not the
 * seller's fault do not count, SEL-5), rating, on-time rate and level; each active warning (WRN-11 window)
 * takes points off. The weights are policy settings (basis points); `score` = Σ weight × part / 10000.
 */
export interface ServiceSearch {
  q?: string;
  category?: string;
  sellerId?: number;
  minPrice?: number;
  maxPrice?: number;
  maxDeliveryDays?: number;
  levels?: SellerLevel[];
  minRating?: number;
  sort: 'relevance' | 'newest' | 'price_asc' | 'price_desc' | 'rating';
  page: number;
  perPage: number;
}

export type Weights = Pick<
  Settings,
  | 'search_weight_relevance_bp'
  | 'search_weight_completion_bp'
  | 'search_weight_rating_bp'
  | 'search_weight_on_time_bp'
  | 'search_weight_level_bp'
  | 'search_warning_penalty_bp'
  | 'level_window_days'
  | 'warning_count_days'
  | 'review_window_days'
>;

export interface ScoreParts {
  relevance: number;
  completion: number;
  rating: number;
  onTime: number;
  level: number;
  warnings: number;
}

/** Each part with its weight and the points it brings; the points add up to the score. */
export function explainScore(p: ScoreParts, w: Weights) {
  const part = (value: number, weight: number) => ({ value, weight, points: (value * weight) / 10_000 });
  const parts = {
    relevance: part(p.relevance, w.search_weight_relevance_bp),
    completion: part(p.completion, w.search_weight_completion_bp),
    rating: part(p.rating, w.search_weight_rating_bp),
    onTime: part(p.onTime, w.search_weight_on_time_bp),
    level: part(p.level, w.search_weight_level_bp),
    warnings: {
      value: p.warnings,
      weight: -w.search_warning_penalty_bp,
      points: p.warnings ? -(p.warnings * w.search_warning_penalty_bp) / 10_000 : 0,
    },
  };
  const score = Object.values(parts).reduce((a, x) => a + x.points, 0);
  return { score, parts };
}

const DAY_MS = 86_400_000;

export interface SearchRow {
  id: number;
  sellerId: number;
  sellerName: string;
  sellerUsername: string;
  sellerLevel: SellerLevel;
  sellerRating: number | null;
  sellerReviews: number;
  title: string;
  description: string;
  category: string;
  price: number;
  deliveryDays: number;
  revisions: number;
  active: boolean;
  status: string;
  moderation: string;
  createdAt: Date;
  relevance: number;
  completion: number;
  rating: number;
  onTime: number;
  level: number;
  warnings: number;
  score: number;
  total: number;
}

export async function searchServices(db: Executor, now: Date, w: Weights, query: ServiceSearch) {
  const since = new Date(now.getTime() - w.level_window_days * DAY_MS);
  const warnSince = new Date(now.getTime() - w.warning_count_days * DAY_MS);
  const revealedBefore = new Date(now.getTime() - w.review_window_days * DAY_MS);
  const tsq = query.q ? sql`websearch_to_tsquery('simple', ${query.q})` : null;
  const where: RawBuilder<unknown>[] = [
    // CAT-1: what buyers see; the seller's account open.
    sql`sv.active and (sv.status = 'approved' or (sv.status = 'in_review' and sv.moderation = 'post'))`,
    sql`u.status = 'active'`,
  ];
  if (tsq) where.push(sql`sv.search @@ ${tsq}`);
  if (query.category) where.push(sql`sv.category = ${query.category}`);
  if (query.sellerId) where.push(sql`sv.seller_id = ${query.sellerId}`);
  if (query.minPrice !== undefined) where.push(sql`sv.price >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) where.push(sql`sv.price <= ${query.maxPrice}`);
  if (query.maxDeliveryDays !== undefined) where.push(sql`sv.delivery_days <= ${query.maxDeliveryDays}`);
  if (query.levels?.length) where.push(sql`u.seller_level in (${sql.join(query.levels)})`);
  const rated =
    query.minRating !== undefined ? sql`where coalesce(pub.rating, 0) >= ${query.minRating}` : sql``;
  const order =
    query.sort === 'price_asc'
      ? sql`price asc, score desc`
      : query.sort === 'price_desc'
        ? sql`price desc, score desc`
        : query.sort === 'newest'
          ? sql`"createdAt" desc`
          : query.sort === 'rating'
            ? sql`"sellerRating" desc nulls last, score desc`
            : sql`score desc`;
  // Issue #14: the score is a sum of per-seller parts and the text relevance, so the parts are computed once
  // per seller (not per matching service), every match is scored from narrow rows, and only the page's rows
  // are joined to their texts.
  const { rows } = await sql<SearchRow>`
    with matching as materialized (
      select sv.id, sv.seller_id, sv.price, sv.created_at, u.seller_level,
             ${tsq ? sql`ts_rank(sv.search, ${tsq}, 32)` : sql`0`}::float8 as relevance
      from services sv join users u on u.id = sv.seller_id
      where ${sql.join(where, sql` and `)}
    ),
    sellers as materialized (select distinct seller_id, seller_level from matching),
    ord as (
      select o.seller_id,
        count(*) filter (where o.status = 'completed' and o.completed_at > ${since})::int as completed,
        count(*) filter (where o.status = 'cancelled' and o.cancelled_at > ${since}
          and coalesce(o.cancellation_fault, '') <> 'not_seller_fault')::int as cancelled,
        count(*) filter (where o.status = 'completed' and o.completed_at > ${since}
          and (o.due_at is null or o.delivered_at <= o.due_at))::int as on_time
      from orders o where o.seller_id in (select seller_id from sellers) group by o.seller_id
    ),
    win as (
      select r.subject_id, avg((r.communication + r.as_described + r.recommend) / 3.0)::float8 as rating
      from reviews r join orders o on o.id = r.order_id
      where r.subject_id in (select seller_id from sellers) and r.author_role = 'buyer'
        and r.removed_at is null and o.completed_at > ${since}
      group by r.subject_id
    ),
    pub as (
      select r.subject_id, round(avg((r.communication + r.as_described + r.recommend) / 3.0),
        1)::float8 as rating,
             count(*)::int as n
      from reviews r join orders o on o.id = r.order_id
      where r.subject_id in (select seller_id from sellers) and r.removed_at is null
        and ((select count(*) from reviews r2 where r2.order_id = r.order_id) >= 2 or
          o.completed_at <= ${revealedBefore})
      group by r.subject_id
    ),
    warn as (
      select user_id, count(*)::int as n from warnings
      where user_id in (select seller_id from sellers) and issued_at > ${warnSince} group by user_id
    ),
    seller_parts as materialized (
      select s.seller_id, pub.rating as seller_rating, coalesce(pub.n, 0) as seller_reviews,
        case when coalesce(ord.completed, 0) + coalesce(ord.cancelled, 0) > 0
          then ord.completed::float8 / (ord.completed + ord.cancelled) else 0 end as completion,
        coalesce(win.rating, 0) / 5.0 as rating,
        case when coalesce(ord.completed, 0) > 0 then ord.on_time::float8 / ord.completed else 0
          end as on_time,
        case s.seller_level when 'level_1' then 1 / 3.0 when 'level_2' then 2 / 3.0 when 'top_rated' then 1.0
          else 0.0 end::float8 as level,
        coalesce(warn.n, 0) as warnings
      from sellers s
      left join ord on ord.seller_id = s.seller_id
      left join win on win.subject_id = s.seller_id
      left join pub on pub.subject_id = s.seller_id
      left join warn on warn.user_id = s.seller_id
      ${rated}
    ),
    page as (
      select m.id, m.relevance, p.*,
        (${w.search_weight_relevance_bp} * m.relevance + ${w.search_weight_completion_bp} * p.completion
          + ${w.search_weight_rating_bp} * p.rating + ${w.search_weight_on_time_bp} * p.on_time
          + ${w.search_weight_level_bp} * p.level - ${w.search_warning_penalty_bp} *
            p.warnings)::float8 / 10000
          as score,
        m.price, m.created_at as "createdAt", p.seller_rating as "sellerRating",
        count(*) over ()::int as total
      from matching m join seller_parts p on p.seller_id = m.seller_id
      order by ${order}, m.id desc
      offset ${(query.page - 1) * query.perPage} limit ${query.perPage}
    )
    select sv.id, sv.seller_id as "sellerId", u.name as "sellerName", u.username as "sellerUsername",
      u.seller_level as "sellerLevel", page.seller_rating as "sellerRating", page.seller_reviews as
        "sellerReviews",
      sv.title, sv.description, sv.category, sv.price, sv.delivery_days as "deliveryDays",
        sv.revisions, sv.active,
      sv.status, sv.moderation, sv.created_at as "createdAt", page.relevance, page.completion, page.rating,
      page.on_time as "onTime", page.level, page.warnings, page.score, page.total
    from page join services sv on sv.id = page.id join users u on u.id = sv.seller_id
    order by ${order}, page.id desc`.execute(db);
  return rows;
}

/**
 * CAT-4: sellers found by name or username, with their public profile: level, rating (revealed reviews,
 * RVW-3), completed orders, disputes they were in (DSP-3), member since.
 */
export async function searchSellers(
  db: Executor,
  s: { now: Date; reviewWindowDays: number; q: string; page: number; perPage: number },
) {
  const { now, reviewWindowDays, q, page, perPage } = s;
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const revealedBefore = new Date(now.getTime() - reviewWindowDays * DAY_MS);
  const { rows } = await sql<{
    id: number;
    name: string;
    username: string;
    bio: string;
    country: string | null;
    sellerLevel: SellerLevel;
    rating: number | null;
    reviewCount: number;
    completedOrders: number;
    disputes: number;
    memberSince: Date;
    total: number;
  }>`
    select u.id, u.name, u.username, u.bio, u.country, u.seller_level as "sellerLevel",
      (select round(avg((r.communication + r.as_described + r.recommend) / 3.0), 1)::float8
         from reviews r join orders o on o.id = r.order_id
         where r.subject_id = u.id and r.removed_at is null
           and ((select count(*) from reviews r2 where r2.order_id = r.order_id) >= 2
                or o.completed_at <= ${revealedBefore})) as rating,
      (select count(*)::int from reviews r join orders o on o.id = r.order_id
         where r.subject_id = u.id and r.removed_at is null
           and ((select count(*) from reviews r2 where r2.order_id = r.order_id) >= 2
                or o.completed_at <= ${revealedBefore})) as "reviewCount",
      (select count(*)::int from orders o where o.seller_id = u.id and o.status = 'completed') as
        "completedOrders",
      (select count(*)::int from disputes d join orders o on o.id = d.order_id
         where o.buyer_id = u.id or o.seller_id = u.id) as disputes,
      u.created_at as "memberSince",
      count(*) over ()::int as total
    from users u
    where u.is_seller and u.status = 'active' and (u.name ilike ${pattern} or u.username ilike ${pattern})
    order by (lower(u.username) = lower(${q})) desc, u.name, u.id
    offset ${(page - 1) * perPage} limit ${perPage}`.execute(db);
  return rows;
}
