import type { Executor } from '../../../db/schema.js';
import { addBusinessDays } from '../../time/business-days.js';
import { settingsAt } from './repository.js';
import type { Settings } from './rules.js';

type BusinessDaySetting = {
  [K in keyof Settings]: K extends `${string}_business_days` ? K : never;
}[keyof Settings];

/**
 * OPS-2: a queue's SLA due date, the setting's number of business days after `now`, in the platform's time
 * zone and holidays.
 */
export async function slaDueAt(
  db: Executor,
  timezone: string,
  now: Date,
  setting: BusinessDaySetting,
): Promise<Date> {
  const s = await settingsAt(db, now);
  return addBusinessDays(now, s[setting], { timezone, holidays: s.holidays });
}
