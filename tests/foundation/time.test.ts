import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessMs,
  businessMsBetween,
  isBusinessDayAt as isBusinessDay,
  localDate,
  nextDailyAt,
} from '../../server/time/business-days.js';
import { TestClock } from '../../server/time/clock.js';
import { loadConfig, ConfigError } from '../../server/config.js';

const tz = 'Asia/Jakarta';

describe('business time (SUP-3 paused SLAs)', () => {
  const H = 3_600_000;
  // Friday 2027-04-30; Monday 2027-05-03 is a holiday in this calendar.
  const cal = { timezone: tz, holidays: ['2027-05-03'] };
  it('counts only the parts of business days between two moments, in the marketplace zone', () => {
    const fri10 = new Date('2027-04-30T03:00:00Z');
    expect(businessMsBetween(fri10, new Date('2027-04-30T05:00:00Z'), cal)).toBe(2 * H);
    // Friday 10:00 to Tuesday 10:00: 14 h of Friday, the weekend and the holiday not, 10 h of Tuesday.
    expect(businessMsBetween(fri10, new Date('2027-05-04T03:00:00Z'), cal)).toBe(24 * H);
    expect(businessMsBetween(fri10, fri10, cal)).toBe(0);
    expect(businessMsBetween(new Date('2027-05-04T03:00:00Z'), fri10, cal)).toBe(0);
  });
  it('moves a moment on by business time, skipping what is not a business day', () => {
    const fri10 = new Date('2027-04-30T03:00:00Z');
    expect(addBusinessMs(fri10, 2 * H, cal).toISOString()).toBe('2027-04-30T05:00:00.000Z');
    // 14 h to Friday's midnight, then Saturday, Sunday and the Monday holiday skipped: Tuesday 10:00.
    expect(addBusinessMs(fri10, 24 * H, cal).toISOString()).toBe('2027-05-04T03:00:00.000Z');
    // Starting on a Saturday: the clock starts on the next business day.
    expect(addBusinessMs(new Date('2027-05-01T05:00:00Z'), H, cal).toISOString()).toBe(
      '2027-05-03T18:00:00.000Z',
    );
  });
  it(`time that runs out exactly at the end of a business day is due at its midnight, 1 ms more after \
the weekend`, () => {
    const fri10 = new Date('2027-04-30T03:00:00Z');
    // 14 h is all of Friday from 10:00: due at Friday 24:00 in Jakarta, not at the next business day's start.
    expect(addBusinessMs(fri10, 14 * H, cal).toISOString()).toBe('2027-04-30T17:00:00.000Z');
    // Saturday, Sunday and the Monday holiday skipped: 1 ms into Tuesday.
    expect(addBusinessMs(fri10, 14 * H + 1, cal).toISOString()).toBe('2027-05-03T17:00:00.001Z');
  });
});

describe('business time in a zone with daylight saving', () => {
  const H = 3_600_000;
  const ams = { timezone: 'Europe/Amsterdam', holidays: [] };
  it(`a business day that loses an hour to summer time is 23 hours long, and the \
due time keeps its local hour`, () => {
    // Monday 2027-03-29 after the switch on Sunday the 28th: Friday 09:00 CET (08:00Z) plus one business day
    // is Monday 09:00 CEST (07:00Z).
    expect(addBusinessDays(new Date('2027-03-26T08:00:00Z'), 1, ams).toISOString()).toBe(
      '2027-03-29T07:00:00.000Z',
    );
    // Friday 2027-03-26 00:00 CET to Monday 2027-03-29 00:00 CEST: only Friday counts (24 h).
    expect(businessMsBetween(new Date('2027-03-25T23:00:00Z'), new Date('2027-03-28T22:00:00Z'), ams)).toBe(
      24 * H,
    );
    // A Monday in the winter-to-summer week of 2027 in New York (switch on 14 March): 9 h of Monday.
    const ny = { timezone: 'America/New_York', holidays: [] };
    expect(businessMsBetween(new Date('2027-03-15T04:00:00Z'), new Date('2027-03-15T13:00:00Z'), ny)).toBe(
      9 * H,
    );
    expect(localDate(new Date('2027-03-28T22:30:00Z'), 'Europe/Amsterdam')).toBe('2027-03-29');
    expect(localDate(new Date('2027-03-28T21:30:00Z'), 'Europe/Amsterdam')).toBe('2027-03-28');
  });
});

describe('business days (OPS-2)', () => {
  it('OPS-2: a holiday on a one-digit month and day is skipped (dates are zero-padded)', () => {
    // Thursday 2027-04-29 09:00 WIB; Saturday 1 May is a holiday anyway, so use Monday 2027-05-03.
    const cal = { timezone: tz, holidays: ['2027-05-03'] };
    const due = addBusinessDays(new Date('2027-04-30T02:00:00Z'), 1, cal); // Friday 09:00
    expect(due.toISOString()).toBe('2027-05-04T02:00:00.000Z');
  });

  it('OPS-2: business days are a whole number of at least 0', () => {
    const cal = { timezone: tz, holidays: [] };
    expect(() => addBusinessDays(new Date(), -1, cal)).toThrow(/whole number/);
    expect(() => addBusinessDays(new Date(), 1.5, cal)).toThrow(RangeError);
    expect(addBusinessDays(new Date('2026-11-23T02:00:00Z'), 0, cal).toISOString()).toBe(
      '2026-11-23T02:00:00.000Z',
    );
  });

  it('localDate is the date on the wall clock of the time zone', () => {
    expect(localDate(new Date('2026-11-23T16:59:59Z'), tz)).toBe('2026-11-23');
    expect(localDate(new Date('2026-11-23T17:00:00Z'), tz)).toBe('2026-11-24');
  });

  it('nextDailyAt is the next moment strictly after now at the whole UTC hour', () => {
    expect(nextDailyAt(new Date('2026-11-23T01:59:59Z'), 2).toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(nextDailyAt(new Date('2026-11-23T02:00:00Z'), 2).toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(nextDailyAt(new Date('2026-11-23T02:00:01Z'), 2).toISOString()).toBe('2026-11-24T02:00:00.000Z');
  });

  it('OPS-2: 3 business days from a Friday afternoon in Jakarta land on Wednesday', () => {
    // Friday 2026-11-27 15:00 WIB
    const due = addBusinessDays(new Date('2026-11-27T08:00:00Z'), 3, { timezone: tz, holidays: [] });
    expect(due.toISOString()).toBe('2026-12-02T08:00:00.000Z');
  });

  it('OPS-2: holidays from the settings are skipped', () => {
    const due = addBusinessDays(new Date('2026-12-23T03:00:00Z'), 2, {
      timezone: tz,
      holidays: ['2026-12-25'],
    });
    // Wed 23 → Thu 24 (1), Fri 25 holiday, Sat, Sun, Mon 28 (2)
    expect(due.toISOString()).toBe('2026-12-28T03:00:00.000Z');
  });

  it('OPS-2: the weekend is judged in the marketplace time zone, not UTC', () => {
    // 2026-11-27T20:00Z is Saturday 03:00 in Jakarta but still Friday in UTC.
    expect(isBusinessDay(new Date('2026-11-27T20:00:00Z'), { timezone: tz, holidays: [] })).toBe(false);
    expect(isBusinessDay(new Date('2026-11-27T20:00:00Z'), { timezone: 'UTC', holidays: [] })).toBe(true);
  });

  it('OPS-2: a request made on a weekend counts from the next business day', () => {
    // Saturday 2026-11-28 10:00 WIB: the count starts Monday 00:00 WIB, so 1 business day is Tuesday 00:00
    // WIB.
    const due = addBusinessDays(new Date('2026-11-28T03:00:00Z'), 1, { timezone: tz, holidays: [] });
    expect(due.toISOString()).toBe('2026-11-30T17:00:00.000Z');
  });
});

describe('clock and configuration (OPS-4)', () => {
  it('OPS-4: the test clock only moves forward', () => {
    const c = new TestClock({ frozenAt: new Date('2026-01-01T00:00:00Z') });
    expect(c.advance(3600).toISOString()).toBe('2026-01-01T01:00:00.000Z');
    expect(() => c.advance(-1)).toThrow();
  });

  it('refuses to start with PASAR_TEST_CLOCK=1 and NODE_ENV=production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PASAR_TEST_CLOCK: '1', SESSION_SECRET: 's' })).toThrow(
      ConfigError,
    );
  });

  it(`INV-2: the company NPWP of 15 digits is written 99.999.999.9-999.999; one of 16 digits as \
it is`, () => {
    const npwp = (PASAR_COMPANY_NPWP: string) => loadConfig({ PASAR_COMPANY_NPWP }).issuer.npwp;
    expect(npwp('012345678901000')).toBe('01.234.567.8-901.000');
    expect(npwp('3174 0123 4567 8901')).toBe('3174012345678901');
    expect(() => npwp('31740123456789012')).toThrow(/PASAR_COMPANY_NPWP/);
  });

  it(`requires SESSION_SECRET, PASAR_ENCRYPTION_KEY (32 bytes) and the invoicing \
company in production`, () => {
    const key = 'ab'.repeat(32);
    expect(() => loadConfig({ NODE_ENV: 'production', PASAR_ENCRYPTION_KEY: key })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x' })).toThrow(/PASAR_ENCRYPTION_KEY/);
    expect(() => loadConfig({ PASAR_ENCRYPTION_KEY: 'too-short' })).toThrow(/32 bytes/);
    const company = {
      PASAR_COMPANY_NAME: 'PT Contoh Pasar',
      PASAR_COMPANY_ADDRESS: 'Jl. Contoh 1; Bandung 40111',
      PASAR_COMPANY_NPWP: '012345678901000',
    };
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x', PASAR_ENCRYPTION_KEY: key }),
    ).toThrow(/PASAR_COMPANY_NAME, PASAR_COMPANY_ADDRESS, PASAR_COMPANY_NPWP required/);
    expect(() => loadConfig({ PASAR_COMPANY_NPWP: '12345' })).toThrow(/PASAR_COMPANY_NPWP/);
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x',
      PASAR_ENCRYPTION_KEY: key,
      ...company,
    });
    expect(config.issuer).toEqual({
      name: 'PT Contoh Pasar',
      address: ['Jl. Contoh 1', 'Bandung 40111'],
      npwp: '01.234.567.8-901.000',
      email: null,
    });
    expect(config.env).toBe('production');
    expect(config.encryptionKey.toString('hex')).toBe(key);
    expect(
      loadConfig({ PASAR_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') }).encryptionKey,
    ).toEqual(Buffer.alloc(32, 7));
  });

  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.timezone).toBe('Asia/Jakarta');
    expect(c.testClock).toBe(false);
    expect(() => loadConfig({ PASAR_TIMEZONE: 'Mars/Olympus' })).toThrow(ConfigError);
  });
});
