import type { Request } from 'express';
import type { User } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { problems } from '../../http/problem.js';
import { issueToken, revokeAllTokens, revokeToken } from '../../auth/user-tokens.js';
import { notify } from '../../notifications/templates.js';
import { audit, type Actor } from '../audit/audit.js';
import { hashLinkToken, newLinkToken } from './tokens.js';

/** What a sign-in left behind: the user's history (the console's last 20 sign-ins) and their sessions. */
export async function recordSignIn(
  ctx: AppContext,
  userId: number,
  req: Request,
  outcome: { success: true } | { success: false; failure: string },
) {
  await ctx.db
    .insertInto('sign_ins')
    .values({
      user_id: userId,
      at: ctx.clock.now(),
      ip: req.ip ?? null,
      user_agent: req.get('user-agent')?.slice(0, 500) ?? null,
      success: outcome.success,
      failure: outcome.success ? null : outcome.failure,
    })
    .execute();
}

/**
 * ACC-11: a session (bearer token) for a user who proved their password. A sign-in from a device and
 * address the account has never signed in from sends a notice with the time, in the user's zone, and a
 * link that ends this very session without signing in.
 */
export async function openSession(ctx: AppContext, user: User, req: Request) {
  const ip = req.ip ?? 'unknown';
  const userAgent = req.get('user-agent')?.slice(0, 500) ?? '';
  return ctx.db.transaction().execute(async (trx) => {
    const seen = await trx
      .selectFrom('sign_ins')
      .select(['ip', 'user_agent'])
      .where('user_id', '=', user.id)
      .where('success', '=', true)
      .orderBy('at', 'desc')
      .limit(200)
      .execute();
    const issued = await issueToken(trx, user.id, ctx.authClock.now(), { ip, userAgent });
    const now = ctx.clock.now();
    await trx
      .insertInto('sign_ins')
      .values({ user_id: user.id, at: now, ip, user_agent: userAgent, success: true, failure: null })
      .execute();
    const known = seen.some((s) => s.ip === ip && (s.user_agent ?? '') === userAgent);
    if (seen.length > 0 && !known) {
      const endToken = newLinkToken();
      await trx
        .updateTable('user_tokens')
        .set({ end_link_hash: hashLinkToken(endToken) })
        .where('id', '=', issued.tokenId)
        .execute();
      await notify(trx, ctx, {
        userId: user.id,
        kind: 'account.new-sign-in',
        params: {
          at: now,
          ip,
          device: userAgent || 'unknown device',
          endLink: `${ctx.config.publicUrl}/api/v1/auth/sessions/end?token=${endToken}`,
        },
      });
    }
    return issued;
  });
}

export interface SessionView {
  id: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

/** The live sessions of a user, newest first (ACC-11). */
export async function listSessions(ctx: AppContext, userId: number, currentTokenId?: number) {
  const rows = await ctx.db
    .selectFrom('user_tokens')
    .select(['id', 'created_at', 'last_used_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', ctx.authClock.now())
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r): SessionView => ({
    id: r.id,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id === currentTokenId,
  }));
}

/** Ends one session of the user's own; another user's session id is a 404, as if it did not exist. */
export async function endSession(ctx: AppContext, user: User, sessionId: number) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('user_tokens')
      .select('id')
      .where('id', '=', sessionId)
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw problems.notFound('session');
    await revokeToken(trx, row.id, ctx.authClock.now());
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.session-end',
      subjectType: 'user',
      subjectId: user.id,
      after: { sessionId },
    });
  });
}

/** Every session of the account ends (the user's "sign out everywhere", or staff helping them). */
export async function endAllSessions(ctx: AppContext, userId: number, actor: Actor, reason?: string) {
  await ctx.db.transaction().execute(async (trx) => {
    await revokeAllTokens(trx, userId, ctx.authClock.now());
    await audit(trx, ctx.clock, {
      actor,
      action: 'account.sessions-end-all',
      subjectType: 'user',
      subjectId: userId,
      reason,
    });
  });
}

/** The "this was not me" link of a new sign-in notice: ends that one session, once. */
export async function endSessionByLink(ctx: AppContext, token: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('user_tokens')
      .select(['id', 'user_id', 'revoked_at'])
      .where('end_link_hash', '=', hashLinkToken(token))
      .executeTakeFirst();
    if (!row) throw problems.unprocessable('link-invalid', 'Invalid link', 'This link is not valid.');
    if (row.revoked_at) return;
    await revokeToken(trx, row.id, ctx.authClock.now());
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: row.user_id },
      action: 'account.session-end',
      subjectType: 'user',
      subjectId: row.user_id,
      reason: 'ended from the new sign-in notice',
      after: { sessionId: row.id },
    });
  });
}
