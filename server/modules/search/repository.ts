/* eslint-disable @typescript-eslint/no-explicit-any -- each kind's query is built over its own table. */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor, StaffRole } from '../../../db/schema.js';
import { filters, type FindSpec } from '../../http/list.js';

/** How many records of each kind one search shows; the kind's own list has the rest. */
const PER_KIND = 5;

interface Hit {
  id: number;
  title: string;
  subtitle: string | null;
}

interface SearchKind {
  kind: 'users' | 'orders' | 'withdrawals' | 'charges' | 'disputes' | 'refund-requests' | 'reports';
  /** The console resource a hit opens. */
  resource: string;
  /** OPS-1: the roles that may open this kind's records (the same roles as its own routes; admin always). */
  roles: readonly StaffRole[];
  find: FindSpec;
  /** The kind's rows: `id` (of the record a hit opens), `title`, `subtitle`, and `key` to order by. */
  rows: (db: Executor) => SelectQueryBuilder<any, any, Hit & { key: number }>;
}

const ALL: StaffRole[] = ['support', 'trust_safety', 'finance'];

const KINDS: SearchKind[] = [
  {
    kind: 'users',
    resource: 'users',
    roles: ALL,
    find: { users: ['users.id'], ids: ['users.id'] },
    rows: (db) =>
      db
        .selectFrom('users')
        .select([
          'users.id',
          'users.id as key',
          'users.name as title',
          sql<string>`concat_ws(' · ', '@' || users.username, users.email, users.phone)`.as('subtitle'),
        ]),
  },
  {
    kind: 'orders',
    resource: 'orders',
    roles: ALL,
    find: { text: ['orders.title'], ids: ['orders.id'] },
    rows: (db) =>
      db
        .selectFrom('orders')
        .select([
          'orders.id',
          'orders.id as key',
          sql<string>`'#' || orders.id || ' ' || orders.title`.as('title'),
          sql<string>`orders.status`.as('subtitle'),
        ]),
  },
  {
    // A card charge opens the order it paid for (its charges and refunds are listed there).
    kind: 'charges',
    resource: 'orders',
    roles: ALL,
    find: { text: ['g.reference'] },
    rows: (db) =>
      db
        .selectFrom('gateway_transactions as g')
        .select([
          sql<number>`coalesce((g.purpose->>'orderId')::int, (select j.order_id from journal_entries j
            where j.kind = 'milestone-payment' and 'charge:' || j.reference =
              split_part(g.reference, '#', 1)))`.as('id'),
          'g.id as key',
          'g.reference as title',
          sql<string>`g.status || ' · ' || g.amount`.as('subtitle'),
        ])
        .where('g.kind', '=', 'charge'),
  },
  {
    kind: 'withdrawals',
    resource: 'withdrawals',
    roles: ['finance'],
    find: { text: ['withdrawals.bank_reference'], ids: ['withdrawals.id'] },
    rows: (db) =>
      db
        .selectFrom('withdrawals')
        .innerJoin('users', 'users.id', 'withdrawals.user_id')
        .select([
          'withdrawals.id',
          'withdrawals.id as key',
          sql<string>`'#' || withdrawals.id || ' ' || users.name`.as('title'),
          sql<string>`concat_ws(' · ', withdrawals.status, withdrawals.amount,
            withdrawals.bank_reference)`.as('subtitle'),
        ]),
  },
  {
    kind: 'disputes',
    resource: 'disputes',
    roles: ['support'],
    find: { users: ['disputes.opened_by'], orders: ['disputes.order_id'], ids: ['disputes.id'] },
    rows: (db) =>
      db
        .selectFrom('disputes')
        .innerJoin('orders', 'orders.id', 'disputes.order_id')
        .select([
          'disputes.id',
          'disputes.id as key',
          sql<string>`'#' || disputes.id || ' ' || orders.title`.as('title'),
          sql<string>`disputes.stage`.as('subtitle'),
        ]),
  },
  {
    kind: 'refund-requests',
    resource: 'refund-requests',
    roles: ['support'],
    find: {
      users: ['refund_requests.buyer_id'],
      orders: ['refund_requests.order_id'],
      text: ['refund_requests.charge_reference'],
      ids: ['refund_requests.id'],
    },
    rows: (db) =>
      db
        .selectFrom('refund_requests')
        .innerJoin('users', 'users.id', 'refund_requests.buyer_id')
        .select([
          'refund_requests.id',
          'refund_requests.id as key',
          sql<string>`'#' || refund_requests.id || ' ' || users.name`.as('title'),
          sql<string>`concat_ws(' · ', refund_requests.status, refund_requests.amount_requested)`.as(
            'subtitle',
          ),
        ]),
  },
  {
    kind: 'reports',
    resource: 'reports',
    roles: ['trust_safety'],
    find: { users: ['reports.reporter_id', 'reports.subject_user_id'], ids: ['reports.id'] },
    rows: (db) =>
      db
        .selectFrom('reports')
        .innerJoin('users as subject', 'subject.id', 'reports.subject_user_id')
        .select([
          'reports.id',
          'reports.id as key',
          sql<string>`'#' || reports.id || ' ' || subject.name`.as('title'),
          sql<string>`reports.status || ' · ' || reports.reason`.as('subtitle'),
        ]),
  },
];

/** The roles that may search (admin always may); each sees only the kinds its role opens. */
export const SEARCH_ROLES = ALL;

/**
 * The records of every kind the role may open that match q, grouped by kind: at most PER_KIND of each
 * (`more` says there are others), empty kinds left out.
 */
export async function searchAll(db: Executor, role: StaffRole, q: string) {
  const kinds = KINDS.filter((k) => role === 'admin' || k.roles.includes(role));
  const groups = await Promise.all(
    kinds.map(async (k) => {
      const def = filters.find(k.find);
      const found = await def.resolve!(db, q);
      const hits = (await def
        .apply(k.rows(db), found)
        .orderBy('key', 'desc')
        .limit(PER_KIND + 1)
        .execute()) as Hit[];
      return {
        kind: k.kind,
        resource: k.resource,
        more: hits.length > PER_KIND,
        items: hits
          .slice(0, PER_KIND)
          .filter((h) => h.id !== null)
          .map((h) => ({ id: h.id, title: h.title, subtitle: h.subtitle })),
      };
    }),
  );
  return { q, groups: groups.filter((g) => g.items.length > 0) };
}
