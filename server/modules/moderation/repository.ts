import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';
import { filters, type ListSpec } from '../../http/list.js';
import { idValue } from '../../http/schemas.js';
import type { Clock } from '../../time/clock.js';

/** The service review queue. */
export const reviewSpec: ListSpec = {
  resource: 'service-reviews',
  idColumn: 'service_reviews.id',
  // OPS-2, CAT-3: open items first, flagged ones (contact details found) above the rest, then the oldest SLA.
  defaultSort: ['priority', 'ASC'],
  sortable: {
    priority: sql`array[(case when service_reviews.status = 'open' then 0 else 1 end)::numeric,
      (case when service_reviews.flags > 0 then 0 else 1 end)::numeric,
      extract(epoch from service_reviews.sla_due_at)::numeric]`,
    id: 'service_reviews.id',
    slaDueAt: 'service_reviews.sla_due_at',
    createdAt: 'service_reviews.created_at',
    flags: 'service_reviews.flags',
  },
  filters: {
    status: filters.oneOf('service_reviews.status', z.enum(['open', 'approved', 'rejected'])),
    moderation: filters.equals('service_reviews.moderation', z.enum(['pre', 'post'])),
    sellerId: filters.equals('service_reviews.seller_id', idValue),
    serviceId: filters.equals('service_reviews.service_id', idValue),
    assignedTo: filters.equals('service_reviews.assigned_to', idValue),
    q: filters.search('services.title', 'users.name', 'users.username'),
  },
};

/** The content flag queue. */
export const flagSpec: ListSpec = {
  resource: 'content-flags',
  idColumn: 'content_flags.id',
  defaultSort: ['priority', 'ASC'],
  sortable: {
    priority: sql`array[(case when content_flags.status = 'open' then 0 else 1 end)::numeric,
      extract(epoch from content_flags.created_at)::numeric]`,
    id: 'content_flags.id',
    createdAt: 'content_flags.created_at',
  },
  filters: {
    status: filters.oneOf('content_flags.status', z.enum(['open', 'dismissed', 'warned'])),
    subjectType: filters.oneOf('content_flags.subject_type', z.enum(['service', 'proposal', 'message'])),
    userId: filters.equals('content_flags.user_id', idValue),
    serviceReviewId: filters.equals('content_flags.service_review_id', idValue),
  },
};

/** Service reviews as staff read them, with the seller, the service and who holds the review. */
export function serviceReviews(db: Executor, clock: Clock) {
  return (
    db
      .selectFrom('service_reviews')
      // Left joins on not-null foreign keys: the same rows, and the list's count drops them (issue #15).
      .leftJoin('services', 'services.id', 'service_reviews.service_id')
      .leftJoin('users', 'users.id', 'service_reviews.seller_id')
      .leftJoin('staff', 'staff.id', 'service_reviews.assigned_to')
      .select([
        'service_reviews.id',
        ...camel('service_reviews.service_id', 'service_reviews.seller_id'),
        'users.name as sellerName',
        'users.username as sellerUsername',
        ...camel('users.seller_level'),
        'service_reviews.kind',
        'service_reviews.moderation',
        'service_reviews.snapshot',
        'service_reviews.changed',
        'service_reviews.flags',
        'service_reviews.status',
        'services.status as serviceStatus',
        'services.title',
        ...camel('service_reviews.sla_due_at', 'service_reviews.assigned_to'),
        'staff.name as assignedName',
        ...camel(
          'service_reviews.reason_code',
          'service_reviews.decision_reason',
          'service_reviews.decided_at',
          'service_reviews.created_at',
          'service_reviews.updated_at',
        ),
        sql<boolean>`service_reviews.status = 'open' and service_reviews.sla_due_at < ${clock.now()}`.as(
          'overdue',
        ),
      ])
  );
}

/** Content flags as staff read them, with the flagged user's name. */
export function contentFlags(db: Executor) {
  return (
    db
      .selectFrom('content_flags')
      // Left joins on not-null foreign keys: the same rows, and the list's count drops them (issue #15).
      .leftJoin('users', 'users.id', 'content_flags.user_id')
      .select([
        'content_flags.id',
        ...camel('content_flags.subject_type', 'content_flags.subject_id', 'content_flags.user_id'),
        'users.name as userName',
        ...camel('content_flags.order_id', 'content_flags.service_review_id'),
        'content_flags.field',
        'content_flags.text',
        'content_flags.matches',
        'content_flags.status',
        ...camel('content_flags.decision_reason', 'content_flags.decided_at', 'content_flags.created_at'),
      ])
  );
}
