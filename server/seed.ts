import { sql } from 'kysely';
import { seedReasonTemplates } from './seed-reasons.js';
import { applyTransition, createRecord } from './machines/apply.js';
import { ACCOUNT_MACHINE } from './modules/accounts/machine.js';
import type { Executor, StaffRole } from '../db/schema.js';
import type { Clock } from './time/clock.js';
import type { AppContext } from './context.js';
import {
  seedApplications,
  seedMarketplace,
  seedPayouts,
  seedSupport,
  seedTrustCases,
} from './seed-market.js';
import { hashPassword } from './auth/passwords.js';
import { audit, systemActor } from './modules/audit/audit.js';
import { sealTotpSecret } from './modules/staff/second-factor.js';

export const DEMO_STAFF: { email: string; name: string; role: StaffRole }[] = [
  { email: 'admin@pasar.test', name: 'Ayu Admin', role: 'admin' },
  { email: 'support@pasar.test', name: 'Sinta Support', role: 'support' },
  { email: 'trust@pasar.test', name: 'Taufik Trust', role: 'trust_safety' },
  { email: 'finance@pasar.test', name: 'Fajar Finance', role: 'finance' },
  { email: 'finance2@pasar.test', name: 'Fitri Finance', role: 'finance' },
];

export const DEMO_USERS = [
  { email: 'budi@pasar.test', name: 'Budi Santoso', username: 'budi' },
  { email: 'sari@pasar.test', name: 'Sari Wulandari', username: 'sari' },
  { email: 'rina@pasar.test', name: 'Rina Hartono', username: 'rina' },
  { email: 'agus@pasar.test', name: 'Agus Pratama', username: 'agus' },
];

/**
 * OPS-7: demo admin and finance accounts sign in with a second factor like real ones. For the demo only,
 * their authenticator secret is this published one (README, "Demo logins"): add it to an authenticator
 * app, or compute the code with otplib. Real staff enrol their own secret in the console.
 */
export const DEMO_TOTP_SECRET = 'PASARDEMOTOTPSECRETONLYFORDEMO22';

/**
 * Creates the demo staff accounts, in DEMO_STAFF order, with one password hash. The test reset
 * calls it too, right after restarting the id sequence, so each account keeps its id.
 */
export async function createDemoStaff(
  trx: Executor,
  clock: Clock,
  s: { hash: string; reason: string; encryptionKey: Buffer },
) {
  const { hash, reason, encryptionKey } = s;
  const now = clock.now();
  for (const s of DEMO_STAFF) {
    const row = await trx
      .insertInto('staff')
      .values({ ...s, password_hash: hash, created_at: now, last_login_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (s.role === 'admin' || s.role === 'finance')
      await trx
        .insertInto('staff_second_factors')
        .values({
          staff_id: row.id,
          secret: sealTotpSecret(encryptionKey, row.id, DEMO_TOTP_SECRET),
          created_at: now,
          confirmed_at: now,
          last_time_step: null,
        })
        .execute();
    await audit(trx, clock, {
      actor: systemActor,
      action: 'staff.create',
      subjectType: 'staff',
      subjectId: row.id,
      reason,
      after: s,
    });
  }
}

/** Seeds demo data into an empty database; does nothing when any staff account exists. */
export async function seedDemo(ctx: AppContext, password: string): Promise<boolean> {
  const { db, clock } = ctx;
  const hash = await hashPassword(password);
  const seeded = await db.transaction().execute(async (trx) => {
    // Instances starting together on an empty database: one seeds, the others wait and then find staff.
    await sql`select pg_advisory_xact_lock(hashtext('pasar-demo-seed'))`.execute(trx);
    const any = await trx.selectFrom('staff').select('id').limit(1).executeTakeFirst();
    if (any) return false;
    const now = clock.now();
    await createDemoStaff(trx, clock, { hash, reason: 'demo seed', encryptionKey: ctx.config.encryptionKey });
    for (const u of DEMO_USERS) {
      // Demo users are born pending like everyone and activated at once (no e-mail link to follow).
      const user = await createRecord(trx, ACCOUNT_MACHINE, {
        ...u,
        password_hash: hash,
        created_at: now,
        activated_at: null,
        suspended_until: null,
      });
      await applyTransition(trx, {
        machine: ACCOUNT_MACHINE,
        id: user.id,
        state: user.status,
        name: 'user-activate',
        actor: 'user',
        now,
        set: { activated_at: now },
      });
    }
    return true;
  });
  if (seeded) {
    await seedMarketplace(ctx);
    await seedApplications(ctx);
    await seedPayouts(ctx);
    await seedTrustCases(ctx);
    await seedSupport(ctx);
    await seedReasonTemplates(ctx);
  }
  return seeded;
}
