import { isSupportedCountry } from 'libphonenumber-js/max';
import type { InvoiceKind } from '../../../db/schema.js';

/** INV-2: the series each kind is numbered in, without gaps per year. */
export const SERIES: Record<InvoiceKind, string> = { invoice: 'INV', credit_note: 'CN' };

/** `INV/2026/000123`. */
export function invoiceNumber(series: string, year: number, seq: number): string {
  return `${series}/${year}/${String(seq).padStart(6, '0')}`;
}

/** One formatter per time zone: every invoice asks (issue #14), and building one costs more than using it. */
const YEARS = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar year of `at` in the marketplace time zone (an invoice of 31 December 23:30 WIB is that
 * year's).
 */
export function yearIn(at: Date, timezone: string): number {
  let years = YEARS.get(timezone);
  if (!years) {
    years = new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric' });
    YEARS.set(timezone, years);
  }
  return Number(years.format(at));
}

/** `YYYY-MM` of `at` in the marketplace time zone. */
export function monthIn(at: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone: timezone, year: 'numeric', month: '2-digit' })
    .formatToParts(at)
    .reduce<Record<string, string>>((a, p) => ({ ...a, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}`;
}

/**
 * INV-2: prices include VAT; the invoice shows the base (DPP) and the tax line. Integer arithmetic, rounded
 * half up (MNY-1): base = total × 10000 / (10000 + bp).
 */
export function splitTax(total: number, bp: number): { subtotal: number; tax: number } {
  if (bp <= 0) return { subtotal: total, tax: 0 };
  const d = BigInt(10_000 + bp);
  const subtotal = Number((BigInt(total) * 10_000n * 2n + d) / (2n * d));
  return { subtotal, tax: total - subtotal };
}

/**
 * INV-1: an Indonesian tax id (NPWP) is 15 digits (`99.999.999.9-999.999`) or, since 2024, the 16-digit
 * NIK-based number; dots, dashes and spaces are allowed as separators. Answers the digits or null.
 */
export function normaliseNpwp(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^[\d.\-\s]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/[.\-\s]/g, '');
  return /^\d{15}$|^\d{16}$/.test(digits) ? digits : null;
}

/** `99.999.999.9-999.999` for 15 digits; 16 digits are written as they are. */
export function formatNpwp(digits: string): string {
  if (digits.length !== 15) return digits;
  const d = (from: number, to?: number) => digits.slice(from, to);
  return `${d(0, 2)}.${d(2, 5)}.${d(5, 8)}.${d(8, 9)}-${d(9, 12)}.${d(12)}`;
}

/** ISO 3166-1 alpha-2 country codes, as libphonenumber knows them. */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}
