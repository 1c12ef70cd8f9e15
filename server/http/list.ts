/* eslint-disable @typescript-eslint/no-explicit-any --
   one list helper serves every table: its query builders are generic over the whole schema. */
import type { Response } from 'express';
import {
  sql,
  type Expression,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type Transaction,
} from 'kysely';
import { z, type ZodType } from 'zod';
import { problems, type FieldError } from './problem.js';
import { idValue } from './schemas.js';

/**
 * The one list helper for react-admin's ra-data-simple-rest: `sort=["field","ASC"]`,
 * `range=[0,24]`, `filter={...}` JSON query parameters, answered with a
 * `Content-Range: <resource> 0-24/<total>` header. Only allow-listed fields sort or
 * filter; anything else is a 400 that names the field.
 *
 * The total is counted exactly up to `countCap` rows and no further, so a page of a table of millions
 * costs a bounded count (a few milliseconds). Past the cap the total is the planner's estimate of the
 * filtered query (never less than the rows counted) and `X-Total-Count-Kind` says `estimated`;
 * otherwise `exact`.
 */

const jsonParam = <T>(schema: ZodType<T>, name: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): T | undefined => {
      if (raw === undefined || raw === '') return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be JSON` });
        return z.NEVER;
      }
      const r = schema.safeParse(parsed);
      if (!r.success) {
        ctx.addIssue({
          code: 'custom',
          message: `${name}: ${r.error.issues.map((i) => i.message).join('; ')}`,
        });
        return z.NEVER;
      }
      return r.data;
    });

export const listQuery = z.object({
  sort: jsonParam(z.tuple([z.string(), z.enum(['ASC', 'DESC', 'asc', 'desc'])]), 'sort'),
  range: jsonParam(
    z
      .tuple([z.number().int().min(0), z.number().int().min(0)])
      .refine(([a, b]) => b >= a, 'range end before start'),
    'range',
  ),
  // The object as JSON.parse made it, not rebuilt: a rebuilt record would drop an own `__proto__` key
  // silently instead of refusing it like any other unknown filter.
  filter: jsonParam(
    z.custom<Record<string, unknown>>(
      (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
      'filter must be a JSON object',
    ),
    'filter',
  ),
});
export type ListQuery = z.infer<typeof listQuery>;

export interface FilterDef {
  schema: ZodType;
  /** Work done before the list query, whose result `apply` receives instead of the parsed value. */
  resolve?: (db: Kysely<any> | Transaction<any>, value: any) => Promise<unknown>;
  apply: (qb: SelectQueryBuilder<any, any, any>, value: any) => SelectQueryBuilder<any, any, any>;
}

export interface ListSpec {
  resource: string;
  /** API field → SQL expression to order by. */
  sortable: Record<string, Expression<any> | string>;
  filters: Record<string, FilterDef>;
  defaultSort: [string, 'ASC' | 'DESC'];
  /** Column holding the id, for getMany's `filter={"id":[…]}`. */
  idColumn: string;
  /** Tie-breaker so pages are stable: one column, or several when the id alone is not unique. */
  tieBreaker?: string | string[];
  maxPageSize?: number;
  countCap?: number;
}

const DEFAULT_MAX_PAGE = 500;
const DEFAULT_COUNT_CAP = 1_000;

/** A date PostgreSQL can store (years 1 to 9999), from an ISO string or epoch milliseconds. */
const dateValue = z.coerce
  .date()
  .refine(
    (d) => d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999,
    'a date between the years 1 and 9999',
  );

/** Only the spec's own keys: `constructor` or `__proto__` must not find something on Object.prototype. */
const own = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/**
 * What one search box matches in a list. Every part is an index scan (pg_trgm for substrings, b-tree for
 * ids and foreign keys) and the parts are OR-ed, so PostgreSQL answers with a BitmapOr over indexes
 * instead of reading every row of a large table.
 */
export interface FindSpec {
  /** Text columns of the listed rows, matched as case-insensitive substrings. */
  text?: string[];
  /**
   * Columns holding a user's id: the users whose name, username, email or phone (six digits or more) contains
   * q. (Not their id: on a list of orders or cases a number is the row's own id or its order's, not a
   * person's.)
   */
  users?: string[];
  /** Columns holding an order's id: the orders whose title contains q, or whose id is q. */
  orders?: string[];
  /** Columns compared with q when q is a whole number (the row's own id, say). */
  ids?: string[];
  /**
   * Text columns of the listed table itself, looked up first like the people: when at most FIND_CAP rows
   * match, the list gets their ids, so PostgreSQL reads the few matches by index instead of walking its sort
   * index over the whole table in search of them (orders at 1M rows: 300 ms against 0.6 ms); when more
   * match, the columns are matched in the list query as `text` is.
   */
  ownText?: {
    table: string;
    columns: string[];
    /**
     * The `users` columns (of this same table) are looked up with the text: the list then reads the few
     * matching rows by id. Given as `buyer_id in (...) or seller_id in (...)` to the list query, PostgreSQL
     * walked the primary key backwards over 214,000 orders to fill a page (80-140 ms at 1M orders).
     */
    withUsers?: boolean;
  };
  /**
   * Columns holding one of a few dozen codes (an audit action, a subject type), each the first column of a
   * b-tree index: their distinct values are read by skipping through that index (a hundred probes) and the
   * ones containing q matched exactly, where a trigram index would read the long lists of trigrams that
   * every code of a table shares.
   */
  codes?: { table: string; column: string }[];
}

/**
 * The most people or orders one search looks for in a list: a term so short or common that it matches
 * more finds the first ones by id, and the staff member narrows it (an email, a username, an id).
 */
const FIND_CAP = 2000;

/** A whole email address (what a staff member pastes from a customer's mail). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const likePattern = (v: string) => `%${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

interface Found {
  pattern: string;
  n: number | null;
  users: number[];
  orders: number[];
  /** The listed rows whose own text matches (ownText), or null when too many do. */
  own: number[] | null;
  /** Per `codes` column, the distinct codes that contain q. */
  codes: string[][];
}

/** The distinct values of an indexed column, by skipping through its index (a loose index scan). */
async function distinctValues(db: Kysely<any> | Transaction<any>, table: string, column: string) {
  const [t, c] = [sql.table(table), sql.ref(column)];
  const { rows } = await sql<{ v: string | null }>`with recursive d (v) as (
      (select ${c} from ${t} order by ${c} limit 1)
      union all
      select (select ${c} from ${t} where ${c} > d.v order by ${c} limit 1) from d where d.v is not null)
    select v from d where v is not null`.execute(db);
  return rows.map((r) => r.v!);
}

/** The listed table's own rows matching q (its text columns, and its person columns with `withUsers`). */
async function ownRows(
  db: Kysely<any> | Transaction<any>,
  spec: FindSpec,
  q: { v: string; pattern: string; columns: string[]; users: number[] },
): Promise<number[] | null> {
  const own = spec.ownText!;
  const { pattern, users } = q;
  const parts = [
    ...q.columns.map((c) => contains(own.table, c, q.v, pattern)),
    ...(own.withUsers && users.length
      ? (spec.users ?? []).map((c) => sql<boolean>`${sql.ref(c)} in (${sql.join(users)})`)
      : []),
  ];
  if (!parts.length) return [];
  const found = (
    await sql<{ id: number }>`select id from ${sql.table(own.table)} where ${sql.join(parts, sql` or `)}
      limit ${FIND_CAP + 1}`.execute(db)
  ).rows.map((r) => r.id);
  return found.length > FIND_CAP ? null : found;
}

/** A word the word index can answer for: ASCII letters and digits (what `[:alnum:]` is in every locale). */
const WORD = /^[A-Za-z0-9]+$/;
/** A last word shorter than this is left to the phrase check: as a prefix it would match too many words. */
const MIN_PREFIX = 3;

/** Text columns with a word index over their runs of letters and digits, beside their trigram index. */
const WORD_INDEXED = new Set(['orders.title']);

/**
 * `column` contains q. On a word-indexed column a phrase of several words is looked up through the word
 * index first: the words between spaces are whole words of the text, the last one the start of one (the
 * first may be the end of a longer word, so it is left to the phrase check), and GIN starts from the
 * rarest of them, where pg_trgm reads the trigram lists of every word the rows share ("work number" in
 * every title: 40-70 ms at a million orders). The index holds the text with everything but letters and
 * digits made spaces, so the text-search parser finds the same words in it as in q (it would leave a URL's
 * protocol or an HTML-like tag out). The phrase itself is checked on what the index finds. A single word,
 * words with other characters, or only a short last word, are matched through the trigram index.
 */
function contains(table: string, column: string, v: string, pattern: string) {
  const c = sql.ref(column);
  const words = v.split(/\s+/).slice(1);
  const last = words.at(-1) ?? '';
  const terms = [...words.slice(0, -1), ...(last.length >= MIN_PREFIX ? [`${last}:*`] : [])];
  if (!WORD_INDEXED.has(`${table}.${column}`) || !terms.length || !words.every((w) => WORD.test(w)))
    return sql<boolean>`${c} ilike ${pattern}`;
  // The phrase as `lower() like lower()`, which no index serves: as `ilike` the planner also read the trigram
  // index for it and joined the two bitmaps, which is the very reading this avoids.
  return sql<boolean>`(to_tsvector('simple', regexp_replace(${c}, '[^[:alnum:]]+', ' ', 'g'))
      @@ to_tsquery('simple', ${terms.join(' & ')})
    and lower(${c}) like lower(${pattern}))`;
}

/**
 * The people and orders are looked up first, in their own indexed queries, and the list query gets their
 * ids as literal arrays: with a subquery in their place the planner cannot tell how few rows match, and
 * at a million orders it walks the sort index filtering every row instead of reading the few that match.
 */
function find(spec: FindSpec): FilterDef {
  return {
    schema: z.string().trim().min(1).max(200),
    resolve: async (db, v: string): Promise<Found> => {
      const pattern = likePattern(v);
      const n = /^[1-9][0-9]{0,9}$/.test(v) && Number(v) <= 2_147_483_647 ? Number(v) : null;
      const byId = n === null ? sql<boolean>`false` : sql<boolean>`id = ${n}`;
      // A phone number only when q looks like one: a short number is an id, and would match many phones.
      const phone = /^\+?[0-9][0-9 -]{5,}$/.test(v)
        ? sql<boolean>`phone ilike ${pattern}`
        : sql<boolean>`false`;
      const ids = async (query: RawBuilder<unknown>) =>
        (await sql<{ id: number }>`${query} order by id limit ${FIND_CAP}`.execute(db)).rows.map((r) => r.id);
      // A whole email address is one person: found through the unique index on lower(email). As a substring
      // it made pg_trgm read the long lists of trigrams every address shares ("@volume.test") in three
      // indexes (20-45 ms at 200,000 users, issue #15), and no name, username or order title holds one.
      const email = EMAIL.test(v);
      const users = !spec.users?.length
        ? []
        : email
          ? await ids(sql`select id from users where lower(email) = lower(${v})`)
          : await ids(sql`select id from users where name ilike ${pattern} or email ilike ${pattern}
              or username ilike ${pattern} or ${phone}`);
      return {
        pattern,
        n,
        users,
        orders:
          spec.orders?.length && !email
            ? await ids(
                sql`select id from orders where ${contains('orders', 'title', v, pattern)} or ${byId}`,
              )
            : [],
        codes: await Promise.all(
          (spec.codes ?? []).map(async ({ table, column }) =>
            (await distinctValues(db, table, column)).filter((c) =>
              c.toLowerCase().includes(v.toLowerCase()),
            ),
          ),
        ),
        own: spec.ownText
          ? await ownRows(db, spec, { v, pattern, columns: email ? [] : spec.ownText.columns, users })
          : null,
      };
    },
    apply: (qb, f: Found) =>
      qb.where((eb) =>
        eb.or([
          ...(spec.text ?? []).map((c) => eb(sql.ref(c), 'ilike', f.pattern)),
          ...(spec.ownText && f.own === null
            ? spec.ownText.columns.map((c) => eb(sql.ref(`${spec.ownText!.table}.${c}`), 'ilike', f.pattern))
            : []),
          ...(spec.ownText && f.own?.length ? [eb(sql.ref(`${spec.ownText.table}.id`), 'in', f.own)] : []),
          ...(f.users.length && !(spec.ownText?.withUsers && f.own !== null) ? (spec.users ?? []) : []).map(
            (c) => eb(sql.ref(c), 'in', f.users),
          ),
          ...(f.orders.length ? (spec.orders ?? []) : []).map((c) => eb(sql.ref(c), 'in', f.orders)),
          ...(f.n === null ? [] : (spec.ids ?? []).map((c) => eb(sql.ref(c), '=', f.n))),
          ...(spec.codes ?? []).flatMap(({ column }, i) =>
            f.codes[i]!.length ? [eb(sql.ref(column), 'in', f.codes[i]!)] : [],
          ),
        ]),
      ),
  };
}

export const filters = {
  equals: (column: string, schema: ZodType = z.union([z.string(), z.number(), z.boolean()])): FilterDef => ({
    schema,
    apply: (qb, v) => qb.where(sql.ref(column), '=', v),
  }),
  oneOf: (column: string, schema: ZodType = z.union([z.string(), z.number()])): FilterDef => ({
    schema: z.union([schema, z.array(schema).min(1)]),
    apply: (qb, v) => qb.where(sql.ref(column), 'in', Array.isArray(v) ? v : [v]),
  }),
  /** Case-insensitive substring search over one or more text columns of the listed rows. */
  search: (...columns: string[]): FilterDef => find({ text: columns }),
  /** A staff member's search box: see {@link find}. */
  find: (spec: FindSpec): FilterDef => find(spec),
  since: (column: string): FilterDef => ({
    schema: dateValue,
    apply: (qb, v) => qb.where(sql.ref(column), '>=', v),
  }),
  until: (column: string): FilterDef => ({
    schema: dateValue,
    apply: (qb, v) => qb.where(sql.ref(column), '<=', v),
  }),
};

/** The planner's row estimate for a query, from EXPLAIN without running it (well under a millisecond). */
async function estimatedRows(db: Kysely<any> | Transaction<any>, qb: SelectQueryBuilder<any, any, any>) {
  const compiled = qb
    .clearSelect()
    .select(sql<number>`1`.as('one'))
    .compile();
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>({
    ...compiled,
    sql: `explain (format json) ${compiled.sql}`,
  });
  const plan = rows[0]?.['QUERY PLAN'];
  // pg parses the json column; PGlite may hand it over as text.
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }];
  return Math.round(parsed[0].Plan['Plan Rows']);
}

/**
 * The list's filters applied to `base` (react-admin's `filter={...}`); a filter that does not parse is added
 * to `errors` and left out. Exported for a list that must filter inside a subquery of its own (the accounts
 * sorted by balance, which cut each half of a union to the page before merging them).
 */
export async function applyListFilters<Q extends SelectQueryBuilder<any, any, any>>(
  db: Kysely<any> | Transaction<any>,
  {
    base,
    spec,
    filter,
    errors = [],
  }: { base: Q; spec: ListSpec; filter: ListQuery['filter']; errors?: FieldError[] },
): Promise<Q> {
  let qb = base as SelectQueryBuilder<any, any, any>;
  for (const [key, raw] of Object.entries(filter ?? {})) {
    if (raw === undefined || raw === null || raw === '') continue;
    if (key === 'id') {
      const ids = z.union([idValue, z.array(idValue).max(1000)]).safeParse(raw);
      if (!ids.success) {
        errors.push({ field: 'query.filter.id', message: 'id must be an integer or a list of integers' });
        continue;
      }
      const list = Array.isArray(ids.data) ? ids.data : [ids.data];
      qb = list.length === 0 ? qb.where(sql<boolean>`false`) : qb.where(sql.ref(spec.idColumn), 'in', list);
      continue;
    }
    const def = own(spec.filters, key);
    if (!def) {
      errors.push({
        field: `query.filter.${key}`,
        message:
          `${spec.resource} cannot be filtered by ${key}; allowed: ` +
          `${['id', ...Object.keys(spec.filters)].join(', ')}`,
      });
      continue;
    }
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      errors.push({
        field: `query.filter.${key}`,
        message: parsed.error.issues.map((i) => i.message).join('; '),
      });
      continue;
    }
    qb = def.apply(qb, def.resolve ? await def.resolve(db, parsed.data) : parsed.data);
  }
  return qb as Q;
}

export async function listResource<Row>(
  db: Kysely<any> | Transaction<any>,
  {
    res,
    base,
    spec,
    query,
  }: { res: Response; base: SelectQueryBuilder<any, any, Row>; spec: ListSpec; query: ListQuery },
): Promise<Row[]> {
  const errors: FieldError[] = [];
  const qb = await applyListFilters(db, { base, spec, filter: query.filter, errors });
  const [sortField, sortDir] = query.sort ?? spec.defaultSort;
  const sortExpr = own(spec.sortable, sortField);
  if (!sortExpr)
    errors.push({
      field: 'query.sort',
      message:
        `${spec.resource} cannot be sorted by ${sortField}; allowed: ` +
        `${Object.keys(spec.sortable).join(', ')}`,
    });
  const [start, end] = query.range ?? [0, 24];
  const maxPage = spec.maxPageSize ?? DEFAULT_MAX_PAGE;
  if (end - start + 1 > maxPage)
    errors.push({ field: 'query.range', message: `at most ${maxPage} rows per page` });
  if (errors.length) throw problems.validation(errors);

  const cap = spec.countCap ?? DEFAULT_COUNT_CAP;
  const bounded = qb
    .clearSelect()
    .select(sql<number>`1`.as('one'))
    .limit(cap + 1);
  const {
    rows: [counted],
  } = await sql<{ n: number }>`select count(*)::int as n from (${bounded}) as bounded`.execute(db);
  const capped = counted!.n > cap;
  const total = capped ? Math.max(cap + 1, await estimatedRows(db, qb)) : counted!.n;

  const dir = sortDir.toLowerCase() as 'asc' | 'desc';
  const sortRef = typeof sortExpr === 'string' ? sql.ref(sortExpr) : sortExpr!;
  let page = qb.orderBy(sortRef, dir);
  const ties = [spec.tieBreaker ?? spec.idColumn].flat();
  for (const tie of ties) if (tie !== sortExpr) page = page.orderBy(sql.ref(tie), dir);
  const rows = (await page
    .offset(start)
    .limit(end - start + 1)
    .execute()) as Row[];

  const last = rows.length ? start + rows.length - 1 : start;
  res.setHeader('Content-Range', `${spec.resource} ${start}-${last}/${total}`);
  res.setHeader('X-Total-Count-Kind', capped ? 'estimated' : 'exact');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Range, X-Total-Count-Kind');
  return rows;
}
