import { z } from 'zod';
import { sql, type SelectQueryBuilder } from 'kysely';
import { intString } from './schemas.js';
import { preparedMark } from '../../db/prepared.js';

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

/** The window count's column, dropped from the items. */
const TOTAL = '__page_total';

/**
 * One page of `qb` and how many rows it has in all, in one statement (a window count beside the page; issue
 * #14: the separate count was a third round trip of every list). A page past the end has no row to carry
 * the count, so only then is it counted on its own. `qb` carries its own order and no DISTINCT.
 */
export async function pageOf<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  q: PageQuery,
): Promise<Page<O>> {
  const rows = (await qb
    .modifyFront(preparedMark)
    .select(sql<number>`count(*) over ()`.as(TOTAL))
    .offset((q.page - 1) * q.perPage)
    .limit(q.perPage)
    .execute()) as (O & { [TOTAL]: number | string })[];
  let total: number;
  if (rows.length) total = Number(rows[0]![TOTAL]);
  else if (q.page === 1) total = 0;
  else {
    const counted = await qb
      .clearSelect()
      .clearOrderBy()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    total = Number((counted as { n: number }).n);
  }
  const items = rows.map((r) => {
    const { [TOTAL]: _total, ...item } = r;
    return item as O;
  });
  return { items, total, page: q.page, perPage: q.perPage };
}
