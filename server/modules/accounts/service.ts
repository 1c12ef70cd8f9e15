import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { User } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { hashPassword, passwordSchema } from '../../auth/passwords.js';
import { revokeAllTokens } from '../../auth/user-tokens.js';
import { notify, LOCALES } from '../../notifications/templates.js';
import { audit } from '../audit/audit.js';
import { userBalances } from '../ledger/ledger.js';

export const ACTIVATION_TTL_DAYS = 7;

export const registerSchema = z.object({
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
});

/** ACC-5: the reasons a user may give when deactivating. */
export const DEACTIVATION_REASONS = [
  'no_longer_need',
  'found_another_platform',
  'too_expensive',
  'privacy',
  'bad_experience',
  'other',
] as const;

const hashActivation = (t: string) => createHash('sha256').update(t).digest('hex');

/** ACC-1..3: a free account, pending until the emailed link is followed. */
export async function register(ctx: AppContext, input: z.infer<typeof registerSchema>) {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    // ACC-2: the email of any account, in any state, is never free again.
    const taken = await trx
      .selectFrom('users')
      .select(['email', 'username'])
      .where((eb) =>
        eb.or([
          eb(sql`lower(email)`, '=', input.email),
          eb(sql`lower(username)`, '=', input.username.toLowerCase()),
        ]),
      )
      .execute();
    const errors = [];
    if (taken.some((t) => t.email.toLowerCase() === input.email))
      errors.push({
        field: 'body.email',
        message: 'An account with this email exists (an email belongs to one account for ever).',
      });
    if (taken.some((t) => t.username.toLowerCase() === input.username.toLowerCase()))
      errors.push({ field: 'body.username', message: 'This username is taken.' });
    if (errors.length)
      throw problems.conflict('account-exists', 'Account exists', errors.map((e) => e.message).join(' '), {
        errors,
      });
    const user = await trx
      .insertInto('users')
      .values({
        name: input.name,
        email: input.email,
        username: input.username,
        password_hash: passwordHash,
        status: 'pending_activation',
        created_at: now,
        activated_at: null,
        suspended_until: null,
        ...(input.locale ? { locale: input.locale } : {}),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const token = randomBytes(24).toString('base64url');
    await trx
      .insertInto('activation_tokens')
      .values({
        user_id: user.id,
        token_hash: hashActivation(token),
        created_at: now,
        expires_at: new Date(now.getTime() + ACTIVATION_TTL_DAYS * 86_400_000),
        used_at: null,
      })
      .execute();
    const link = `${ctx.config.publicUrl}/api/v1/auth/activate?token=${token}`;
    await notify(trx, ctx, user.id, 'account.activation', { link, days: ACTIVATION_TTL_DAYS });
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.register',
      subjectType: 'user',
      subjectId: user.id,
      after: { email: user.email, username: user.username },
    });
    return user;
  });
}

export async function activate(ctx: AppContext, token: string): Promise<User> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const row = await trx
      .selectFrom('activation_tokens')
      .selectAll()
      .where('token_hash', '=', hashActivation(token))
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
    if (row.expires_at <= now)
      throw problems.unprocessable(
        'activation-token-expired',
        'Activation link expired',
        'This activation link has expired. Register again is not possible with the same email: contact support.',
      );
    const user = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', row.user_id)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    if (user.status !== 'pending_activation')
      throw problems.conflict('account-not-pending', 'Account not pending', `The account is ${user.status}.`);
    await trx.updateTable('activation_tokens').set({ used_at: now }).where('id', '=', row.id).execute();
    const updated = await trx
      .updateTable('users')
      .set({ status: 'active', activated_at: now })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.activate',
      subjectType: 'user',
      subjectId: user.id,
      before: { status: user.status },
      after: { status: 'active' },
    });
    return updated;
  });
}

export const profileChangeSchema = z
  .object({
    name: z.string().trim().min(2).max(120).optional(),
    bio: z.string().max(2000).optional(),
    country: z.string().trim().length(2).toUpperCase().optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 -]{6,20}$/)
      .optional(),
    password: passwordSchema.optional(),
    locale: z.enum(LOCALES).optional(),
    // ACC-4: named so that the refusal is explicit rather than silently ignored.
    username: z.unknown().optional(),
    email: z.unknown().optional(),
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
    errors.push({ field: 'body.email', message: 'The email cannot be changed here; contact support.' });
  if (errors.length)
    throw new Problem(
      422,
      'field-not-changeable',
      'Field cannot be changed',
      errors.map((e) => e.message).join(' '),
      { errors },
    );
  const passwordHash = change.password ? await hashPassword(change.password) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const set = {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.bio !== undefined ? { bio: change.bio } : {}),
      ...(change.country !== undefined ? { country: change.country } : {}),
      ...(change.phone !== undefined && change.phone !== user.phone
        ? { phone: change.phone, phone_verified_at: null }
        : {}),
      ...(passwordHash ? { password_hash: passwordHash } : {}),
      ...(change.locale !== undefined ? { locale: change.locale } : {}),
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
      before: Object.fromEntries(
        Object.keys(set)
          .filter((k) => k !== 'password_hash')
          .map((k) => [k, (before as Record<string, unknown>)[k]]),
      ),
      after: {
        ...Object.fromEntries(Object.entries(set).filter(([k]) => k !== 'password_hash')),
        ...(passwordHash ? { password: 'changed' } : {}),
      },
    });
    return updated;
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
    await trx
      .updateTable('users')
      .set({
        status: 'deactivated',
        deactivated_at: now,
        deactivation_reason: reason,
        deactivation_note: note ?? null,
      })
      .where('id', '=', user.id)
      .execute();
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
