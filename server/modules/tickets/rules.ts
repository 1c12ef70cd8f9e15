import { formatRupiah } from '../../money.js';
import { Problem } from '../../http/problem.js';

/** SUP-5: the placeholders a macro may use, and how each reads. */
export const MACRO_PLACEHOLDERS = ['user.name', 'order.title', 'withdrawal.amount'] as const;
export type MacroPlaceholder = (typeof MACRO_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

/** Placeholders a macro text uses that are not known (refused when an admin saves the macro). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((p) => !(MACRO_PLACEHOLDERS as readonly string[]).includes(p));
}

/**
 * Fills a macro with the ticket's data. A placeholder the ticket has no value for (no linked order) is a
 * 422, never an empty gap in a mail to the user.
 */
export function renderMacro(
  text: string,
  values: Partial<Record<MacroPlaceholder, string | number | undefined>>,
): string {
  const missing = new Set<string>();
  const out = text.replace(PLACEHOLDER, (whole, key: string) => {
    const v = values[key as MacroPlaceholder];
    if (v === undefined || v === null) {
      missing.add(key);
      return whole;
    }
    return key === 'withdrawal.amount' ? formatRupiah(Number(v)) : String(v);
  });
  if (missing.size)
    throw new Problem({
      status: 422,
      slug: 'macro-data-missing',
      title: 'The ticket lacks what the macro needs',
      detail:
        `This ticket has no value for ${[...missing].join(', ')}; ` +
        'link the record or write the reply by hand.',
      extra: { missing: [...missing] },
    });
  return out;
}
