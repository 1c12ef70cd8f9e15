import { sql, type Transaction } from 'kysely';
import type { Database, Executor } from '../../../db/schema.js';
import { kindOf, queueColumns } from '../queues/registry.js';
import { camel } from '../../http/camel.js';
import { z } from 'zod';
import { filters, type ListSpec } from '../../http/list.js';
import { idValue } from '../../http/schemas.js';
import type { Clock } from '../../time/clock.js';

export const documentColumns = [
  'id',
  'purpose',
  'filename',
  'content_type as contentType',
  'size',
  'created_at as createdAt',
] as const;

export function portfolioFilesOf(db: Executor, sellerApplicationId: number) {
  return db
    .selectFrom('user_documents')
    .select([...documentColumns])
    .where('seller_application_id', '=', sellerApplicationId)
    .orderBy('id')
    .execute();
}

/** The identity checks queue: the user, the decision and the two photos as document ids. */
export function identityChecksQuery(db: Executor, now: Date) {
  return (
    db
      .selectFrom('identity_checks')
      // Left joins on not-null foreign keys: the same rows, and the list's count drops them (issue #15).
      .leftJoin('users', 'users.id', 'identity_checks.user_id')
      .leftJoin('staff', 'staff.id', 'identity_checks.decided_by')
      .select([
        'identity_checks.id',
        ...camel('identity_checks.user_id'),
        'users.name as userName',
        'users.email as userEmail',
        ...camel('users.is_seller'),
        'users.status as accountStatus',
        'users.created_at as userSince',
        'identity_checks.status',
        ...camel(
          'identity_checks.sla_due_at',
          'identity_checks.submitted_at',
          'identity_checks.decided_at',
          'identity_checks.decision_reason',
        ),
        ...queueColumns(kindOf('identity-checks')),
        'staff.name as decidedByName',
        sql<boolean>`identity_checks.status = 'submitted' and identity_checks.sla_due_at < ${now}`.as(
          'overdue',
        ),
        sql<number | null>`(select d.id from user_documents d
        where d.identity_check_id = identity_checks.id and d.purpose = 'id_photo' order by d.id limit 1)`.as(
          'idPhotoId',
        ),
        sql<number | null>`(select d.id from user_documents d
        where d.identity_check_id = identity_checks.id and d.purpose = 'selfie' order by d.id limit 1)`.as(
          'selfieId',
        ),
      ])
  );
}

export function earlierChecksOf(db: Executor, userId: number, exceptId: number) {
  return db
    .selectFrom('identity_checks')
    .select(['id', 'status', ...camel('submitted_at', 'decision_reason')])
    .where('user_id', '=', userId)
    .where('id', '<>', exceptId)
    .orderBy('id', 'desc')
    .execute();
}

export function latestCheckOf(db: Executor, userId: number) {
  return db
    .selectFrom('identity_checks')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function lockCheck(trx: Transaction<Database>, id: number) {
  return trx
    .selectFrom('identity_checks')
    .selectAll()
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export function findDocument(db: Executor, id: number) {
  return db.selectFrom('user_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

export function latestApplicationOf(db: Executor, userId: number) {
  return db
    .selectFrom('seller_applications')
    .select(['id', 'status'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The identity check queue: filters and sorts, the soonest SLA first. */
export const identityCheckListSpec = (clock: Clock): ListSpec => ({
  resource: 'identity-checks',
  idColumn: 'identity_checks.id',
  defaultSort: ['slaDueAt', 'ASC'],
  sortable: {
    id: 'identity_checks.id',
    slaDueAt: 'identity_checks.sla_due_at',
    submittedAt: 'identity_checks.submitted_at',
  },
  filters: {
    status: filters.oneOf('identity_checks.status', z.enum(['submitted', 'approved', 'rejected'])),
    overdue: {
      schema: z.boolean(),
      apply: (qb, v: boolean) =>
        qb.where(
          sql<boolean>`(identity_checks.status = 'submitted' and identity_checks.sla_due_at
            < ${clock.now()}) =
             ${v}`,
        ),
    },
    assignedTo: filters.equals('identity_checks.assigned_to', idValue),
    q: filters.find({ users: ['identity_checks.user_id'], ids: ['identity_checks.id'] }),
    userId: filters.equals('identity_checks.user_id', idValue),
  },
});
