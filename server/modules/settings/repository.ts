import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';
import { defaultSettings, type Settings } from './rules.js';

export interface SettingChange {
  key: string;
  value: unknown;
  effectiveFrom: Date;
  changedBy: number | null;
  reason: string | null;
}

/** The value of every setting in force at `at` (POL-1: a change applies to cases opened after it). */
export async function settingsAt(db: Executor, at: Date): Promise<Settings> {
  const rows = await db
    .selectFrom('setting_changes')
    .distinctOn('key')
    .select(['key', 'value'])
    .where('effective_from', '<=', at)
    .orderBy('key')
    .orderBy('effective_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const settings = defaultSettings() as Record<string, unknown>;
  for (const r of rows) if (r.key in settings) settings[r.key] = r.value;
  return settings as Settings;
}

export async function latestChanges(
  db: Executor,
): Promise<
  Map<
    string,
    { effective_from: Date; changed_by: number | null; changed_by_name: string | null; reason: string | null }
  >
> {
  const rows = await db
    .selectFrom('setting_changes')
    .leftJoin('staff', 'staff.id', 'setting_changes.changed_by')
    .distinctOn('setting_changes.key')
    .select([
      'setting_changes.key',
      'setting_changes.effective_from',
      'setting_changes.changed_by',
      'staff.name as changed_by_name',
      'setting_changes.reason',
    ])
    .orderBy('setting_changes.key')
    .orderBy('setting_changes.effective_from', 'desc')
    .orderBy('setting_changes.id', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.key, r]));
}

export async function insertChange(db: Executor, change: SettingChange): Promise<void> {
  await db
    .insertInto('setting_changes')
    .values({
      key: change.key,
      value: JSON.stringify(change.value),
      effective_from: change.effectiveFrom,
      changed_by: change.changedBy,
      reason: change.reason,
    })
    .execute();
}

/** Serialises concurrent changes to settings so before/after in the audit row are exact. */
export async function lockSettings(db: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('pasar.settings'))`.execute(db);
}
