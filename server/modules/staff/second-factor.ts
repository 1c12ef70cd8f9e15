import { createHmac, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { sql } from 'kysely';
import type { Executor, Staff, StaffRole } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { audit, type Actor } from '../audit/audit.js';
import { secretBox } from '../../auth/secret-box.js';
import { settingsAt } from '../settings/repository.js';
import type { Settings } from '../settings/rules.js';

/** OPS-7: roles that move money or change roles and settings always sign in with a second factor. */
const ALWAYS: readonly StaffRole[] = ['admin', 'finance'];
export const RECOVERY_CODES = 10;
export const TOTP_ISSUER = 'Pasar';

export function secondFactorRequired(role: StaffRole, settings: Settings): boolean {
  if (ALWAYS.includes(role)) return true;
  if (role === 'support') return settings.second_factor_support === 1;
  return settings.second_factor_trust_safety === 1;
}

export async function confirmedFactor(db: Executor, staffId: number) {
  return db
    .selectFrom('staff_second_factors')
    .selectAll()
    .where('staff_id', '=', staffId)
    .where('confirmed_at', 'is not', null)
    .executeTakeFirst();
}

/**
 * TOTP secrets are kept sealed with `PASAR_ENCRYPTION_KEY`, bound to their staff member: a database dump
 * alone cannot mint codes, and a sealed secret copied to another row does not open.
 */
export const sealTotpSecret = (key: Buffer, staffId: number, secret: string) =>
  secretBox(key).seal(secret, `staff-totp:${staffId}`);
/** The secret in clear, or null when it does not open (another key, another row's secret, tampered). */
function openTotpSecret(ctx: AppContext, staffId: number, stored: string): string | null {
  try {
    return secretBox(ctx.config.encryptionKey).open(stored, `staff-totp:${staffId}`);
  } catch {
    return null;
  }
}

const hashRecoveryCode = (ctx: AppContext, code: string) =>
  createHmac('sha256', ctx.config.sessionSecret)
    .update(code.replace(/[^a-z0-9]/gi, '').toLowerCase())
    .digest('hex');

/** Ten codes like `k3f9-x2mq-7hpa` (60 bits each), shown once. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/**
 * Starts (or restarts) enrolment: a new secret, its otpauth:// URI and that URI as a QR code. Refused while
 * a confirmed factor exists (an admin resets it first).
 */
export async function startEnrolment(ctx: AppContext, staff: Staff) {
  const secret = generateSecret();
  await ctx.db.transaction().execute(async (trx) => {
    if (await confirmedFactor(trx, staff.id))
      throw problems.conflict(
        'second-factor-enrolled',
        'Already enrolled',
        'Your second factor is set up already; an admin can reset it if you lost it.',
      );
    await trx.deleteFrom('staff_second_factors').where('staff_id', '=', staff.id).execute();
    await trx
      .insertInto('staff_second_factors')
      .values({
        staff_id: staff.id,
        secret: sealTotpSecret(ctx.config.encryptionKey, staff.id, secret),
        created_at: ctx.clock.now(),
        confirmed_at: null,
        last_time_step: null,
      })
      .execute();
  });
  const otpauthUri = generateURI({ issuer: TOTP_ISSUER, label: staff.email, secret });
  const qrCode = await QRCode.toDataURL(otpauthUri, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  return { secret, otpauthUri, qrCode };
}

/**
 * Checks a TOTP code against the secret at the auth clock's time (one step either side for clock drift),
 * never accepting a step used before (RFC 6238 §5.2); answers the step to remember.
 */
async function totpStep(ctx: AppContext, secret: string | null, code: string, lastStep: number | null) {
  if (secret === null || !/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(ctx.authClock.now().getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The first right code confirms the factor and answers the ten recovery codes, in clear this once. */
export async function confirmEnrolment(ctx: AppContext, staff: Staff, code: string) {
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await ctx.db.transaction().execute(async (trx) => {
    const factor = await trx
      .selectFrom('staff_second_factors')
      .selectAll()
      .where('staff_id', '=', staff.id)
      .forUpdate()
      .executeTakeFirst();
    if (!factor) throw problems.conflict('no-enrolment', 'No enrolment', 'Start the enrolment first.');
    if (factor.confirmed_at)
      throw problems.conflict('second-factor-enrolled', 'Already enrolled', 'Your second factor is set up.');
    const step = await totpStep(ctx, openTotpSecret(ctx, staff.id, factor.secret), code.trim(), null);
    if (step === null)
      throw problems.unprocessable(
        'second-factor-wrong',
        'Wrong code',
        'The code is not right; try the next one.',
        {
          errors: [{ field: 'body.code', message: 'not the code of the authenticator app' }],
        },
      );
    await trx
      .updateTable('staff_second_factors')
      .set({ confirmed_at: ctx.clock.now(), last_time_step: step })
      .where('staff_id', '=', staff.id)
      .execute();
    await trx.deleteFrom('staff_recovery_codes').where('staff_id', '=', staff.id).execute();
    await trx
      .insertInto('staff_recovery_codes')
      .values(codes.map((c) => ({ staff_id: staff.id, code_hash: hashRecoveryCode(ctx, c), used_at: null })))
      .execute();
    await audit(trx, ctx.clock, {
      actor: { type: 'staff', id: staff.id, role: staff.role },
      action: 'staff.second-factor-enrol',
      subjectType: 'staff',
      subjectId: staff.id,
    });
  });
  return { recoveryCodes: codes };
}

/**
 * The second step of a sign-in: a TOTP code (each accepted once) or a recovery code (each works once).
 * Answers how the staff member proved it, or null.
 */
export async function checkSecondFactor(ctx: AppContext, staffId: number, code: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const factor = await trx
      .selectFrom('staff_second_factors')
      .selectAll()
      .where('staff_id', '=', staffId)
      .where('confirmed_at', 'is not', null)
      .forUpdate()
      .executeTakeFirst();
    if (!factor) return null;
    const trimmed = code.trim();
    const secret = openTotpSecret(ctx, staffId, factor.secret);
    const step = await totpStep(ctx, secret, trimmed, factor.last_time_step);
    if (step !== null && secret !== null) {
      // A secret written before sealing existed is sealed on its first use.
      await trx
        .updateTable('staff_second_factors')
        .set({ last_time_step: step, secret: sealTotpSecret(ctx.config.encryptionKey, staffId, secret) })
        .where('staff_id', '=', staffId)
        .execute();
      return 'totp' as const;
    }
    const used = await trx
      .updateTable('staff_recovery_codes')
      .set({ used_at: ctx.clock.now() })
      .where('staff_id', '=', staffId)
      .where('code_hash', '=', hashRecoveryCode(ctx, trimmed))
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return used ? ('recovery' as const) : null;
  });
}

export async function secondFactorStatus(ctx: AppContext, staff: Staff) {
  const settings = await settingsAt(ctx.db, ctx.clock.now());
  const factor = await confirmedFactor(ctx.db, staff.id);
  const left = await ctx.db
    .selectFrom('staff_recovery_codes')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('staff_id', '=', staff.id)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    required: secondFactorRequired(staff.role, settings),
    enrolled: Boolean(factor),
    confirmedAt: factor?.confirmed_at ?? null,
    recoveryCodesLeft: factor ? left.n : 0,
  };
}

/**
 * OPS-7: an admin resets a colleague's lost second factor (never their own), with a reason; their sessions
 * end.
 */
export async function resetSecondFactor(
  ctx: AppContext,
  actor: Actor & { type: 'staff' },
  r: { staffId: number; reason: string; requestId?: string },
) {
  const { staffId, reason, requestId } = r;
  if (actor.id === staffId)
    throw new Problem({
      status: 403,
      slug: 'own-second-factor',
      title: 'Not your own',
      detail: 'An admin cannot reset their own second factor; ask another admin.',
    });
  await ctx.db.transaction().execute(async (trx) => {
    const staff = await trx.selectFrom('staff').select('id').where('id', '=', staffId).executeTakeFirst();
    if (!staff) throw problems.notFound('staff member');
    await trx.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
    await trx.deleteFrom('staff_second_factors').where('staff_id', '=', staffId).execute();
    await endStaffSessions(trx, staffId);
    await audit(trx, ctx.clock, {
      actor,
      action: 'staff.second-factor-reset',
      subjectType: 'staff',
      subjectId: staffId,
      reason,
      requestId,
    });
  });
}

/** Ends every session of a staff member (or all but one). */
export async function endStaffSessions(db: Executor, staffId: number, exceptSid?: string) {
  let q = db
    .deleteFrom('staff_sessions')
    .where((eb) =>
      eb.or([eb('staff_id', '=', staffId), eb(sql`sess->'passport'->>'user'`, '=', String(staffId))]),
    );
  if (exceptSid) q = q.where('sid', '!=', exceptSid);
  await q.execute();
}
