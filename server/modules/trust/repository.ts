import type { Executor } from '../../../db/schema.js';

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
      'warnings.level_before as levelBefore',
      'warnings.level_after as levelAfter',
      'warnings.suspended_until as suspendedUntil',
      'warnings.evidence',
      'staff.name as issuedBy',
      'warnings.issued_at as issuedAt',
    ])
    .where('warnings.user_id', '=', userId)
    .orderBy('warnings.id', 'desc')
    .execute();
