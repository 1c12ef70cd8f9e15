import { applyTransition, checkTransition, createRecord } from '../../machines/apply.js';
import { ACCOUNT_MACHINE } from './machine.js';
import { sql } from 'kysely';
import { z } from 'zod';
import type { User } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import {
  hashPassword,
  passwordSchema,
  passwordWeakness,
  refusePasswordWeakness,
  verifyPassword,
} from '../../auth/passwords.js';
import { revokeAllTokens } from '../../auth/user-tokens.js';
import { notify, LOCALES } from '../../notifications/templates.js';
import { audit } from '../audit/audit.js';
import { userBalances } from '../ledger/ledger.js';
import { hashLinkToken } from './tokens.js';
import { issueActivation } from './recovery.js';

export const registerSchema = z
  .object({
    name: z.string().trim().min(2).max(120),
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    username: z
      .string()
      .trim()
      .min(3)
      .max(30)
      .regex(/^[a-zA-Z0-9_.]+$/, 'letters, digits, dots and underscores only'),
    password: passwordSchema,
    /** The language of the user's mail; Indonesian unless they choose English. */
    locale: z.enum(LOCALES).optional(),
  })
  .superRefine((v, ctx) => refusePasswordWeakness(ctx, { password: v.password, owner: v, path: 'password' }));

/** ACC-5: the reasons a user may give when deactivating. */
export const DEACTIVATION_REASONS = [
  'no_longer_need',
  'found_another_platform',
  'too_expensive',
  'privacy',
  'bad_experience',
  'other',
] as const;

/** ACC-1..3: a free account, pending until the emailed link is followed. */
export async function register(ctx: AppContext, input: z.infer<typeof registerSchema>) {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    // ACC-2: the email of any account, in any state, is never free again.
    const taken = await trx
      .selectFrom('users')
      .select(['id', 'email', 'username'])
      .where((eb) =>
        eb.or([
          eb(sql`lower(email)`, '=', input.email),
          eb(sql`lower(username)`, '=', input.username.toLowerCase()),
        ]),
      )
      .execute();
    // Usernames are public (profiles show them): a taken one may be said. Emails are not: a taken email
    // gets the same answer as a new registration, and its owner an email saying so (issue #13).
    if (taken.some((t) => t.username.toLowerCase() === input.username.toLowerCase())) {
      const errors = [{ field: 'body.username', message: 'This username is taken.' }];
      throw problems.conflict('username-taken', 'Username taken', errors[0]!.message, { errors });
    }
    const retired = await trx
      .selectFrom('retired_emails')
      .select('user_id as id')
      .where('email', '=', input.email)
      .executeTakeFirst();
    const owner = taken.find((t) => t.email.toLowerCase() === input.email) ?? retired;
    if (owner) {
      await notify(trx, ctx, { userId: owner.id, kind: 'account.already-registered', params: {} });
      return registration(input);
    }
    const user = await createRecord(trx, ACCOUNT_MACHINE, {
      name: input.name,
      email: input.email,
      username: input.username,
      password_hash: passwordHash,
      created_at: now,
      activated_at: null,
      suspended_until: null,
      ...(input.locale ? { locale: input.locale } : {}),
    });
    await issueActivation(ctx, trx, user.id);
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.register',
      subjectType: 'user',
      subjectId: user.id,
      after: { email: user.email, username: user.username },
    });
    return registration(input);
  });
}

/** What a registration answers, the same whether the email was free or not: nothing about an account. */
const registration = (input: { name: string; email: string; username: string }) => ({
  name: input.name,
  email: input.email,
  username: input.username,
  status: 'pending_activation' as const,
});

export async function activate(ctx: AppContext, token: string): Promise<User> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const row = await trx
      .selectFrom('activation_tokens')
      .selectAll()
      .where('token_hash', '=', hashLinkToken(token))
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!row)
      throw problems.unprocessable(
        'activation-token-invalid',
        'Invalid activation link',
        'This activation link is not valid.',
      );
    if (row.used_at)
      throw problems.conflict(
        'activation-token-used',
        'Already activated',
        'This link was used already: log in.',
      );
    if (row.superseded_at)
      throw problems.unprocessable(
        'activation-token-superseded',
        'Activation link replaced',
        'A newer activation link was sent: use the link in the latest activation email.',
      );
    if (row.expires_at <= now)
      throw problems.unprocessable(
        'activation-token-expired',
        'Activation link expired',
        'This activation link has expired: ask for a new one (POST /api/v1/auth/activation/resend).',
      );
    const user = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', row.user_id)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    checkTransition(ACCOUNT_MACHINE, { state: user.status, name: 'user-activate', actor: 'user' });
    await trx.updateTable('activation_tokens').set({ used_at: now }).where('id', '=', row.id).execute();
    await applyTransition(trx, {
      machine: ACCOUNT_MACHINE,
      id: user.id,
      state: user.status,
      name: 'user-activate',
      actor: 'user',
      now,
      set: { activated_at: now },
      audit: {
        clock: ctx.clock,
        entry: {
          actor: { type: 'user', id: user.id },
          action: 'account.activate',
          subjectType: 'user',
          subjectId: user.id,
          before: { status: user.status },
          after: { status: 'active' },
        },
      },
    });
    const updated = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    return updated;
  });
}

export const profileChangeSchema = z
  .object({
    name: z.string().trim().min(2).max(120).optional(),
    bio: z.string().max(2000).optional(),
    country: z.string().trim().length(2).toUpperCase().optional(),
    locale: z.enum(LOCALES).optional(),
    /** The zone times in the user's mail are written in (ACC-11 sign-in notices); IANA name. */
    timezone: z
      .string()
      .trim()
      .max(64)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'not a known IANA time zone, e.g. Asia/Makassar')
      .optional(),
    // ACC-4: named so that the refusal is explicit rather than silently ignored.
    username: z.unknown().optional(),
    email: z.unknown().optional(),
    phone: z.unknown().optional(),
  })
  .strict();

export async function updateProfile(
  ctx: AppContext,
  user: User,
  change: z.infer<typeof profileChangeSchema>,
) {
  const errors = [];
  if (change.username !== undefined)
    errors.push({ field: 'body.username', message: 'The username cannot be changed (ACC-4).' });
  if (change.email !== undefined)
    errors.push({ field: 'body.email', message: 'Change the email with POST /api/v1/me/email (ACC-9).' });
  if (change.phone !== undefined)
    errors.push({ field: 'body.phone', message: 'Set the phone with POST /api/v1/me/phone (ACC-10).' });
  if (errors.length)
    throw new Problem({
      status: 422,
      slug: 'field-not-changeable',
      title: 'Field cannot be changed',
      detail: errors.map((e) => e.message).join(' '),
      extra: { errors },
    });
  return ctx.db.transaction().execute(async (trx) => {
    const set = {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.bio !== undefined ? { bio: change.bio } : {}),
      ...(change.country !== undefined ? { country: change.country } : {}),
      ...(change.locale !== undefined ? { locale: change.locale } : {}),
      ...(change.timezone !== undefined ? { timezone: change.timezone } : {}),
    };
    if (Object.keys(set).length === 0) return user;
    const updated = await trx
      .updateTable('users')
      .set(set)
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const { password_hash: _a, ...before } = user;
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.update',
      subjectType: 'user',
      subjectId: user.id,
      before: Object.fromEntries(Object.keys(set).map((k) => [k, (before as Record<string, unknown>)[k]])),
      after: set,
    });
    return updated;
  });
}

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
  /** ASVS 3.3.3: on by default; the session the change is made from stays. */
  signOutOtherSessions: z.boolean().default(true),
});

/**
 * ASVS 2.1.6: a password change proves the current password first (a stolen token alone is not enough),
 * refuses a weak new one, and ends the user's other sessions unless asked not to (ASVS 3.3.3).
 */
export async function changePassword(
  ctx: AppContext,
  user: User,
  tokenId: number | undefined,
  input: z.infer<typeof passwordChangeSchema>,
) {
  if (!(await verifyPassword(user.password_hash, input.currentPassword)))
    throw new Problem({
      status: 403,
      slug: 'current-password-wrong',
      title: 'Current password wrong',
      detail: 'The current password is not right; the password was not changed.',
    });
  const weakness = passwordWeakness(input.newPassword, user);
  if (weakness) throw problems.validation([{ field: 'body.newPassword', message: weakness }]);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.authClock.now();
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
    if (input.signOutOtherSessions) await revokeAllTokens(trx, user.id, now, { except: tokenId });
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.password-change',
      subjectType: 'user',
      subjectId: user.id,
      after: { password: 'changed', otherSessionsEnded: input.signOutOtherSessions },
    });
    await notify(trx, ctx, { userId: user.id, kind: 'account.password-changed', params: {} });
  });
}

/** ACC-5: deactivation with a reason from the list, refused while the user holds funds. */
export async function deactivate(
  ctx: AppContext,
  user: User,
  reason: (typeof DEACTIVATION_REASONS)[number],
  note: string | undefined,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const locked = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    const b = await userBalances(trx, user.id);
    const held = { credit: b.credit, pending: b.pending, available: b.available, withdrawing: b.withdrawing };
    if (Object.values(held).some((v) => v > 0)) {
      throw problems.conflict(
        'account-holds-funds',
        'Account still holds funds',
        'You cannot deactivate an account that holds funds (credit, pending, available or withdrawing).' +
          ' Contact support to close it.',
        { balances: held },
      );
    }
    const open = await trx
      .selectFrom('orders')
      .select('id')
      .where((eb) => eb.or([eb('buyer_id', '=', user.id), eb('seller_id', '=', user.id)]))
      .where('status', 'in', ['in_progress', 'delivered'])
      .limit(1)
      .executeTakeFirst();
    if (open)
      throw problems.conflict(
        'account-has-open-orders',
        'Orders in progress',
        'Finish or cancel your orders in progress first, or contact support.',
      );
    await applyTransition(trx, {
      machine: ACCOUNT_MACHINE,
      id: user.id,
      state: locked.status,
      name: 'user-deactivate',
      actor: 'user',
      now,
      set: { deactivated_at: now, deactivation_reason: reason, deactivation_note: note ?? null },
    });
    await trx
      .updateTable('services')
      .set({ active: false, updated_at: now })
      .where('seller_id', '=', user.id)
      .execute();
    await revokeAllTokens(trx, user.id, ctx.authClock.now());
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.deactivate',
      subjectType: 'user',
      subjectId: user.id,
      reason: `${reason}${note ? `: ${note}` : ''}`,
      before: { status: locked.status },
      after: { status: 'deactivated' },
    });
  });
}
