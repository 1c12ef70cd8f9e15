import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database, Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';

/** A service as the API shows it, with its seller's public name and level. */
export function servicesQuery(db: Executor) {
  return db
    .selectFrom('services')
    .innerJoin('users', 'users.id', 'services.seller_id')
    .select([
      'services.id',
      ...camel('services.seller_id'),
      'users.name as sellerName',
      'users.username as sellerUsername',
      ...camel('users.seller_level'),
      'services.title',
      'services.description',
      'services.category',
      'services.price',
      ...camel('services.delivery_days'),
      'services.revisions',
      'services.active',
      'services.status',
      'services.moderation',
      ...camel('services.created_at'),
    ]);
}

/** CAT-1: what buyers see: on sale, and approved or in review under post-moderation; never rejected. */
export const VISIBLE_SQL = sql<boolean>`services.active and (services.status = 'approved' or
  (services.status = 'in_review' and services.moderation = 'post'))`;

export function findServiceView(db: Executor, id: number) {
  return servicesQuery(db).where('services.id', '=', id).executeTakeFirst();
}

/**
 * CAT-1, CAT-2: a seller's own services with their review state, the reason of a rejection, and the open
 * review's SLA.
 */
interface PendingEdit {
  title: string;
  description: string;
  category: string;
  price: number;
}

export function sellerServices(db: Executor, sellerId: number) {
  return servicesQuery(db)
    .leftJoin('service_reviews as open_review', (j) =>
      j.onRef('open_review.service_id', '=', 'services.id').on('open_review.status', '=', 'open'),
    )
    .select([
      VISIBLE_SQL.as('visible'),
      ...camel('services.rejection_code', 'services.rejection_reason', 'services.reviewed_at'),
      'open_review.id as reviewId',
      'open_review.sla_due_at as reviewDueAt',
      // CAT-1: an approved service's open review is an edit waiting for approval while the approved text
      // sells.
      sql<PendingEdit | null>`case when services.status = 'approved' then open_review.snapshot end`.as(
        'pendingEdit',
      ),
    ])
    .where('services.seller_id', '=', sellerId)
    .orderBy('services.id', 'desc');
}

export function lockService(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('services').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

/** A buyer's own projects, or the open ones sellers may send proposals to. */
export function listProjects(db: Executor, filter: { buyerId?: number; category?: string }) {
  let qb = db
    .selectFrom('projects')
    .select([
      'id',
      ...camel('buyer_id'),
      'title',
      'description',
      'category',
      'budget',
      'status',
      ...camel('created_at'),
    ])
    .orderBy('id', 'desc')
    .limit(100);
  qb =
    filter.buyerId !== undefined
      ? qb.where('buyer_id', '=', filter.buyerId)
      : qb.where('status', '=', 'open');
  if (filter.category) qb = qb.where('category', '=', filter.category);
  return qb.execute();
}

export function proposalsOf(db: Executor, projectIds: number[]) {
  return db
    .selectFrom('proposals')
    .innerJoin('users', 'users.id', 'proposals.seller_id')
    .select([
      'proposals.id',
      ...camel('proposals.project_id', 'proposals.seller_id'),
      'users.name as sellerName',
      'proposals.message',
      'proposals.milestones',
      'proposals.price',
      ...camel('proposals.delivery_days'),
      'proposals.revisions',
      'proposals.status',
      ...camel('proposals.created_at'),
    ])
    .where('proposals.project_id', 'in', projectIds)
    .orderBy('proposals.id')
    .execute();
}

export function findProject(db: Executor, id: number) {
  return db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockProject(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('projects').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

export function lockProposal(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('proposals').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

export function findProposalBy(db: Executor, projectId: number, sellerId: number) {
  return db
    .selectFrom('proposals')
    .select('id')
    .where('project_id', '=', projectId)
    .where('seller_id', '=', sellerId)
    .executeTakeFirst();
}
