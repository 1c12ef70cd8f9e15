import { accountActions } from '../accounts/machine.js';
import { z } from 'zod';
import { sql, type AliasedSelectQueryBuilder, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idValue } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import {
  applyListFilters,
  filters,
  listQuery,
  listResource,
  type ListQuery,
  type ListSpec,
} from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { balanceSql, PLATFORM_KINDS, trialBalance } from './ledger.js';
import { audit } from '../audit/audit.js';
import { orderDetail } from '../orders/read.js';
import { reverseClearance } from './service.js';
import { settingsAt } from '../settings/repository.js';
import { sellerMetrics } from '../trust/levels.js';
import { reconcile, runView } from './reconcile.js';
import { camel } from '../../http/camel.js';

const entrySpec: ListSpec = {
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
const accountSpec: ListSpec = {
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
const userSpec: ListSpec = {
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
const orderSpec: ListSpec = {
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

const ALL_STAFF = ['support', 'trust_safety', 'finance'] as const;

export function ledgerRoutes(ctx: AppContext) {
  const entries = () =>
    ctx.db.selectFrom('journal_entries').select([
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
  const withBalance = (balance: RawBuilder<number>) =>
    ctx.db.selectFrom('ledger_accounts').select(columns).select(balance.as('balance'));
  type AccountRow =
    ReturnType<typeof withBalance> extends SelectQueryBuilder<Database, 'ledger_accounts', infer O>
      ? O
      : never;
  /** The one table, or the union of its two halves: anything that reads as those rows. */
  const accountRows = (from: {
    as(alias: 'ledger_accounts'): AliasedSelectQueryBuilder<AccountRow, 'ledger_accounts'>;
  }) =>
    ctx.db
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
  const accounts = () => accountRows(withBalance(balanceSql('ledger_accounts')));
  const accountsByBalance = async (query: ListQuery) => {
    const dir = (query.sort?.[1] ?? 'ASC').toLowerCase() as 'asc' | 'desc';
    const window = (query.range?.[1] ?? 24) + 1;
    const half = async (balance: RawBuilder<number>, platform: boolean) => {
      const filtered = await applyListFilters(
        ctx.db,
        withBalance(balance).where('ledger_accounts.kind', platform ? 'in' : 'not in', PLATFORM_KINDS),
        accountSpec,
        query.filter,
      );
      return ctx.db
        .selectFrom(
          filtered.orderBy(balance, dir).orderBy('ledger_accounts.id', dir).limit(window).as('half'),
        )
        .selectAll();
    };
    const platform = await half(balanceSql('ledger_accounts'), true);
    return accountRows(platform.unionAll(await half(sql<number>`ledger_accounts.balance`, false)));
  };
  const balanceOf = (kind: string) =>
    sql<number>`coalesce((select balance from ledger_accounts a where a.user_id = users.id and a.kind
      = ${kind}), 0)`;
  const users = () =>
    ctx.db.selectFrom('users').select([
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
  const orders = () =>
    ctx.db
      .selectFrom('orders')
      .innerJoin('users as buyer', 'buyer.id', 'orders.buyer_id')
      .innerJoin('users as seller', 'seller.id', 'orders.seller_id')
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
        sql<boolean>`orders.status = 'in_progress' and orders.due_at < ${ctx.clock.now()}`.as('late'),
      ]);
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/ledger-entries',
      tag: 'Ledger',
      access: access.staff(...ALL_STAFF),
      summary: 'Journal entries with their postings (MNY-2)',
      query: listQuery,
      handler: ({ query, res }) => listResource(ctx.db, res, entries(), entrySpec, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/ledger-entries/:id',
      tag: 'Ledger',
      access: access.staff(...ALL_STAFF),
      summary: 'One journal entry with its postings',
      params: idParams,
      handler: async ({ params }) =>
        (await entries().where('journal_entries.id', '=', params.id).executeTakeFirst()) ??
        Promise.reject(problems.notFound('journal entry')),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/accounts',
      tag: 'Ledger',
      access: access.staff('finance'),
      summary: 'Ledger accounts and their balances (MNY-3)',
      query: listQuery,
      handler: async ({ query, res }) =>
        listResource(
          ctx.db,
          res,
          query.sort?.[0] === 'balance' ? await accountsByBalance(query) : accounts(),
          accountSpec,
          query,
        ),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/accounts/:id',
      tag: 'Ledger',
      access: access.staff('finance'),
      summary: 'One ledger account',
      params: idParams,
      handler: async ({ params }) =>
        (await accounts().where('ledger_accounts.id', '=', params.id).executeTakeFirst()) ??
        Promise.reject(problems.notFound('account')),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/ledger/trial-balance',
      tag: 'Ledger',
      access: access.staff(...ALL_STAFF),
      summary:
        'MNY-4: sum of all postings (must be 0), accounts below zero and balances out of step with their' +
        ' postings (must be none)',
      handler: () => trialBalance(ctx.db),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/ledger/reconciliations',
      tag: 'Ledger',
      access: access.staff(...ALL_STAFF),
      summary:
        'MNY-4: the daily reconciliation runs, newest first (trial balance, withdrawing = open payouts,' +
        ' held only on blocked accounts)',
      query: listQuery,
      handler: async ({ query, res }) =>
        (
          await listResource(
            ctx.db,
            res,
            ctx.db.selectFrom('reconciliation_runs').selectAll(),
            {
              resource: 'reconciliations',
              idColumn: 'id',
              defaultSort: ['id', 'DESC'],
              sortable: { id: 'id', ranAt: 'ran_at' },
              filters: { ok: filters.equals('ok', z.boolean()) },
            },
            query,
          )
        ).map(runView),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/ledger/reconcile',
      tag: 'Ledger',
      access: access.staff('finance'),
      status: 201,
      summary: 'MNY-4: run the reconciliation now (the scheduler runs it daily) and store its result',
      handler: ({ req }) =>
        ctx.db.transaction().execute(async (trx) => {
          const run = await reconcile(trx, ctx.clock);
          await audit(trx, ctx.clock, {
            actor: actorOf(req),
            action: 'ledger.reconcile',
            subjectType: 'reconciliation',
            subjectId: run.id,
            after: { ok: run.ok },
            requestId: req.id as string,
          });
          return run;
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/users',
      tag: 'Users',
      access: access.staff(...ALL_STAFF),
      summary: 'End users with status, level, balances, order and dispute counts',
      query: listQuery,
      handler: ({ query, res }) => listResource(ctx.db, res, users(), userSpec, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/users/:id',
      tag: 'Users',
      access: access.staff(...ALL_STAFF),
      summary: 'One end user with balances and recent orders',
      params: idParams,
      handler: async ({ params, staff }) => {
        const u = await users().where('users.id', '=', params.id).executeTakeFirst();
        if (!u) throw problems.notFound('user');
        const recent = await orders()
          .where((eb) => eb.or([eb('orders.buyer_id', '=', u.id), eb('orders.seller_id', '=', u.id)]))
          .orderBy('orders.id', 'desc')
          .limit(50)
          .execute();
        const application = await ctx.db
          .selectFrom('seller_applications')
          .select(['id', 'status', ...camel('submitted_at', 'decision_reason')])
          .where('user_id', '=', u.id)
          .orderBy('id', 'desc')
          .executeTakeFirst();
        const warnings = await ctx.db
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
          .where('user_id', '=', u.id)
          .orderBy('id', 'desc')
          .execute();
        const s = await settingsAt(ctx.db, ctx.clock.now());
        const sellerMetricsNow = u.isSeller
          ? await sellerMetrics(ctx.db, u.id, ctx.clock.now(), s.level_window_days)
          : null;
        return {
          ...u,
          // Blocks and lifting suspensions are trust & safety's (OPS-1).
          allowedActions: ['trust_safety', 'admin'].includes(staff.role) ? accountActions(u, 'staff') : [],
          orders: recent,
          sellerApplication: application ?? null,
          warnings,
          sellerMetrics: sellerMetricsNow,
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/orders',
      tag: 'Orders',
      access: access.staff(...ALL_STAFF),
      summary: 'Orders, with parties and lateness',
      query: listQuery,
      handler: ({ query, res }) => listResource(ctx.db, res, orders(), orderSpec, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/orders/:id',
      tag: 'Orders',
      access: access.staff(...ALL_STAFF),
      summary:
        'One order with milestones and the whole timeline: events, messages, deliveries and postings in' +
        ' time order (ORD-5)',
      params: idParams,
      handler: async ({ params }) =>
        (await orderDetail(ctx.db, params.id, { staff: true }, ctx.clock.now())) ??
        Promise.reject(problems.notFound('order')),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/orders/:id/reverse-clearance',
      tag: 'Ledger',
      access: access.staff('support'),
      summary:
        "CLR-2: move an order's cleared earnings back to pending, with a reason (its own journal entry;" +
        ' clears again after the clearance days)',
      params: idParams,
      body: z.object({ amount: z.number().int().positive().optional(), reason }),
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        reverseClearance(ctx, actorOf(req), params.id, body, req.id as string, transaction),
    }),
  ];
}
