import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import type { Database, Executor, User } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import type { Limit } from '../../auth/rate-limit.js';
import { verifyPassword } from '../../auth/passwords.js';
import { notify, notifyAddress, SMS_PREFIX } from '../../notifications/templates.js';
import { audit } from '../audit/audit.js';
import { settingsAt } from '../settings/repository.js';
import { consumeLinkToken, issueLinkToken } from './tokens.js';

/**
 * ACC-10: a phone number in any usual Indonesian writing (0812…, 62812…, +62 812-…) or international
 * form, normalised to E.164; numbers without a country code are read as Indonesian.
 */
export const phoneSchema = z
  .string()
  .trim()
  .min(4)
  .max(40)
  .transform((raw, c) => {
    const parsed = parsePhoneNumberFromString(raw, 'ID');
    if (!parsed?.isValid()) {
      c.addIssue({
        code: 'custom',
        message: 'Not a phone number we can send an SMS to, e.g. 0812 3456 7890',
      });
      return z.NEVER;
    }
    return parsed.number;
  });

/** ACC-10: sending codes is limited per account and purpose (each SMS costs money and can annoy). */
export const PHONE_CODE_SENDS: Limit = { limit: 3, windowSeconds: 600 };

type CodePurpose = 'verify_phone' | 'email_change';

const codeHash = (ctx: AppContext, codeId: number, code: string) =>
  createHmac('sha256', ctx.config.sessionSecret).update(`${codeId}:${code}`).digest('hex');

async function sendPhoneCode(
  ctx: AppContext,
  trx: Transaction<Database>,
  { userId, phone, purpose }: { userId: number; phone: string; purpose: CodePurpose },
) {
  const now = ctx.clock.now();
  const { phone_code_minutes: minutes } = await settingsAt(trx, now);
  await trx
    .updateTable('phone_codes')
    .set({ superseded_at: now })
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .execute();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const row = await trx
    .insertInto('phone_codes')
    .values({
      user_id: userId,
      purpose,
      phone,
      code_hash: 'pending',
      created_at: now,
      expires_at: new Date(now.getTime() + minutes * 60_000),
      used_at: null,
      superseded_at: null,
    })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('phone_codes')
    .set({ code_hash: codeHash(ctx, row.id, code) })
    .where('id', '=', row.id)
    .execute();
  await notifyAddress(trx, ctx, {
    userId,
    address: `${SMS_PREFIX}${phone}`,
    kind: 'sms.phone-code',
    params: { code, minutes },
  });
  return row.expires_at;
}

async function limitSends(ctx: AppContext, userId: number, purpose: CodePurpose) {
  const hit = await ctx.limiter.hit(`phone-code:${purpose}:${userId}`, PHONE_CODE_SENDS);
  if (hit.exceeded)
    throw problems.rateLimited(
      hit.retryAfterSeconds,
      `Too many codes sent. Ask for a new one in ${Math.ceil(hit.retryAfterSeconds / 60)} minutes.`,
    );
}

/**
 * Checks a code in its own transaction, so a wrong try is counted even though the request fails
 * (ACC-10: 5 tries per code, 10 minutes). Answers the phone the code was sent to.
 */
async function checkPhoneCode(ctx: AppContext, userId: number, purpose: CodePurpose, code: string) {
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const { phone_code_attempts: maxAttempts } = await settingsAt(trx, now);
    const row = await trx
      .selectFrom('phone_codes')
      .selectAll()
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('superseded_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return { error: 'none' as const };
    if (row.expires_at <= now) return { error: 'expired' as const };
    if (row.attempts >= maxAttempts) return { error: 'exhausted' as const };
    const given = Buffer.from(codeHash(ctx, row.id, code));
    const expected = Buffer.from(row.code_hash);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      await trx
        .updateTable('phone_codes')
        .set({ attempts: row.attempts + 1 })
        .where('id', '=', row.id)
        .execute();
      return { error: 'wrong' as const, left: maxAttempts - row.attempts - 1 };
    }
    await trx.updateTable('phone_codes').set({ used_at: now }).where('id', '=', row.id).execute();
    return { phone: row.phone };
  });
  if ('phone' in outcome) return outcome.phone;
  const field = [{ field: 'body.code', message: 'the code is not right' }];
  switch (outcome.error) {
    case 'none':
      throw problems.unprocessable('phone-code-missing', 'No code', 'Ask for a code first.');
    case 'expired':
      throw problems.unprocessable(
        'phone-code-expired',
        'Code expired',
        'This code has expired: ask a new one.',
      );
    case 'exhausted':
      throw problems.unprocessable(
        'phone-code-exhausted',
        'Too many wrong codes',
        'This code was tried too many times: ask a new one.',
      );
    default:
      throw new Problem({
        status: 422,
        slug: 'phone-code-wrong',
        title: 'Wrong code',
        detail: 'The code is not right.',
        extra: {
          attemptsLeft: outcome.left,
          errors: field,
        },
      });
  }
}

/** ACC-10: records the number (unverified) and texts it a 6-digit code. */
export async function startPhoneVerification(ctx: AppContext, user: User, phone: string) {
  await limitSends(ctx, user.id, 'verify_phone');
  return ctx.db.transaction().execute(async (trx) => {
    if (phone !== user.phone || !user.phone_verified_at)
      await trx
        .updateTable('users')
        .set({ phone, phone_verified_at: null })
        .where('id', '=', user.id)
        .execute();
    const expiresAt = await sendPhoneCode(ctx, trx, { userId: user.id, phone, purpose: 'verify_phone' });
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.phone-code-sent',
      subjectType: 'user',
      subjectId: user.id,
    });
    return { phone, expiresAt };
  });
}

export async function verifyPhone(ctx: AppContext, user: User, code: string) {
  const phone = await checkPhoneCode(ctx, user.id, 'verify_phone', code);
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('users')
      .set({ phone, phone_verified_at: ctx.clock.now() })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.phone-verified',
      subjectType: 'user',
      subjectId: user.id,
    });
    return updated;
  });
}

export const emailChangeSchema = z.object({
  newEmail: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  password: z.string().min(1).max(200),
  /** The code texted to the verified phone, when the policy asks for one (ACC-9). */
  phoneCode: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'six digits')
    .optional(),
});

/** Whether an address belongs to an account (now, or for ever: ACC-2) other than `userId`. */
async function addressTaken(db: Executor, email: string, userId: number) {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(email)`, '=', email)
    .where('id', '!=', userId)
    .executeTakeFirst();
  const retired = await db
    .selectFrom('retired_emails')
    .select('user_id')
    .where('email', '=', email)
    .where('user_id', '!=', userId)
    .executeTakeFirst();
  return Boolean(user ?? retired);
}

/**
 * ACC-9: the current password (and, by policy, a code texted to a verified phone) proves it is the owner;
 * the new address gets a confirmation link and the old one a notice. Whether the new address is free is
 * never said here (its owner is mailed instead), so the route cannot be used to find accounts.
 */
export async function requestEmailChange(
  ctx: AppContext,
  user: User,
  input: z.infer<typeof emailChangeSchema>,
): Promise<{ next: 'phone-code' | 'confirm-link'; message: string }> {
  if (!(await verifyPassword(user.password_hash, input.password)))
    throw new Problem({
      status: 403,
      slug: 'current-password-wrong',
      title: 'Current password wrong',
      detail: 'The password is not right.',
    });
  if (input.newEmail === user.email.toLowerCase())
    throw problems.validation([{ field: 'body.newEmail', message: 'this is already your address' }]);
  const settings = await settingsAt(ctx.db, ctx.clock.now());
  if (settings.email_change_needs_phone_code && user.phone_verified_at && user.phone) {
    if (!input.phoneCode) {
      await limitSends(ctx, user.id, 'email_change');
      await ctx.db
        .transaction()
        .execute((trx) =>
          sendPhoneCode(ctx, trx, { userId: user.id, phone: user.phone!, purpose: 'email_change' }),
        );
      return {
        next: 'phone-code',
        message: 'A code was texted to your verified phone: send it as phoneCode with the same request.',
      };
    }
    await checkPhoneCode(ctx, user.id, 'email_change', input.phoneCode);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    if (await addressTaken(trx, input.newEmail, user.id)) {
      await notifyAddress(trx, ctx, {
        userId: user.id,
        address: input.newEmail,
        kind: 'account.email-unavailable',
        params: {},
      });
    } else {
      const hours = settings.email_change_hours;
      const token = await issueLinkToken(
        trx,
        { userId: user.id },
        { purpose: 'email_change', now, ttlMs: hours * 3_600_000, data: { newEmail: input.newEmail } },
      );
      const link = `${ctx.config.publicUrl}/api/v1/auth/email-change/confirm?token=${token}`;
      await notifyAddress(trx, ctx, {
        userId: user.id,
        address: input.newEmail,
        kind: 'account.email-change-confirm',
        params: { link, hours, newEmail: input.newEmail },
      });
      await notify(trx, ctx, {
        userId: user.id,
        kind: 'account.email-change-requested',
        params: { newEmail: input.newEmail },
      });
    }
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.email-change-request',
      subjectType: 'user',
      subjectId: user.id,
      after: { newEmail: input.newEmail },
    });
  });
  return { next: 'confirm-link', message: 'Follow the link we sent to the new address to apply the change.' };
}

/** ACC-9: following the link applies the change; the old address stays the account's for ever (ACC-2). */
export async function confirmEmailChange(ctx: AppContext, token: string): Promise<User> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const row = await consumeLinkToken(trx, 'email_change', token, now);
    const newEmail = (row.data as { newEmail?: string }).newEmail;
    if (!row.user_id || !newEmail)
      throw problems.unprocessable('link-invalid', 'Invalid link', 'This link is not valid.');
    const user = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', row.user_id)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    if (await addressTaken(trx, newEmail, user.id))
      throw problems.conflict(
        'email-taken',
        'Address taken',
        'This address now belongs to another account; nothing was changed.',
      );
    const old = user.email.toLowerCase();
    await trx
      .insertInto('retired_emails')
      .values({ email: old, user_id: user.id, retired_at: now })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    await trx
      .deleteFrom('retired_emails')
      .where('email', '=', newEmail)
      .where('user_id', '=', user.id)
      .execute();
    const updated = await trx
      .updateTable('users')
      .set({ email: newEmail })
      .where('id', '=', user.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await notifyAddress(trx, ctx, {
      userId: user.id,
      address: user.email,
      kind: 'account.email-changed',
      params: { newEmail },
    });
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: user.id },
      action: 'account.email-change',
      subjectType: 'user',
      subjectId: user.id,
      before: { email: user.email },
      after: { email: newEmail },
    });
    return updated;
  });
}
