import { z } from 'zod';
import type { FieldError } from './problem.js';

/** The largest value of a PostgreSQL `integer` column: every id and count the API stores. */
export const MAX_INT = 2_147_483_647;

// A NUL, or half of a UTF-16 surrogate pair without its other half: PostgreSQL text can hold neither.
// eslint-disable-next-line no-control-regex -- finding the NUL is the point
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether PostgreSQL can store the string as text. */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/**
 * The one string check every request goes through, whatever its schema says: walks params, query and body
 * (values and keys) and names each string PostgreSQL could not store. The route layer answers 400 with
 * these field errors before any schema or query runs.
 */
export function unstorableStrings(
  value: unknown,
  path: string,
  out: FieldError[] = [],
  depth = 0,
): FieldError[] {
  if (out.length >= 20 || depth > 32) return out;
  if (typeof value === 'string') {
    if (!isStorableText(value))
      out.push({
        field: path,
        message: 'contains a NUL character or a broken UTF-16 surrogate',
        code: 'invalid_text',
      });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unstorableStrings(v, `${path}.${i}`, out, depth + 1));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k))
        out.push({ field: path, message: 'a key contains a NUL character or a broken UTF-16 surrogate' });
      unstorableStrings(v, `${path}.${k}`, out, depth + 1);
    }
  }
  return out;
}

/**
 * A whole number written in digits only, as path and query parameters carry them: no sign, space,
 * exponent, hex or fraction (" 1", "1e3", "0x1F", "1.0" are refused, not read as 1, 1000, 31, 1).
 */
export const intString = (min: number, max = MAX_INT) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,15})$/, 'must be a whole number written in digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** An id in a path or query string: a positive integer that fits the id columns. */
export const idString = intString(1);

/** An id inside JSON (a list filter, a body field): a positive integer, or its digits as a string. */
export const idValue = z.union([z.number().int().positive().max(MAX_INT), idString]);
