import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, StaffRole } from '../../../db/schema.js';
import { STAFF_ROLES } from '../../../db/schema.js';
import type { Clock } from '../../time/clock.js';
import { hashPassword, passwordSchema, refusePasswordWeakness } from '../../auth/passwords.js';
import { problems } from '../../http/problem.js';
import { audit, type Actor } from '../audit/audit.js';
import { setLastLogin } from './repository.js';

export const staffRole = z.enum(STAFF_ROLES as [StaffRole, ...StaffRole[]]);

export const newStaffSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    name: z.string().trim().min(1).max(120),
    role: staffRole,
    password: passwordSchema,
  })
  .superRefine((v, ctx) =>
    refusePasswordWeakness(ctx, { password: v.password, owner: v, path: 'password', staff: true }),
  );
export type NewStaff = z.infer<typeof newStaffSchema>;

export async function createStaff(
  db: Kysely<Database>,
  clock: Clock,
  { actor, input, requestId }: { actor: Actor; input: NewStaff; requestId?: string },
) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('staff')
      .select('id')
      .where(sql`lower(email)`, '=', input.email.toLowerCase())
      .executeTakeFirst();
    if (taken)
      throw problems.conflict(
        'staff-email-taken',
        'Email already used',
        `A staff account with ${input.email} exists.`,
        { errors: [{ field: 'body.email', message: 'already used by a staff account' }] },
      );
    const staff = await trx
      .insertInto('staff')
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        password_hash: passwordHash,
        created_at: clock.now(),
        last_login_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, clock, {
      actor,
      action: 'staff.create',
      subjectType: 'staff',
      subjectId: staff.id,
      after: { email: staff.email, name: staff.name, role: staff.role },
      requestId,
    });
    return staff;
  });
}

export const staffChangeSchema = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    role: staffRole.optional(),
    active: z.boolean().optional(),
    password: passwordSchema.optional(),
    reason: z.string().trim().min(3).max(2000),
  })
  .superRefine((v, ctx) =>
    refusePasswordWeakness(ctx, { password: v.password, owner: v, path: 'password', staff: true }),
  );

export async function changeStaff(
  db: Kysely<Database>,
  clock: Clock,
  edit: {
    actor: Actor & { type: 'staff' };
    id: number;
    change: z.infer<typeof staffChangeSchema>;
    requestId?: string;
  },
) {
  const { actor, id, change, requestId } = edit;
  const passwordHash = change.password ? await hashPassword(change.password) : undefined;
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('staff')
      .selectAll()
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!before) throw problems.notFound('staff member');
    if (before.id === actor.id && (change.active === false || (change.role && change.role !== 'admin'))) {
      throw problems.unprocessable(
        'staff-self-lockout',
        'You cannot lock yourself out',
        'An admin cannot deactivate themselves or drop their own admin role; ask another admin.',
      );
    }
    const set = {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.active !== undefined ? { active: change.active } : {}),
      ...(passwordHash ? { password_hash: passwordHash } : {}),
    };
    // Nothing to change is a no-op: nothing written, nothing audited.
    if (Object.keys(set).length === 0) return before;
    const after = await trx
      .updateTable('staff')
      .set(set)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (change.active === false) {
      // A deactivated staff member's open sessions end now.
      await trx
        .deleteFrom('staff_sessions')
        .where(sql`sess->'passport'->>'user'`, '=', String(id))
        .execute();
    }
    const view = (s: typeof before) => ({ name: s.name, role: s.role, active: s.active });
    await audit(trx, clock, {
      actor,
      action: 'staff.change',
      subjectType: 'staff',
      subjectId: id,
      reason: change.reason,
      before: view(before),
      after: { ...view(after), ...(passwordHash ? { password: 'reset' } : {}) },
      requestId,
    });
    return after;
  });
}

/** A staff member signed in: the time on their account and an audit row (OPS-3), in one transaction. */
export async function recordStaffLogin(
  db: Kysely<Database>,
  clock: Clock,
  login: {
    staff: { id: number; role: StaffRole };
    requestId: string;
    /** How the staff member proved it: `password`, `totp` or `recovery-code` (OPS-7). */
    how?: string;
  },
): Promise<Date> {
  const { staff, requestId, how = 'password' } = login;
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await setLastLogin(trx, staff.id, now);
    await audit(trx, clock, {
      actor: { type: 'staff', id: staff.id, role: staff.role },
      action: 'staff.login',
      subjectType: 'staff',
      subjectId: staff.id,
      after: { with: how },
      requestId,
    });
  });
  return now;
}
