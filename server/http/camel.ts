/**
 * One mapping from snake_case columns to camelCase answers (issue 12, item 4): `camel('buyer_id',
 * 'orders.created_at')` gives Kysely's select strings `'buyer_id as buyerId'` and
 * `'orders.created_at as createdAt'`. The alias is computed by the type too, so a selection stays fully
 * typed: `.select([...camel('buyer_id'), 'title'])` yields `{ buyerId: number; title: string }`.
 */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** The column of a `table.column` reference. */
export type ColumnOf<S extends string> = S extends `${string}.${infer C}` ? ColumnOf<C> : S;

export type CamelAlias<S extends string> = `${S} as ${CamelCase<ColumnOf<S>>}`;

export const camelCase = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

export function camel<const S extends readonly string[]>(
  ...columns: S
): { [K in keyof S]: CamelAlias<S[K]> } {
  return columns.map((c) => `${c} as ${camelCase(c.slice(c.lastIndexOf('.') + 1))}`) as {
    [K in keyof S]: CamelAlias<S[K]>;
  };
}
