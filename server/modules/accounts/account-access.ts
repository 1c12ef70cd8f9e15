import type { AppContext } from '../../context.js';
import { problems } from '../../http/problem.js';
import { LOGIN_LIMITS } from '../../auth/rate-limit.js';
import { revokeAllTokens } from '../../auth/user-tokens.js';
import { audit, type Actor } from '../audit/audit.js';
import { resendActivation, sendPasswordReset } from './recovery.js';
import { listSessions } from './sessions.js';
import { ACCOUNT_MACHINE } from './machine.js';
import { transitionOf } from '../../machines/apply.js';
import { camel } from '../../http/camel.js';

/**
 * What support needs to help someone who cannot get in (issue #18's "Account access" panel): activation,
 * verification, sessions, the last 20 sign-ins and why a sign-in is refused now.
 */
export async function accountAccess(ctx: AppContext, userId: number) {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw problems.notFound('user');
  const now = ctx.clock.now();
  const activation = await ctx.db
    .selectFrom('activation_tokens')
    .select(['created_at', 'expires_at', 'used_at', 'superseded_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const signIns = await ctx.db
    .selectFrom('sign_ins')
    .select(['id', 'at', 'ip', ...camel('user_agent'), 'success', 'failure'])
    .where('user_id', '=', userId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  // Failed logins count per account and client address (issue #13); any pair at its limit slows down.
  const locked = await ctx.db
    .selectFrom('rate_limit_hits')
    .select(['key', 'window_start', 'hits'])
    .where('key', 'like', `user-login-account:${user.email.toLowerCase()}:%`)
    .where('hits', '>=', LOGIN_LIMITS.perAccountFailures.limit)
    .where(
      'window_start',
      '>',
      new Date(ctx.authClock.now().getTime() - LOGIN_LIMITS.perAccountFailures.windowSeconds * 1000),
    )
    .execute();
  const reasons: string[] = [];
  if (user.status === 'pending_activation')
    reasons.push('pending activation: the activation link was not followed');
  if (user.status === 'suspended')
    reasons.push(
      `suspended until ` +
        `${user.suspended_until?.toISOString() ?? 'staff lift it'}: can sign in and read, not act`,
    );
  if (user.status === 'blocked') reasons.push('blocked: cannot sign in');
  if (user.status === 'deactivated') reasons.push('deactivated by its owner');
  if (locked.length)
    reasons.push(
      `too many failed sign-ins from ${locked.length} address(es): slowed down for up to 15 minutes`,
    );
  return {
    id: user.id,
    status: user.status,
    canSignIn: user.status === 'active' || user.status === 'suspended',
    reasons,
    activation: {
      activatedAt: user.activated_at,
      lastLinkSentAt: activation?.created_at ?? null,
      lastLinkExpiresAt: activation?.expires_at ?? null,
      lastLinkLive: Boolean(
        activation && !activation.used_at && !activation.superseded_at && activation.expires_at > now,
      ),
    },
    verification: {
      email: user.activated_at !== null,
      phone: user.phone_verified_at !== null,
      identity: user.identity_verified_at !== null,
    },
    sessions: await listSessions(ctx, userId),
    signIns,
    // A new activation link only while the account can still be activated (ACC-1).
    allowedActions: [
      ...(transitionOf(ACCOUNT_MACHINE, 'user-activate').from.includes(user.status)
        ? ['activation-resend']
        : []),
      'password-reset',
      'sessions-end',
    ],
  };
}

export type AccountAccessAction = 'activation-resend' | 'password-reset' | 'sessions-end';

/** Support acts for a user who cannot get in, each action audited with its reason. */
export async function accountAccessAction(
  ctx: AppContext,
  actor: Actor & { type: 'staff' },
  a: { userId: number; action: AccountAccessAction; reason: string },
) {
  const { userId, action, reason } = a;
  await ctx.db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'email', 'status'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) throw problems.notFound('user');
    switch (action) {
      case 'activation-resend':
        if (!(await resendActivation(ctx, trx, user.email, { by: actor, reason })))
          throw problems.conflict(
            'account-not-pending',
            'Account not pending',
            `The account is ${user.status}.`,
          );
        return;
      case 'password-reset':
        await sendPasswordReset(ctx, trx, user.email, { by: actor, reason });
        return;
      case 'sessions-end':
        await revokeAllTokens(trx, userId, ctx.authClock.now());
        await audit(trx, ctx.clock, {
          actor,
          action: 'account.sessions-end-all',
          subjectType: 'user',
          subjectId: userId,
          reason,
        });
    }
  });
}
