import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Database, Staff } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { hashPassword, passwordSchema, passwordWeakness, verifyPassword } from '../../auth/passwords.js';
import { enqueue } from '../outbox/outbox.js';
import { audit, type Actor } from '../audit/audit.js';
import { settingsAt } from '../settings/repository.js';
import { consumeLinkToken, issueLinkToken, peekLinkToken, supersedeTokens } from '../accounts/tokens.js';
import { endStaffSessions } from './second-factor.js';

export const JOB_STAFF_PASSWORD_RESET = 'staff.password-reset-request';

/** The job behind a staff reset request: a link to an active staff account, if there is one. */
export async function sendStaffPasswordReset(ctx: AppContext, trx: Transaction<Database>, email: string) {
  const staff = await trx
    .selectFrom('staff')
    .selectAll()
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .where('active', '=', true)
    .executeTakeFirst();
  if (!staff) return;
  const now = ctx.clock.now();
  const { password_reset_minutes: minutes } = await settingsAt(trx, now);
  const token = await issueLinkToken(
    trx,
    { staffId: staff.id },
    { purpose: 'password_reset', now, ttlMs: minutes * 60_000 },
  );
  // Staff read the console in English; the link opens the console's reset page.
  await enqueue(trx, ctx.clock, {
    kind: 'staff.password-reset',
    to: staff.email,
    subject: 'Reset your Pasar console password',
    text:
      `Hi ${staff.name},\n\nChoose a new console password within ${minutes} ` +
      `minutes with this link; it works` +
      (` once:\n${ctx.config.publicUrl}/#/reset-password?token=${token}\n\nIf ` +
        `this was not you, tell an admin.`) +
      ' Your second factor is not changed by a password reset.\n\n— Pasar',
    payload: { staffId: staff.id },
  });
  await audit(trx, ctx.clock, {
    actor: { type: 'staff', id: staff.id, role: staff.role },
    action: 'staff.password-reset-request',
    subjectType: 'staff',
    subjectId: staff.id,
  });
}

/** A staff reset link sets a new password (12 characters at least), once; every session of theirs ends. */
export async function confirmStaffPasswordReset(ctx: AppContext, token: string, password: string) {
  const peek = await peekLinkToken(ctx.db, 'password_reset', token);
  if (peek?.staff_id) {
    const owner = await ctx.db
      .selectFrom('staff')
      .select(['name', 'email'])
      .where('id', '=', peek.staff_id)
      .executeTakeFirstOrThrow();
    const weakness = passwordWeakness(password, owner, { staff: true });
    if (weakness) throw problems.validation([{ field: 'body.password', message: weakness }]);
  }
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const row = await consumeLinkToken(trx, 'password_reset', token, now);
    if (!row.staff_id)
      throw problems.unprocessable('link-invalid', 'Invalid link', 'This link is not valid.');
    const staffId = row.staff_id;
    const staff = await trx
      .updateTable('staff')
      .set({ password_hash: passwordHash })
      .where('id', '=', staffId)
      .returning(['id', 'role'])
      .executeTakeFirstOrThrow();
    await endStaffSessions(trx, staffId);
    await supersedeTokens(trx, { staffId }, now);
    await audit(trx, ctx.clock, {
      actor: { type: 'staff', id: staff.id, role: staff.role },
      action: 'staff.password-reset',
      subjectType: 'staff',
      subjectId: staffId,
    });
  });
}

export const staffPasswordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});

/** A staff member changes their own password with the current one; their other sessions end. */
export async function changeOwnStaffPassword(
  ctx: AppContext,
  staff: Staff,
  sid: string,
  input: z.infer<typeof staffPasswordChangeSchema>,
) {
  if (!(await verifyPassword(staff.password_hash, input.currentPassword)))
    throw new Problem({
      status: 403,
      slug: 'current-password-wrong',
      title: 'Current password wrong',
      detail: 'The current password is not right.',
    });
  const weakness = passwordWeakness(input.newPassword, staff, { staff: true });
  if (weakness) throw problems.validation([{ field: 'body.newPassword', message: weakness }]);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('staff').set({ password_hash: passwordHash }).where('id', '=', staff.id).execute();
    await endStaffSessions(trx, staff.id, sid);
    await audit(trx, ctx.clock, {
      actor: { type: 'staff', id: staff.id, role: staff.role },
      action: 'staff.password-change',
      subjectType: 'staff',
      subjectId: staff.id,
      after: { otherSessionsEnded: true },
    });
  });
}

/** OPS-7: a staff member's live sessions (those within the idle and absolute limits). */
export async function staffSessions(ctx: AppContext, staffId: number, currentSid?: string) {
  const now = ctx.authClock.now();
  const s = await settingsAt(ctx.db, ctx.clock.now());
  const rows = await ctx.db
    .selectFrom('staff_sessions')
    .select(['id', 'sid', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
    .where('staff_id', '=', staffId)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', new Date(now.getTime() - s.staff_idle_minutes * 60_000))
    .where('created_at', '>', new Date(now.getTime() - s.staff_session_hours * 3_600_000))
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.sid === currentSid,
  }));
}

/** Ends one session of a staff member's own (404 for anyone else's). */
export async function endOwnStaffSession(ctx: AppContext, staff: Staff, sessionId: number): Promise<string> {
  const r = await ctx.db
    .deleteFrom('staff_sessions')
    .where('id', '=', sessionId)
    .where('staff_id', '=', staff.id)
    .returning('sid')
    .executeTakeFirst();
  if (!r) throw problems.notFound('session');
  return r.sid;
}

/** OPS-7: an admin ends every session of any staff member, with a reason (audited). */
export async function endSessionsOf(
  ctx: AppContext,
  actor: Actor & { type: 'staff' },
  r: { staffId: number; reason: string; requestId?: string },
) {
  const { staffId, reason, requestId } = r;
  await ctx.db.transaction().execute(async (trx) => {
    const staff = await trx.selectFrom('staff').select('id').where('id', '=', staffId).executeTakeFirst();
    if (!staff) throw problems.notFound('staff member');
    await endStaffSessions(trx, staffId);
    await audit(trx, ctx.clock, {
      actor,
      action: 'staff.sessions-end',
      subjectType: 'staff',
      subjectId: staffId,
      reason,
      requestId,
    });
  });
}
