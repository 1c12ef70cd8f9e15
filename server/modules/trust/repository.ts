import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import { filters, type ListSpec } from '../../http/list.js';
import { camel } from '../../http/camel.js';

/** Every warning of a user, newest first; expired ones stay on record (WRN-11). */
export const warningsOf = (db: Executor, userId: number) =>
  db
    .selectFrom('warnings')
    .leftJoin('staff', 'staff.id', 'warnings.issued_by')
    .select([
      'warnings.id',
      'warnings.type',
      'warnings.severe',
      'warnings.reason',
      'warnings.consequence',
      ...camel('warnings.level_before', 'warnings.level_after', 'warnings.suspended_until'),
      'warnings.evidence',
      'staff.name as issuedBy',
      ...camel('warnings.issued_at'),
    ])
    .where('warnings.user_id', '=', userId)
    .orderBy('warnings.id', 'desc')
    .execute();

/** A user's own warnings, newest first (WRN-1, SUP-7), for a page of them. */
export const myWarnings = (db: Executor, userId: number) =>
  db
    .selectFrom('warnings')
    .select([
      'id',
      'type',
      'severe',
      'consequence',
      'reason',
      ...camel('issued_at', 'suspended_until', 'level_before', 'level_after'),
    ])
    .where('user_id', '=', userId)
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc');

/** A column of the user's latest warning that suspended them. */
const lastSuspension = (column: 'type' | 'reason') =>
  sql<string | null>`(select ${sql.ref(`w.${column}`)} from warnings w
    where w.user_id = users.id and w.consequence = 'suspension' order by w.id desc limit 1)`;

/** Active suspensions with the warning that caused each (WRN-4, WRN-6). */
export const activeSuspensions = (db: Executor) =>
  db
    .selectFrom('users')
    .select([
      'users.id',
      'users.name',
      'users.email',
      ...camel('users.is_seller', 'users.seller_level', 'users.suspended_until'),
      lastSuspension('type').as('warningType'),
      lastSuspension('reason').as('warningReason'),
    ])
    .where('users.status', '=', 'suspended');

export const SUSPENSION_LIST: ListSpec = {
  resource: 'suspensions',
  idColumn: 'users.id',
  defaultSort: ['suspendedUntil', 'ASC'],
  sortable: { id: 'users.id', suspendedUntil: 'users.suspended_until', name: 'users.name' },
  filters: { q: filters.find({ users: ['users.id'], ids: ['users.id'] }) },
};
