import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import type { TestClock } from '../../time/clock.js';
import { hashPassword } from '../../auth/passwords.js';
import { createDemoStaff, DEMO_STAFF } from '../../seed.js';
import { audit, systemActor } from '../audit/audit.js';
import { scheduleNextLevelsRun } from '../trust/levels.js';
import { scheduleNextReconciliation } from '../ledger/reconcile.js';

/**
 * Kept across a reset: the migrations' own bookkeeping, and the staff sessions, so a browser logged in
 * before the reset (Playwright's storageState) is still logged in after it: the demo staff accounts
 * come back with the same ids, and a session names its staff member by id.
 */
const KEPT_TABLES = ['kysely_migration', 'kysely_migration_lock', 'staff_sessions'];

/**
 * Empties every table (TRUNCATE, so the append-only triggers on the journal and the audit log, which
 * guard rows against UPDATE and DELETE, do not fire), recreates the demo staff accounts with the demo
 * password, schedules the daily runs the server schedules when it starts, and moves the test clock
 * back to where it started. One transaction: a scheduler tick sees the old data or the new.
 */
export async function resetForTests(ctx: AppContext, clock: TestClock, staffPasswordHash: string) {
  const now = clock.reset();
  await ctx.db.transaction().execute(async (trx) => {
    const staffBefore = await trx.selectFrom('staff').select(['id', 'email']).execute();
    const { rows } = await sql<{ tablename: string }>`select tablename from pg_tables
      where schemaname = current_schema() and tablename not in (${sql.join(KEPT_TABLES)})`.execute(trx);
    const tables = rows.map((r) => r.tablename).sort();
    await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))} restart identity cascade`.execute(trx);
    await createDemoStaff(trx, clock, {
      hash: staffPasswordHash,
      reason: 'test reset',
      encryptionKey: ctx.config.encryptionKey,
    });
    // A session stays only if its id names the same account as before; otherwise it would now log in
    // whoever took that id.
    const staffAfter = await trx.selectFrom('staff').select(['id', 'email']).execute();
    const same = staffBefore
      .filter((b) => staffAfter.some((a) => a.id === b.id && a.email.toLowerCase() === b.email.toLowerCase()))
      .map((b) => String(b.id));
    await sql`delete from staff_sessions
      where coalesce(sess #>> '{passport,user}', '') not in (${sql.join(['', ...same])})`.execute(trx);
    await scheduleNextLevelsRun(trx, now);
    await scheduleNextReconciliation(trx, now);
    await audit(trx, clock, {
      actor: systemActor,
      action: 'test-data.reset',
      subjectType: 'test-data',
      reason: 'test reset (PASAR_TEST_CLOCK=1)',
      after: { tables: tables.length },
    });
  });
  return { now: now.toISOString(), staff: DEMO_STAFF.map(({ email, role }) => ({ email, role })) };
}

/** The demo password's hash, computed once per process (argon2 is slow on purpose). */
export function demoPasswordHash(password: string): () => Promise<string> {
  let hash: Promise<string> | null = null;
  return () => (hash ??= hashPassword(password));
}
