import { accountActions } from '../accounts/machine.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { problems } from '../../http/problem.js';
import { listQuery, listResource } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { trialBalance } from './ledger.js';
import { orderDetail } from '../orders/read.js';
import { reconcileNow, reverseClearance } from './service.js';
import { settingsAt } from '../settings/repository.js';
import { sellerMetrics } from '../trust/levels.js';
import { runView } from './reconcile.js';
import {
  accountSpec,
  accountsByBalance,
  entrySpec,
  latestSellerApplication,
  ledgerAccounts,
  ledgerEntries,
  orderSpec,
  reconciliationRuns,
  reconciliationSpec,
  staffOrders,
  staffUsers,
  userSpec,
  warningsOf,
} from './repository.js';

const ALL_STAFF = ['support', 'trust_safety', 'finance'] as const;

export function ledgerRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/ledger-entries',
      tag: 'Ledger',
      access: access.staff(...ALL_STAFF),
      summary: 'Journal entries with their postings (MNY-2)',
      query: listQuery,
      handler: ({ query, res }) =>
        listResource(ctx.db, { res, base: ledgerEntries(ctx.db), spec: entrySpec, query }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/ledger-entries/:id',
      tag: 'Ledger',
      access: access.staff(...ALL_STAFF),
      summary: 'One journal entry with its postings',
      params: idParams,
      handler: async ({ params }) =>
        (await ledgerEntries(ctx.db).where('journal_entries.id', '=', params.id).executeTakeFirst()) ??
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
        listResource(ctx.db, {
          res,
          base:
            query.sort?.[0] === 'balance' ? await accountsByBalance(ctx.db, query) : ledgerAccounts(ctx.db),
          spec: accountSpec,
          query,
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/accounts/:id',
      tag: 'Ledger',
      access: access.staff('finance'),
      summary: 'One ledger account',
      params: idParams,
      handler: async ({ params }) =>
        (await ledgerAccounts(ctx.db).where('ledger_accounts.id', '=', params.id).executeTakeFirst()) ??
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
          await listResource(ctx.db, {
            res,
            base: reconciliationRuns(ctx.db),
            spec: reconciliationSpec,
            query,
          })
        ).map(runView),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/ledger/reconcile',
      tag: 'Ledger',
      access: access.staff('finance'),
      status: 201,
      summary: 'MNY-4: run the reconciliation now (the scheduler runs it daily) and store its result',
      handler: ({ req }) => reconcileNow(ctx, { actor: actorOf(req), requestId: req.id as string }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/users',
      tag: 'Users',
      access: access.staff(...ALL_STAFF),
      summary: 'End users with status, level, balances, order and dispute counts',
      query: listQuery,
      handler: ({ query, res }) =>
        listResource(ctx.db, { res, base: staffUsers(ctx.db), spec: userSpec, query }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/users/:id',
      tag: 'Users',
      access: access.staff(...ALL_STAFF),
      summary: 'One end user with balances and recent orders',
      params: idParams,
      handler: async ({ params, staff }) => {
        const u = await staffUsers(ctx.db).where('users.id', '=', params.id).executeTakeFirst();
        if (!u) throw problems.notFound('user');
        const recent = await staffOrders(ctx.db, ctx.clock)
          .where((eb) => eb.or([eb('orders.buyer_id', '=', u.id), eb('orders.seller_id', '=', u.id)]))
          .orderBy('orders.id', 'desc')
          .limit(50)
          .execute();
        const application = await latestSellerApplication(ctx.db, u.id);
        const warnings = await warningsOf(ctx.db, u.id);
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
      handler: ({ query, res }) =>
        listResource(ctx.db, { res, base: staffOrders(ctx.db, ctx.clock), spec: orderSpec, query }),
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
        reverseClearance(
          ctx,
          actorOf(req),
          { ...body, orderId: params.id, requestId: req.id as string },
          transaction,
        ),
    }),
  ];
}
