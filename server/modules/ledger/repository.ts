import { sql, type AliasedSelectQueryBuilder, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import type { Database, Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';
import { applyListFilters, filters, type ListQuery, type ListSpec } from '../../http/list.js';
import { idValue } from '../../http/schemas.js';
import type { Clock } from '../../time/clock.js';
import { balanceSql, PLATFORM_KINDS } from './ledger.js';

export const entrySpec: ListSpec = {
  resource: 'ledger-entries',
  idColumn: 'journal_entries.id',
  defaultSort: ['id', 'DESC'],
  sortable: { id: 'journal_entries.id', at: 'journal_entries.at', kind: 'journal_entries.kind' },
  filters: {
    kind: filters.oneOf('journal_entries.kind', z.string()),
    orderId: filters.equals('journal_entries.order_id', idValue),
    userId: filters.equals('journal_entries.user_id', idValue),
    since: filters.since('journal_entries.at'),
    until: filters.until('journal_entries.at'),
    q: filters.find({
      ownText: { table: 'journal_entries', columns: ['memo', 'reference'], withUsers: true },
      users: ['journal_entries.user_id'],
    }),
  },
};
export const accountSpec: ListSpec = {
  resource: 'accounts',
  idColumn: 'ledger_accounts.id',
  defaultSort: ['code', 'ASC'],
  sortable: {
    id: 'ledger_accounts.id',
    code: 'ledger_accounts.code',
    kind: 'ledger_accounts.kind',
    balance: 'ledger_accounts.balance',
  },
  filters: {
    kind: filters.oneOf('ledger_accounts.kind', z.string()),
    userId: filters.equals('ledger_accounts.user_id', idValue),
    q: filters.search('ledger_accounts.code'),
  },
};
export const userSpec: ListSpec = {
  resource: 'users',
  idColumn: 'users.id',
  defaultSort: ['id', 'DESC'],
  sortable: {
    id: 'users.id',
    name: 'users.name',
    email: 'users.email',
    createdAt: 'users.created_at',
    status: 'users.status',
  },
  filters: {
    status: filters.oneOf('users.status', z.string()),
    isSeller: filters.equals('users.is_seller', z.boolean()),
    sellerLevel: filters.oneOf('users.seller_level', z.string()),
    q: filters.find({ users: ['users.id'], ids: ['users.id'] }),
  },
};
export const orderSpec: ListSpec = {
  resource: 'orders',
  idColumn: 'orders.id',
  defaultSort: ['id', 'DESC'],
  sortable: {
    id: 'orders.id',
    createdAt: 'orders.created_at',
    total: 'orders.total',
    status: 'orders.status',
    dueAt: 'orders.due_at',
  },
  filters: {
    status: filters.oneOf('orders.status', z.string()),
    buyerId: filters.equals('orders.buyer_id', idValue),
    sellerId: filters.equals('orders.seller_id', idValue),
    userId: {
      schema: idValue,
      apply: (qb, v) =>
        qb.where((eb) => eb.or([eb('orders.buyer_id', '=', v), eb('orders.seller_id', '=', v)])),
    },
    q: filters.find({
      ownText: { table: 'orders', columns: ['title'], withUsers: true },
      users: ['orders.buyer_id', 'orders.seller_id'],
      ids: ['orders.id'],
    }),
  },
};

/** The daily reconciliation runs (MNY-4). */
export const reconciliationSpec: ListSpec = {
  resource: 'reconciliations',
  idColumn: 'id',
  defaultSort: ['id', 'DESC'],
  sortable: { id: 'id', ranAt: 'ran_at' },
  filters: { ok: filters.equals('ok', z.boolean()) },
};

export const reconciliationRuns = (db: Executor) => db.selectFrom('reconciliation_runs').selectAll();

/** Journal entries with their postings (MNY-2). */
export const ledgerEntries = (db: Executor) =>
  db.selectFrom('journal_entries').select([
    'journal_entries.id',
    'journal_entries.kind',
    'journal_entries.reference',
    'journal_entries.memo',
    ...camel('journal_entries.memo_key', 'journal_entries.memo_params'),
    'journal_entries.at',
    ...camel(
      'journal_entries.order_id',
      'journal_entries.milestone_id',
      'journal_entries.user_id',
      'journal_entries.staff_id',
      'journal_entries.reverses_entry_id',
    ),
    sql<
      { account: string; amount: number }[]
    >`(select coalesce(json_agg(json_build_object('account', a.code, 'kind', a.kind, 'amount',
        p.amount) order by p.id), '[]') from postings p join ledger_accounts a on a.id = p.account_id
        where p.entry_id = journal_entries.id)`.as('postings'),
  ]);
// A platform account's balance is its rolled-up column plus the deltas posted since (balanceSql); every
// other account's is its column. Sorted by balance, the two halves are each cut to the page in their own
// order (the kept half walks the (balance, id) index) and then merged: PostgreSQL does not push the order
// and limit of a UNION ALL into its halves, so merged first it read and sorted all 100,000 accounts
// (450-1100 ms at 1M orders, issue #15). Every other sort reads one table in index order and works out
// the balance for the page's rows only.
const columns = [
  'ledger_accounts.id',
  'ledger_accounts.code',
  'ledger_accounts.kind',
  'ledger_accounts.user_id',
  'ledger_accounts.milestone_id',
  'ledger_accounts.may_go_negative',
  'ledger_accounts.created_at',
] as const;
const withBalance = (db: Executor, balance: RawBuilder<number>) =>
  db.selectFrom('ledger_accounts').select(columns).select(balance.as('balance'));
type AccountRow =
  ReturnType<typeof withBalance> extends SelectQueryBuilder<Database, 'ledger_accounts', infer O> ? O : never;
/** The one table, or the union of its two halves: anything that reads as those rows. */
const accountRows = (
  db: Executor,
  from: {
    as(alias: 'ledger_accounts'): AliasedSelectQueryBuilder<AccountRow, 'ledger_accounts'>;
  },
) =>
  db
    .selectFrom(from.as('ledger_accounts'))
    .leftJoin('users', 'users.id', 'ledger_accounts.user_id')
    .select([
      'ledger_accounts.id',
      'ledger_accounts.code',
      'ledger_accounts.kind',
      ...camel('ledger_accounts.user_id'),
      'users.name as userName',
      ...camel('ledger_accounts.milestone_id'),
      'ledger_accounts.balance',
      ...camel('ledger_accounts.may_go_negative', 'ledger_accounts.created_at'),
    ]);
/** Ledger accounts and their balances (MNY-3), in any order but the balance's. */
export const ledgerAccounts = (db: Executor) =>
  accountRows(db, withBalance(db, balanceSql('ledger_accounts')));
/** Ledger accounts sorted by balance: each half cut to the page in its own order, then merged. */
export const accountsByBalance = async (db: Executor, query: ListQuery) => {
  const dir = (query.sort?.[1] ?? 'ASC').toLowerCase() as 'asc' | 'desc';
  const window = (query.range?.[1] ?? 24) + 1;
  const half = async (balance: RawBuilder<number>, platform: boolean) => {
    const filtered = await applyListFilters(db, {
      base: withBalance(db, balance).where(
        'ledger_accounts.kind',
        platform ? 'in' : 'not in',
        PLATFORM_KINDS,
      ),
      spec: accountSpec,
      filter: query.filter,
    });
    return db
      .selectFrom(filtered.orderBy(balance, dir).orderBy('ledger_accounts.id', dir).limit(window).as('half'))
      .selectAll();
  };
  const platform = await half(balanceSql('ledger_accounts'), true);
  return accountRows(db, platform.unionAll(await half(sql<number>`ledger_accounts.balance`, false)));
};
const balanceOf = (kind: string) =>
  sql<number>`coalesce((select balance from ledger_accounts a where a.user_id = users.id and a.kind
    = ${kind}), 0)`;
/** End users as staff read them: status, level, balances, order and dispute counts. */
export const staffUsers = (db: Executor) =>
  db.selectFrom('users').select([
    'users.id',
    'users.name',
    'users.email',
    'users.username',
    'users.status',
    ...camel(
      'users.is_seller',
      'users.seller_level',
      'users.created_at',
      'users.activated_at',
      'users.suspended_until',
      'users.deactivated_at',
      'users.deactivation_reason',
      'users.identity_verified_at',
    ),
    balanceOf('credit').as('credit'),
    balanceOf('pending').as('pending'),
    balanceOf('available').as('available'),
    balanceOf('withdrawing').as('withdrawing'),
    balanceOf('held').as('held'),
    // As buyer plus as seller (never both on one order): each half one index range of the user's orders.
    sql<number>`(select count(*)::int from orders o where o.buyer_id = users.id)
      + (select count(*)::int from orders o where o.seller_id = users.id)`.as('orderCount'),
    sql<number>`(select count(*)::int from orders o join disputes d on d.order_id = o.id where
      o.buyer_id = users.id)
      + (select count(*)::int from orders o join disputes d on d.order_id = o.id where
        o.seller_id = users.id)`.as('disputeCount'),
  ]);
/** Orders as staff read them, with both parties and lateness. */
export const staffOrders = (db: Executor, clock: Clock) =>
  db
    .selectFrom('orders')
    // Left joins on not-null foreign keys: the same rows, and the list's count drops them (issue #15).
    .leftJoin('users as buyer', 'buyer.id', 'orders.buyer_id')
    .leftJoin('users as seller', 'seller.id', 'orders.seller_id')
    .select([
      'orders.id',
      'orders.title',
      'orders.status',
      'orders.total',
      ...camel('orders.buyer_id'),
      'buyer.name as buyerName',
      ...camel('orders.seller_id'),
      'seller.name as sellerName',
      ...camel(
        'orders.created_at',
        'orders.due_at',
        'orders.delivered_at',
        'orders.completed_at',
        'orders.cancelled_at',
      ),
      sql<boolean>`orders.status = 'in_progress' and orders.due_at < ${clock.now()}`.as('late'),
    ]);

/** The user's latest seller application, if any. */
export async function latestSellerApplication(db: Executor, userId: number) {
  return db
    .selectFrom('seller_applications')
    .select(['id', 'status', ...camel('submitted_at', 'decision_reason')])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The user's warnings, newest first. */
export async function warningsOf(db: Executor, userId: number) {
  return db
    .selectFrom('warnings')
    .select([
      'id',
      'type',
      'severe',
      'reason',
      'evidence',
      'consequence',
      ...camel('level_before', 'level_after', 'suspended_until', 'issued_at'),
    ])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
}
