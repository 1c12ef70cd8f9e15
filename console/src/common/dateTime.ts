/**
 * Dates in the console: always in the marketplace's time zone (PASAR_TIMEZONE, given by GET /api/admin/me)
 * with its label, in the console's language, never the browser's zone or locale.
 */
let zone = 'Asia/Jakarta';

/** Set once the server has said which zone the marketplace keeps (authProvider, from /me). */
export function setTimeZone(timezone: string | undefined) {
  if (!timezone) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    zone = timezone;
  } catch {
    // An unknown zone keeps the default: the server refuses to start with one anyway.
  }
}

export function timeZone(): string {
  return zone;
}

// Indonesia's own names of its three zones; any other zone is shown by its IANA name.
const ZONE_LABELS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function timeZoneLabel(timezone = zone): string {
  return ZONE_LABELS[timezone] ?? timezone;
}

export type DateStyle = 'datetime' | 'date' | 'seconds';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatterFor(locale: string, style: DateStyle, timezone: string) {
  const key = `${locale}|${style}|${timezone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
      timeZone: timezone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(style === 'date' ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const }),
      ...(style === 'seconds' ? { second: '2-digit' } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

/**
 * "26 Nov 2026, 05:15 WIB" (en) or "26 Nov 2026, 05.15 WIB" (id: Indonesian writes the time with a dot).
 * Put together from the parts so that every browser shows the same text.
 */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  locale: string,
  style: DateStyle = 'datetime',
  timezone = zone,
): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(
    formatterFor(locale, style, timezone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.day} ${parts.month} ${parts.year}`;
  if (style === 'date') return day;
  const sep = locale === 'id' ? '.' : ':';
  const time = [parts.hour, parts.minute, ...(style === 'seconds' ? [parts.second] : [])].join(sep);
  return `${day}, ${time} ${timeZoneLabel(timezone)}`;
}
