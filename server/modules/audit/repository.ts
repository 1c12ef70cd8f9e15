import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';

/** The audit log with the name of each entry's actor (staff or user). */
export function auditEntries(db: Executor) {
  return db
    .selectFrom('audit_log')
    .leftJoin('staff', (j) =>
      j.onRef('staff.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'staff'),
    )
    .leftJoin('users', (j) =>
      j.onRef('users.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'user'),
    )
    .select([
      'audit_log.id',
      'audit_log.at',
      ...camel('audit_log.actor_type', 'audit_log.actor_id', 'audit_log.actor_role'),
      sql<string | null>`coalesce(staff.name, users.name)`.as('actorName'),
      'audit_log.action',
      ...camel('audit_log.subject_type', 'audit_log.subject_id'),
      'audit_log.reason',
      'audit_log.before',
      'audit_log.after',
      ...camel('audit_log.request_id'),
    ]);
}
