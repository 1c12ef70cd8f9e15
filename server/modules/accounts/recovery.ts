import { sql, type Transaction } from 'kysely';
import type { RequestHandler } from 'express';
import type { Database, Executor } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { problems } from '../../http/problem.js';
import { hashPassword, passwordWeakness } from '../../auth/passwords.js';
import { revokeAllTokens } from '../../auth/user-tokens.js';
import type { Limit } from '../../auth/rate-limit.js';
import { scheduleJob } from '../../jobs/jobs.js';
import { notify } from '../../notifications/templates.js';
import { audit, type Actor } from '../audit/audit.js';
import { settingsAt } from '../settings/repository.js';
import { hashLinkToken, issueLinkToken, newLinkToken, peekLinkToken, supersedeTokens } from './tokens.js';
import { consumeLinkToken } from './tokens.js';

export const ACTIVATION_TTL_DAYS = 7;
export const JOB_PASSWORD_RESET = 'account.password-reset-request';
export const JOB_ACTIVATION_RESEND = 'account.activation-resend';

/**
 * Asking for a reset or a new activation mail is public: limited per address asked about (whether or not
 * it has an account, so the limit reveals nothing) and per client address.
 */
export const RECOVERY_LIMITS = {
  perEmail: { limit: 5, windowSeconds: 3600 },
  perIp: { limit: 20, windowSeconds: 3600 },
} satisfies Record<string, Limit>;

export function recoveryLimit(ctx: AppContext, what: string): RequestHandler {
  return async (req, _res, next) => {
    try {
      const ip = await ctx.limiter.hit(`${what}-ip:${req.ip}`, RECOVERY_LIMITS.perIp);
      const raw: unknown = (req.body as { email?: unknown } | undefined)?.email;
      const email = typeof raw === 'string' ? raw.trim().toLowerCase().slice(0, 254) : '';
      const perEmail = email
        ? await ctx.limiter.hit(`${what}-email:${email}`, RECOVERY_LIMITS.perEmail)
        : { exceeded: false, retryAfterSeconds: 0 };
      const hit = ip.exceeded ? ip : perEmail.exceeded ? perEmail : null;
      next(
        hit ? problems.rateLimited(hit.retryAfterSeconds, 'Too many requests. Try again later.') : undefined,
      );
    } catch (e) {
      next(e);
    }
  };
}

const userByEmail = (db: Executor, email: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();

/**
 * ACC-8: the route does the same work for every address (one job row), so neither the answer nor its
 * timing says whether the address has an account; the job, run by the scheduler, finds the account.
 */
export async function requestRecovery(ctx: AppContext, kind: 'password-reset' | 'activation', email: string) {
  const now = ctx.clock.now();
  await scheduleJob(ctx.db, now, {
    kind: kind === 'password-reset' ? JOB_PASSWORD_RESET : JOB_ACTIVATION_RESEND,
    runAt: now,
    payload: { email: email.trim().toLowerCase() },
  });
}

/** The job behind a reset request: a link to the account's owner, if there is an account. */
export async function sendPasswordReset(
  ctx: AppContext,
  trx: Transaction<Database>,
  email: string,
  /** Staff acting for the user (audited as them, with their reason); none when the user asked. */
  staff: { by: Actor; reason?: string } | null = null,
): Promise<boolean> {
  const by = staff?.by ?? null;
  const reason = staff?.reason;
  const user = await userByEmail(trx, email);
  if (!user) return false;
  const now = ctx.clock.now();
  const { password_reset_minutes: minutes } = await settingsAt(trx, now);
  const token = await issueLinkToken(
    trx,
    { userId: user.id },
    { purpose: 'password_reset', now, ttlMs: minutes * 60_000 },
  );
  const link = `${ctx.config.publicUrl}/api/v1/auth/password-reset/confirm?token=${token}`;
  await notify(trx, ctx, { userId: user.id, kind: 'account.password-reset', params: { link, minutes } });
  await audit(trx, ctx.clock, {
    actor: by ?? { type: 'user', id: user.id },
    action: 'account.password-reset-request',
    subjectType: 'user',
    subjectId: user.id,
    reason,
  });
  return true;
}

/** A fresh activation link for a pending account; earlier links stop working. */
export async function issueActivation(ctx: AppContext, trx: Transaction<Database>, userId: number) {
  const now = ctx.clock.now();
  await trx
    .updateTable('activation_tokens')
    .set({ superseded_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .execute();
  const token = newLinkToken();
  await trx
    .insertInto('activation_tokens')
    .values({
      user_id: userId,
      token_hash: hashLinkToken(token),
      created_at: now,
      expires_at: new Date(now.getTime() + ACTIVATION_TTL_DAYS * 86_400_000),
      used_at: null,
    })
    .execute();
  const link = `${ctx.config.publicUrl}/api/v1/auth/activate?token=${token}`;
  await notify(trx, ctx, { userId, kind: 'account.activation', params: { link, days: ACTIVATION_TTL_DAYS } });
}

/** The job behind an activation resend: only a pending account gets a mail. */
export async function resendActivation(
  ctx: AppContext,
  trx: Transaction<Database>,
  email: string,
  /** Staff acting for the user (audited as them, with their reason); none when the user asked. */
  staff: { by: Actor; reason?: string } | null = null,
): Promise<boolean> {
  const by = staff?.by ?? null;
  const reason = staff?.reason;
  const user = await userByEmail(trx, email);
  if (user?.status !== 'pending_activation') return false;
  await issueActivation(ctx, trx, user.id);
  await audit(trx, ctx.clock, {
    actor: by ?? { type: 'user', id: user.id },
    action: 'account.activation-resend',
    subjectType: 'user',
    subjectId: user.id,
    reason,
  });
  return true;
}

/**
 * ACC-8: a reset link sets a new password (ACC-3 and the strength policy), once, within its time; it ends
 * every session and every other live link of the account.
 */
export async function confirmPasswordReset(ctx: AppContext, token: string, password: string) {
  const peek = await peekLinkToken(ctx.db, 'password_reset', token);
  if (peek?.user_id) {
    const owner = await ctx.db
      .selectFrom('users')
      .select(['name', 'username', 'email'])
      .where('id', '=', peek.user_id)
      .executeTakeFirstOrThrow();
    const weakness = passwordWeakness(password, owner);
    if (weakness) throw problems.validation([{ field: 'body.password', message: weakness }]);
  }
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const row = await consumeLinkToken(trx, 'password_reset', token, now);
    if (!row.user_id) throw problems.unprocessable('link-invalid', 'Invalid link', 'This link is not valid.');
    const userId = row.user_id;
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
    await revokeAllTokens(trx, userId, ctx.authClock.now());
    await supersedeTokens(trx, { userId }, now);
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: userId },
      action: 'account.password-reset',
      subjectType: 'user',
      subjectId: userId,
      after: { password: 'reset', sessionsEnded: true },
    });
    await notify(trx, ctx, { userId, kind: 'account.password-changed', params: {} });
  });
}
