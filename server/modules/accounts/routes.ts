import { z } from 'zod';
import type { Request } from 'express';
import type { AppContext } from '../../context.js';
import type { User } from '../../../db/schema.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { Problem, problems } from '../../http/problem.js';
import { findUserByEmail } from './repository.js';
import { dummyPasswordHash, passwordSchema, verifyPassword } from '../../auth/passwords.js';
import { LOGIN_LIMITS, loginPairKey } from '../../auth/rate-limit.js';
import { revokeToken } from '../../auth/user-tokens.js';
import {
  endAllSessions,
  endSession,
  endSessionByLink,
  listSessions,
  openSession,
  recordSignIn,
} from './sessions.js';
import {
  activate,
  changePassword,
  deactivate,
  DEACTIVATION_REASONS,
  passwordChangeSchema,
  profileChangeSchema,
  register,
  registerSchema,
  updateProfile,
} from './service.js';
import { userBalances } from '../ledger/ledger.js';
import { confirmPasswordReset, recoveryLimit, requestRecovery } from './recovery.js';
import { peekLinkToken } from './tokens.js';
import {
  confirmEmailChange,
  emailChangeSchema,
  phoneSchema,
  requestEmailChange,
  startPhoneVerification,
  verifyPhone,
} from './contact.js';
import { earnings } from '../ledger/earnings.js';
import type { RequestHandler } from 'express';

/** Registration is public: limit it per IP like logins. */
function registerLimit(ctx: AppContext): RequestHandler {
  return async (req, _res, next) => {
    const hit = await ctx.limiter.hit(`register-ip:${req.ip}`, { limit: 20, windowSeconds: 3600 });
    next(
      hit.exceeded
        ? problems.rateLimited(
            hit.retryAfterSeconds,
            'Too many registrations from this address. Try again later.',
          )
        : undefined,
    );
  };
}

export const publicUser = (u: User) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  username: u.username,
  status: u.status,
  suspendedUntil: u.suspended_until,
  createdAt: u.created_at,
  isSeller: u.is_seller,
  sellerLevel: u.seller_level,
  bio: u.bio,
  country: u.country,
  phone: u.phone,
  phoneVerified: u.phone_verified_at !== null,
  locale: u.locale,
  timezone: u.timezone,
});

const userView = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  username: z.string(),
  status: z.enum(['pending_activation', 'active', 'suspended', 'blocked', 'deactivated']),
  suspendedUntil: z.string().nullable(),
  createdAt: z.string(),
  isSeller: z.boolean(),
  sellerLevel: z.string(),
  bio: z.string(),
  country: z.string().nullable(),
  phone: z.string().nullable(),
  phoneVerified: z.boolean(),
  locale: z.enum(['id', 'en']),
  timezone: z.string().nullable(),
});

const balancesView = z.object({
  credit: z.number(),
  pending: z.number(),
  available: z.number(),
  withdrawing: z.number(),
  held: z.number(),
});

const sessionView = z.object({
  id: z.number(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
const emailOnly = z.object({ email: z.string().trim().min(3).max(254) });
const tokenOnly = z.object({ token: z.string().min(10).max(200) });
const accepted = z.object({ message: z.string() });
/** The one answer to every recovery request, whatever the address (ACC-8). */
const ACCEPTED = {
  message: 'If an account uses this address and needs it, a message is on its way. Check your inbox.',
};

/** Why an account with the right password still may not log in (ACC-1, ACC-6, WRN-9). */
function loginRefusal(user: User): Problem | null {
  switch (user.status) {
    case 'pending_activation':
      return problems.forbidden('Activate the account first: follow the link in the activation email.');
    case 'blocked':
      return new Problem({
        status: 403,
        slug: 'account-blocked',
        title: 'Account blocked',
        detail: 'This account is blocked and cannot log in. Contact support.',
      });
    case 'deactivated':
      return new Problem({
        status: 403,
        slug: 'account-deactivated',
        title: 'Account deactivated',
        detail: 'This account was deactivated.',
      });
    default:
      return null;
  }
}

async function authenticateUser(
  ctx: AppContext,
  req: Request,
  email: string,
  password: string,
): Promise<User> {
  const ip = await ctx.limiter.hit(`user-login-ip:${req.ip}`, LOGIN_LIMITS.perIp);
  if (ip.exceeded)
    throw problems.rateLimited(
      ip.retryAfterSeconds,
      `Too many login attempts from this address. Try again in ` +
        `${Math.ceil(ip.retryAfterSeconds / 60)} minutes.`,
    );
  const accountKey = loginPairKey('user', email, req.ip);
  const account = await ctx.limiter.peek(accountKey, LOGIN_LIMITS.perAccountFailures);
  if (account.hits >= LOGIN_LIMITS.perAccountFailures.limit) {
    throw problems.rateLimited(
      account.retryAfterSeconds,
      `Too many failed logins for this account. Try again in ` +
        `${Math.ceil(account.retryAfterSeconds / 60)} minutes.`,
    );
  }
  const user = await findUserByEmail(ctx.db, email);
  const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) {
    await ctx.limiter.hit(accountKey, LOGIN_LIMITS.perAccountFailures);
    if (user) await recordSignIn(ctx, user.id, req, { success: false, failure: 'wrong-password' });
    throw problems.invalidCredentials();
  }
  await ctx.limiter.reset(accountKey);
  const refusal = loginRefusal(user);
  if (refusal) {
    await recordSignIn(ctx, user.id, req, { success: false, failure: user.status });
    throw refusal;
  }
  return user;
}

export function accountRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      tag: 'Accounts',
      access: access.public,
      summary: 'Log in with email and password; answers an opaque bearer token',
      body: z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) }),
      response: z.object({
        token: z.string(),
        tokenType: z.literal('Bearer'),
        expiresAt: z.string(),
        user: userView,
      }),
      handler: async ({ body, req }) => {
        const user = await authenticateUser(ctx, req, body.email, body.password);
        const { token, expiresAt } = await openSession(ctx, user, req);
        return { token, tokenType: 'Bearer' as const, expiresAt, user: publicUser(user) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      tag: 'Accounts',
      access: access.user,
      summary: 'Revoke the bearer token used on this request',
      handler: async ({ req }) => {
        if (req.authTokenId) await revokeToken(ctx.db, req.authTokenId, ctx.authClock.now());
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/logout-all',
      tag: 'Accounts',
      access: access.user,
      summary: 'Sign out everywhere: every session of the account ends, this one too (ACC-11)',
      handler: async ({ user }) => {
        await endAllSessions(ctx, user.id, { type: 'user', id: user.id });
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me/sessions',
      tag: 'Accounts',
      access: access.user,
      summary: 'The signed-in sessions of the account: opened, last used, address, device, this one (ACC-11)',
      response: z.array(sessionView),
      handler: ({ user, req }) => listSessions(ctx, user.id, req.authTokenId),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/me/sessions/:id',
      tag: 'Accounts',
      access: access.user,
      summary: 'End one session of the account (ACC-11)',
      params: idParams,
      handler: async ({ user, params }) => {
        await endSession(ctx, user, params.id);
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/sessions/end',
      tag: 'Accounts',
      access: access.public,
      summary: 'End the session a new sign-in notice is about, with the token of its link (ACC-11)',
      body: tokenOnly,
      handler: async ({ body }) => {
        await endSessionByLink(ctx, body.token);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/sessions/end',
      tag: 'Accounts',
      access: access.public,
      summary: 'The "this was not me" link of a new sign-in notice itself: `?token=` (ACC-11)',
      query: tokenOnly,
      response: accepted,
      handler: async ({ query }) => {
        await endSessionByLink(ctx, query.token);
        return { message: 'That session has ended. Change your password if it was not you.' };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me',
      tag: 'Accounts',
      access: access.user,
      summary: 'The account of the bearer token',
      response: userView,
      handler: ({ user }) => publicUser(user),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/register',
      tag: 'Accounts',
      access: access.public,
      status: 201,
      summary:
        'Register (free; ACC-1..3). The account stays pending until the emailed activation link is followed',
      body: registerSchema,
      response: z.object({
        name: z.string(),
        email: z.string(),
        username: z.string(),
        status: z.literal('pending_activation'),
      }),
      before: [registerLimit(ctx)],
      handler: ({ body }) => register(ctx, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/activate',
      tag: 'Accounts',
      access: access.public,
      summary: 'Activate an account with the token from the activation email (ACC-1)',
      body: z.object({ token: z.string().min(10).max(200) }),
      response: userView,
      handler: async ({ body }) => publicUser(await activate(ctx, body.token)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/activate',
      tag: 'Accounts',
      access: access.public,
      summary: 'The activation link itself: `?token=` from the email (ACC-1)',
      query: z.object({ token: z.string().min(10).max(200) }),
      response: userView,
      handler: async ({ query }) => publicUser(await activate(ctx, query.token)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/password-reset',
      tag: 'Accounts',
      access: access.public,
      status: 202,
      summary:
        'Ask for a password reset link by email (ACC-8). Always 202 with the same' +
        ' body: the answer never says' +
        ' whether the address has an account; limited per address and per client',
      body: emailOnly,
      response: accepted,
      before: [recoveryLimit(ctx, 'password-reset')],
      handler: async ({ body }) => {
        await requestRecovery(ctx, 'password-reset', body.email);
        return ACCEPTED;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/password-reset/confirm',
      tag: 'Accounts',
      access: access.public,
      summary: 'The reset link itself: says whether it still works, without using it (ACC-8)',
      query: tokenOnly,
      response: z.object({ valid: z.boolean(), expiresAt: z.string().nullable() }),
      handler: async ({ query }) => {
        const row = await peekLinkToken(ctx.db, 'password_reset', query.token);
        const valid =
          !!row?.user_id && !row.used_at && !row.superseded_at && row.expires_at > ctx.clock.now();
        return { valid, expiresAt: valid ? row.expires_at : null };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/password-reset/confirm',
      tag: 'Accounts',
      access: access.public,
      summary:
        'Set a new password with the token of a reset link (ACC-8): once, within its time (policy setting);' +
        ' every session and every other link of the account ends',
      body: z.object({ token: z.string().min(10).max(200), password: passwordSchema }),
      before: [recoveryLimit(ctx, 'password-reset-confirm')],
      handler: async ({ body }) => {
        await confirmPasswordReset(ctx, body.token, body.password);
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/activation/resend',
      tag: 'Accounts',
      access: access.public,
      status: 202,
      summary:
        'Send a pending account a new activation link; earlier links stop working' +
        ' (ACC-1, ACC-8). Always 202' +
        ' with the same body; limited per address and per client',
      body: emailOnly,
      response: accepted,
      before: [recoveryLimit(ctx, 'activation-resend')],
      handler: async ({ body }) => {
        await requestRecovery(ctx, 'activation', body.email);
        return ACCEPTED;
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/me',
      tag: 'Accounts',
      access: access.user,
      summary:
        'Change name, bio, country, language or time zone. The username never' +
        ' changes (ACC-4); the password,' +
        ' email and phone have their own routes (POST /api/v1/me/password, /me/email, /me/phone)',
      body: profileChangeSchema,
      response: userView,
      handler: async ({ body, user }) => publicUser(await updateProfile(ctx, user, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/me/password',
      tag: 'Accounts',
      access: access.user,
      summary:
        'Change the password: the current one is required; other sessions end unless' +
        ' `signOutOtherSessions` is false (ASVS 2.1.6, 3.3.3)',
      body: passwordChangeSchema,
      handler: async ({ body, user, req }) => {
        await changePassword(ctx, user, req.authTokenId, body);
        return undefined;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/me/email',
      tag: 'Accounts',
      access: access.user,
      status: 202,
      summary:
        'Change the email address (ACC-9): with the password, and a code texted' +
        ' to a verified phone when the' +
        (' policy asks (first call answers next=phone-code); a link goes to the' +
          ' new address, a notice to the old'),
      body: emailChangeSchema,
      response: z.object({ next: z.enum(['phone-code', 'confirm-link']), message: z.string() }),
      handler: ({ body, user }) => requestEmailChange(ctx, user, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/auth/email-change/confirm',
      tag: 'Accounts',
      access: access.public,
      summary: 'Apply an email change with the token of the link sent to the new address (ACC-9)',
      body: tokenOnly,
      response: userView,
      handler: async ({ body }) => publicUser(await confirmEmailChange(ctx, body.token)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/auth/email-change/confirm',
      tag: 'Accounts',
      access: access.public,
      summary: 'The email change link itself: `?token=` (ACC-9)',
      query: tokenOnly,
      response: userView,
      handler: async ({ query }) => publicUser(await confirmEmailChange(ctx, query.token)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/me/phone',
      tag: 'Accounts',
      access: access.user,
      status: 202,
      summary:
        'Set the phone number (any usual writing; Indonesian unless it has a country code; stored as E.164)' +
        ' and text it a 6-digit code (ACC-10); sends are limited',
      body: z.object({ phone: phoneSchema }),
      response: z.object({ phone: z.string(), expiresAt: z.string() }),
      handler: ({ body, user }) => startPhoneVerification(ctx, user, body.phone),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/me/phone/verify',
      tag: 'Accounts',
      access: access.user,
      summary: 'Verify the phone with the texted code (ACC-10: 5 tries, 10 minutes, policy settings)',
      body: z.object({
        code: z
          .string()
          .trim()
          .regex(/^\d{6}$/, 'six digits'),
      }),
      response: userView,
      handler: async ({ body, user }) => publicUser(await verifyPhone(ctx, user, body.code)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/me/deactivate',
      tag: 'Accounts',
      access: access.user,
      summary: 'Deactivate the account with a reason from the list; refused while it holds funds (ACC-5)',
      body: z.object({ reason: z.enum(DEACTIVATION_REASONS), note: z.string().max(1000).optional() }),
      handler: async ({ body, user }) => {
        await deactivate(ctx, user, body.reason, body.note);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me/balance',
      tag: 'Money',
      access: access.user,
      summary: 'Balances (MNY-3): credit, pending, available, withdrawing, held',
      response: balancesView,
      handler: ({ user }) => userBalances(ctx.db, user.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me/earnings',
      tag: 'Money',
      access: access.user,
      summary: 'Earnings by status and expected earnings from active and delivered orders (CLR-3)',
      handler: ({ user }) => earnings(ctx.db, user.id),
    }),
  ];
}
