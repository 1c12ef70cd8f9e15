/**
 * OPS-2: SLA due times in business days, Mon–Fri minus a holiday list, counted in the
 * marketplace's time zone. A due time keeps the local time of day of its start; work
 * that arrives on a weekend or holiday starts counting at the next business morning.
 */

export interface Calendar {
  timezone: string;
  /** ISO dates, YYYY-MM-DD, in the marketplace's time zone. */
  holidays: readonly string[];
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

// The zone's offset from UTC, found with Intl once per quarter of an hour (offsets change only on quarter
// hours) and kept: formatToParts on every call cost ~36 ms per queue page of 25 SLA countdowns (issue #15).
const QUARTER_HOUR = 900_000;
const offsets = new Map<string, Map<number, number>>();
function offsetAt(ms: number, timezone: string): number {
  let zone = offsets.get(timezone);
  if (!zone) offsets.set(timezone, (zone = new Map<number, number>()));
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const at = quarter * QUARTER_HOUR;
    const parts = Object.fromEntries(
      formatter(timezone)
        .formatToParts(new Date(at))
        .map((p) => [p.type, p.value]),
    );
    const local = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    offset = local - at;
    if (zone.size > 100_000) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

function localParts(at: Date, timezone: string): LocalParts {
  const local = new Date(at.getTime() + offsetAt(at.getTime(), timezone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    ms: local.getUTCMilliseconds(),
  };
}

/** The instant at which the wall clock in `timezone` shows the given local time. */
function fromLocal(p: LocalParts, timezone: string): Date {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  // Two passes settle the offset even across a DST change.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = localParts(new Date(guess), timezone);
    const seenAsUtc = Date.UTC(
      seen.year,
      seen.month - 1,
      seen.day,
      seen.hour,
      seen.minute,
      seen.second,
      seen.ms,
    );
    guess += asUtc - seenAsUtc;
  }
  return new Date(guess);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function nextDay(p: LocalParts): LocalParts {
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  return { ...p, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function isBusinessDay(year: number, month: number, day: number, calendar: Calendar): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.includes(isoDate(year, month, day));
}

export function isBusinessDayAt(at: Date, calendar: Calendar): boolean {
  const p = localParts(at, calendar.timezone);
  return isBusinessDay(p.year, p.month, p.day, calendar);
}

/** `start` plus `days` business days, in the calendar's time zone. */
export function addBusinessDays(start: Date, days: number, calendar: Calendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('business days must be a whole number ≥ 0');
  let p = localParts(start, calendar.timezone);
  if (!isBusinessDay(p.year, p.month, p.day, calendar)) {
    // Arrived outside business days: the clock starts at 00:00 of the next business day.
    p = { ...p, hour: 0, minute: 0, second: 0, ms: 0 };
    do p = nextDay(p);
    while (!isBusinessDay(p.year, p.month, p.day, calendar));
  }
  for (let left = days; left > 0;) {
    p = nextDay(p);
    if (isBusinessDay(p.year, p.month, p.day, calendar)) left--;
  }
  return fromLocal(p, calendar.timezone);
}

export function localDate(at: Date, timezone: string): string {
  const p = localParts(at, timezone);
  return isoDate(p.year, p.month, p.day);
}

/** The next moment after `now` at the given whole UTC hour: a daily job's next run. */
export function nextDailyAt(now: Date, utcHour: number): Date {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), utcHour, 0, 0));
  return today > now ? today : new Date(today.getTime() + 86_400_000);
}

/** 00:00 of the local day after the one `at` falls on. */
function nextLocalMidnight(at: Date, timezone: string): Date {
  return fromLocal({ ...nextDay(localParts(at, timezone)), hour: 0, minute: 0, second: 0, ms: 0 }, timezone);
}

/** The business time between two moments: the parts of [from, to) that fall on business days. */
export function businessMsBetween(from: Date, to: Date, calendar: Calendar): number {
  let total = 0;
  for (let at = from; at < to;) {
    const end = new Date(Math.min(nextLocalMidnight(at, calendar.timezone).getTime(), to.getTime()));
    if (isBusinessDayAt(at, calendar)) total += end.getTime() - at.getTime();
    at = end;
  }
  return total;
}

/** `start` moved on by `ms` of business time (days that are not business days are skipped). */
export function addBusinessMs(start: Date, ms: number, calendar: Calendar): Date {
  let at = start;
  for (let left = ms; ;) {
    const midnight = nextLocalMidnight(at, calendar.timezone);
    if (isBusinessDayAt(at, calendar)) {
      const room = midnight.getTime() - at.getTime();
      if (left <= room) return new Date(at.getTime() + left);
      left -= room;
    }
    at = midnight;
  }
}
