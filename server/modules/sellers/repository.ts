import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';
import type { Clock } from '../../time/clock.js';
import { kindOf, queueColumns } from '../queues/registry.js';

/** Seller applications as staff read them (the queue and one application), with the applicant. */
export function staffApplications(db: Executor, clock: Clock) {
  return (
    db
      .selectFrom('seller_applications')
      // Left joins on not-null foreign keys: the same rows, and the list's count drops them (issue #15).
      .leftJoin('users', 'users.id', 'seller_applications.user_id')
      .select([
        'seller_applications.id',
        ...camel('seller_applications.user_id'),
        'users.name as userName',
        'users.email as userEmail',
        'seller_applications.status',
        'seller_applications.skills',
        'seller_applications.experience',
        'seller_applications.education',
        'seller_applications.portfolio',
        'seller_applications.about',
        ...camel(
          'seller_applications.submitted_at',
          'seller_applications.sla_due_at',
          'seller_applications.decided_at',
          'seller_applications.decision_reason',
        ),
        ...queueColumns(kindOf('seller-applications')),
        sql<boolean>`seller_applications.status = 'submitted' and seller_applications.sla_due_at <
        ${clock.now()}`.as('overdue'),
      ])
  );
}

/** The user's latest seller application, if any. */
export async function currentApplicationOf(db: Executor, userId: number) {
  return db
    .selectFrom('seller_applications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** What staff weigh about an applicant: account, verifications and history as a buyer. */
export async function applicantOf(db: Executor, userId: number) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'name',
      'email',
      'username',
      'status',
      'country',
      'bio',
      ...camel('created_at', 'activated_at', 'identity_verified_at', 'phone_verified_at'),
      sql<number>`(select count(*)::int from orders o where o.buyer_id = users.id)`.as('ordersAsBuyer'),
      sql<number>`(select count(*)::int from orders o where o.buyer_id = users.id and
      o.status = 'completed')`.as('completedAsBuyer'),
      sql<number>`(select count(*)::int from warnings w where w.user_id = users.id)`.as('warnings'),
      sql<number>`(select count(*)::int from reports r where r.subject_user_id = users.id)`.as(
        'reportsAgainst',
      ),
    ])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** The applicant's other applications, newest first. */
export async function earlierApplicationsOf(db: Executor, userId: number, exceptId: number) {
  return db
    .selectFrom('seller_applications')
    .select(['id', 'status', ...camel('submitted_at', 'decision_reason')])
    .where('user_id', '=', userId)
    .where('id', '<>', exceptId)
    .orderBy('id', 'desc')
    .execute();
}
