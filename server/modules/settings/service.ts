import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Clock } from '../../time/clock.js';
import { problems, type FieldError } from '../../http/problem.js';
import { audit, type Actor } from '../audit/audit.js';
import { insertChange, lockSettings, settingsAt } from './repository.js';
import { SETTINGS_BY_KEY, type Settings } from './rules.js';

/** Changes one or more settings in one transaction, one audit row per changed key. */
export async function changeSettings(
  db: Kysely<Database>,
  clock: Clock,
  actor: Actor & { type: 'staff' },
  change: { values: Record<string, unknown>; reason: string; requestId?: string },
): Promise<Settings> {
  const { values, reason, requestId } = change;
  const errors: FieldError[] = [];
  const parsed: [string, unknown][] = [];
  for (const [key, value] of Object.entries(values)) {
    const def = SETTINGS_BY_KEY.get(key);
    if (!def) {
      errors.push({ field: `body.values.${key}`, message: `${key} is not a policy setting` });
      continue;
    }
    const r = def.schema.safeParse(value);
    if (!r.success) {
      errors.push({ field: `body.values.${key}`, message: r.error.issues.map((i) => i.message).join('; ') });
      continue;
    }
    parsed.push([key, r.data]);
  }
  if (errors.length) throw problems.validation(errors);
  if (parsed.length === 0)
    throw problems.validation([{ field: 'body.values', message: 'name at least one setting to change' }]);

  return db.transaction().execute(async (trx) => {
    await lockSettings(trx);
    const now = clock.now();
    const before = (await settingsAt(trx, now)) as Record<string, unknown>;
    for (const [key, value] of parsed) {
      if (JSON.stringify(before[key]) === JSON.stringify(value)) continue;
      await insertChange(trx, { key, value, effectiveFrom: now, changedBy: actor.id, reason });
      await audit(trx, clock, {
        actor,
        action: 'settings.change',
        subjectType: 'setting',
        subjectId: key,
        reason,
        before: { value: before[key] },
        after: { value },
        requestId,
      });
    }
    return settingsAt(trx, now);
  });
}
