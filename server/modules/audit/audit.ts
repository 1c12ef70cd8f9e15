import type { Executor, StaffRole } from '../../../db/schema.js';
import type { Clock } from '../../time/clock.js';

/** Who did something: a staff member, an end user, or the scheduler. */
export type Actor =
  { type: 'staff'; id: number; role: StaffRole } | { type: 'user'; id: number } | { type: 'system' };

export const systemActor: Actor = { type: 'system' };

export interface AuditEntry {
  actor: Actor;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/**
 * OPS-3: one append-only row per action, written with the caller's executor so it
 * commits or rolls back with the action itself. The table refuses UPDATE and DELETE.
 */
export async function audit(db: Executor, clock: Clock, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: clock.now(),
      actor_type: entry.actor.type,
      actor_id: entry.actor.type === 'system' ? null : entry.actor.id,
      actor_role: entry.actor.type === 'staff' ? entry.actor.role : null,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId == null ? null : String(entry.subjectId),
      reason: entry.reason ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: entry.requestId ?? null,
    })
    .execute();
}
