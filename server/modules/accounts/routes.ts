import { z } from 'zod';
import { sql } from 'kysely';
import type { Request } from 'express';
import type { AppContext } from '../../context.js';
import type { User } from '../../../db/schema.js';
import { access, defineRoute } from '../../http/route.js';
import { Problem, problems } from '../../http/problem.js';
import { dummyPasswordHash, verifyPassword } from '../../auth/passwords.js';
import { LOGIN_LIMITS } from '../../auth/rate-limit.js';
import { issueToken, revokeToken } from '../../auth/user-tokens.js';

export const publicUser = (u: User) => ({
  id: u.id, name: u.name, email: u.email, username: u.username, status: u.status,
  suspendedUntil: u.suspended_until, createdAt: u.created_at,
});

const userView = z.object({
  id: z.number(), name: z.string(), email: z.string(), username: z.string(),
  status: z.enum(['pending_activation', 'active', 'suspended', 'blocked', 'deactivated']),
  suspendedUntil: z.string().nullable(), createdAt: z.string(),
});

/** Why an account with the right password still may not log in (ACC-1, ACC-6, WRN-9). */
function loginRefusal(user: User): Problem | null {
  switch (user.status) {
    case 'pending_activation': return problems.forbidden('Activate the account first: follow the link in the activation email.');
    case 'blocked': return new Problem(403, 'account-blocked', 'Account blocked', 'This account is blocked and cannot log in. Contact support.');
    case 'deactivated': return new Problem(403, 'account-deactivated', 'Account deactivated', 'This account was deactivated.');
    default: return null;
  }
}

async function authenticateUser(ctx: AppContext, req: Request, email: string, password: string): Promise<User> {
  const ip = await ctx.limiter.hit(`user-login-ip:${req.ip}`, LOGIN_LIMITS.perIp);
  if (ip.exceeded) throw problems.rateLimited(ip.retryAfterSeconds, `Too many login attempts from this address. Try again in ${Math.ceil(ip.retryAfterSeconds / 60)} minutes.`);
  const accountKey = `user-login-account:${email.trim().toLowerCase()}`;
  const account = await ctx.limiter.peek(accountKey, LOGIN_LIMITS.perAccountFailures);
  if (account.hits >= LOGIN_LIMITS.perAccountFailures.limit) {
    throw problems.rateLimited(account.retryAfterSeconds, `Too many failed logins for this account. Try again in ${Math.ceil(account.retryAfterSeconds / 60)} minutes.`);
  }
  const user = await ctx.db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email.trim().toLowerCase()).executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) {
    await ctx.limiter.hit(accountKey, LOGIN_LIMITS.perAccountFailures);
    throw problems.invalidCredentials();
  }
  await ctx.limiter.reset(accountKey);
  const refusal = loginRefusal(user);
  if (refusal) throw refusal;
  return user;
}

export function accountRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'post', path: '/api/v1/auth/login', tag: 'Accounts', access: access.public,
      summary: 'Log in with email and password; answers an opaque bearer token',
      body: z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) }),
      response: z.object({ token: z.string(), tokenType: z.literal('Bearer'), expiresAt: z.string(), user: userView }),
      handler: async ({ body, req }) => {
        const user = await authenticateUser(ctx, req, body.email, body.password);
        const { token, expiresAt } = await issueToken(ctx.db, user.id, ctx.authClock.now());
        return { token, tokenType: 'Bearer' as const, expiresAt, user: publicUser(user) };
      },
    }),
    defineRoute({
      method: 'post', path: '/api/v1/auth/logout', tag: 'Accounts', access: access.user,
      summary: 'Revoke the bearer token used on this request',
      handler: async ({ req }) => {
        if (req.authTokenId) await revokeToken(ctx.db, req.authTokenId, ctx.authClock.now());
        return undefined;
      },
    }),
    defineRoute({
      method: 'get', path: '/api/v1/me', tag: 'Accounts', access: access.user,
      summary: 'The account of the bearer token', response: userView,
      handler: ({ user }) => publicUser(user!),
    }),
  ];
}
