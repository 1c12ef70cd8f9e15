import { z } from 'zod';
import { sql, type SelectQueryBuilder } from 'kysely';
import { intString } from './schemas.js';

/**
 * The one page shape of the public API's lists (SUP-7): `?page=1&perPage=20` in, `{ items, total, page,
 * perPage }` out. The console's lists use ra-data-simple-rest instead (server/http/list.ts).
 */
export const pageQuery = z.object({
  page: intString(1, 100_000).default(1),
  perPage: intString(1, 100).default(20),
});
export type PageQuery = z.infer<typeof pageQuery>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
}

/** The OpenAPI shape of a page of `item`s. */
export function pageSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), perPage: z.number() });
}

/** Counts `qb` and reads one page of it; `qb` carries its own order. */
export async function pageOf<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  q: PageQuery,
): Promise<Page<O>> {
  const counted = await qb
    .clearSelect()
    .clearOrderBy()
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const items = await qb
    .offset((q.page - 1) * q.perPage)
    .limit(q.perPage)
    .execute();
  return { items, total: Number((counted as { n: number }).n), page: q.page, perPage: q.perPage };
}
