import type { WithdrawalStatus } from '../../../db/schema.js';
import { withdrawalActions } from './machine.js';
import {
  heldFunds,
  heldFundsList,
  myPayoutMethods,
  myWithdrawal,
  myWithdrawals,
  PAYOUT_BATCH_LIST,
  payoutBatches,
  staffWithdrawals,
  withdrawalListSpec,
} from './repository.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { pageOf, pageQuery } from '../../http/page.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { idString } from '../../http/schemas.js';
import { problems } from '../../http/problem.js';
import { listQuery, listResource } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { settingsAt } from '../settings/repository.js';
import { addDays } from '../orders/rules.js';
import { maskedMethod, payoutMethodSchema, type PayoutMethod } from './rules.js';
import {
  approveMany,
  approveWithdrawal,
  closeWithdrawal,
  exportBatch,
  exportedBatch,
  withdrawalHistory,
  markPaid,
  methodView,
  releaseHeld,
  removePayoutMethod,
  requestWithdrawal,
  savePayoutMethod,
  withdrawalView,
  type WithdrawalInput,
} from './service.js';
import { applyBankResults, MAX_RESULT_ROWS, previewBankResults, RESULT_COLUMNS } from './bank-results.js';
import { queuePage } from '../queues/sla.js';

/** Either a saved method by id or a method written out (WDR-3). */
const destination = z
  .object({ payoutMethodId: z.number().int().positive().optional(), method: payoutMethodSchema.optional() })
  .superRefine((v, c) => {
    if ((v.payoutMethodId === undefined) === (v.method === undefined))
      c.addIssue({
        code: 'custom',
        path: ['method'],
        message: 'give either payoutMethodId (a saved method) or method',
      });
  });
/** The bank's result file as text (the console reads the chosen file). */
const resultsFile = z.object({ csv: z.string().min(1).max(900_000) });
const withdrawalBody = z.object({ amount: z.number().int().positive() }).and(destination);

/** Reasons the payout should not go, shown on every queue row (WDR-4). */
type FlagRow = {
  accountStatus: string;
  underDispute: boolean;
  recentWarning: boolean;
  newMethod: boolean;
  source: string;
};
function flagsOf(r: FlagRow): string[] {
  const flags: string[] = [];
  if (r.accountStatus === 'suspended') flags.push('suspended');
  if (r.accountStatus === 'blocked') flags.push('blocked');
  if (r.underDispute) flags.push('under_dispute');
  if (r.recentWarning) flags.push('recent_warning');
  if (r.newMethod) flags.push('new_method');
  if (r.source === 'held') flags.push('held_release');
  return flags;
}

export function withdrawalRoutes(ctx: AppContext) {
  const queueRow = <
    R extends FlagRow & { method: unknown; status: WithdrawalStatus; firstApprovedBy: number | null },
  >(
    r: R,
    staffId: number,
  ) => ({
    ...r,
    method: maskedMethod(r.method as PayoutMethod),
    flags: flagsOf(r),
    allowedActions: withdrawalActions(r, 'staff', (t) =>
      // WDR-6: the second approval is another finance user's; WRN-9: a blocked seller's payout waits.
      t.name === 'finance-approve'
        ? r.firstApprovedBy !== staffId && !(r.accountStatus === 'blocked' && r.source === 'available')
        : true,
    ),
  });
  const context = async () => {
    const now = ctx.clock.now();
    const s = await settingsAt(ctx.db, now);
    return {
      now,
      warnedSince: addDays(now, -s.payout_warning_flag_days),
      threshold: s.payout_four_eyes_threshold,
    };
  };
  const closeBody = z.object({ reason });

  return [
    // ---- the seller's side ----
    defineRoute({
      method: 'post',
      path: '/api/v1/withdrawals',
      tag: 'Withdrawals',
      access: access.user,
      status: 201,
      summary:
        'Withdraw from available (WDR-1: at least Rp 100.000; WDR-2: one per 7 days; WDR-3: moves to' +
        ' withdrawing at once) to a saved payoutMethodId or a method written out. Final: there is no' +
        ' cancel (WDR-5). Idempotency-Key supported (MNY-5)',
      body: withdrawalBody,
      idempotent: true,
      handler: ({ body, user, transaction }) =>
        transaction((trx) => requestWithdrawal(ctx, trx, user.id, body as WithdrawalInput)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/withdrawals',
      tag: 'Withdrawals',
      access: access.user,
      summary:
        'Your withdrawals with status, expected payout date (3 business days, WDR-4), bank reference once' +
        ' paid, reason if returned (paginated: page, perPage)',
      query: pageQuery,
      handler: async ({ user, query }) => {
        const page = await pageOf(myWithdrawals(ctx.db, user.id), query);
        return { ...page, items: page.items.map(withdrawalView) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/withdrawals/:id',
      tag: 'Withdrawals',
      access: access.user,
      summary: 'One of your withdrawals (SUP-7); any other id is 404',
      params: idParams,
      handler: async ({ params, user }) => {
        const w = await myWithdrawal(ctx.db, params.id, user.id);
        if (!w) throw problems.notFound('withdrawal');
        return withdrawalView(w);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me/payout-methods',
      tag: 'Withdrawals',
      access: access.user,
      summary: 'Your saved payout methods (account numbers masked)',
      handler: async ({ user }) => (await myPayoutMethods(ctx.db, user.id)).map(methodView),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/me/payout-methods',
      tag: 'Withdrawals',
      access: access.user,
      status: 201,
      summary:
        'Save a payout method: bank_transfer {bank, accountNumber, holderName} or ewallet {provider,' +
        ' accountId} (WDR-3)',
      body: payoutMethodSchema,
      handler: async ({ body, user }) => methodView(await savePayoutMethod(ctx, user.id, body)),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/me/payout-methods/:id',
      tag: 'Withdrawals',
      access: access.user,
      summary: 'Remove a saved payout method (payouts already requested keep their destination)',
      params: idParams,
      handler: async ({ params, user }) => {
        await removePayoutMethod(ctx, user.id, params.id);
        return undefined;
      },
    }),

    // ---- finance ----
    defineRoute({
      method: 'get',
      path: '/api/admin/withdrawals/export.csv',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      produces: 'text/csv',
      csrfOnGet: true,
      summary:
        'WDR-7: the approved payouts as a CSV for the bank, marked exported so they are not paid twice (a' +
        ' new batch each call; 409 when nothing is approved). `?batch=N` downloads an earlier batch again' +
        ' without changing anything. Needs the X-CSRF-Token header',
      query: z.object({ batch: idString.optional() }),
      handler: async ({ query, req, res }) => {
        const { csv, batchId } = query.batch
          ? await exportedBatch(ctx, query.batch)
          : await exportBatch(ctx, actorOf(req), req.id as string);
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="pasar-payouts-batch-${batchId}.csv"`);
        res.setHeader('X-Payout-Batch', String(batchId));
        res.setHeader('Access-Control-Expose-Headers', 'X-Payout-Batch, Content-Disposition');
        res.send(csv);
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/payout-batches',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      summary: 'Exported bank batches (WDR-7)',
      query: listQuery,
      handler: ({ query, res }) =>
        listResource(ctx.db, { res, base: payoutBatches(ctx.db), spec: PAYOUT_BATCH_LIST, query }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/payout-results/preview',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      summary:
        `The bank's result file (CSV: ${RESULT_COLUMNS.join(', ')}; at most ` +
        `${MAX_RESULT_ROWS} rows) checked` +
        ' row by row against the payouts, changing nothing (OPS-8): each row with its payout and its flags' +
        ' (unknown_reference, bad_outcome, wrong_state, amount_mismatch, missing_bank_reference,' +
        ' bank_reference_used, missing_failure_reason, duplicate_row), and the count and total to be marked' +
        ' paid and failed',
      body: resultsFile,
      handler: ({ body }) => previewBankResults(ctx.db, body.csv),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/payout-results/apply',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      summary:
        'Apply the previewed rows finance confirmed (`lines`), all or nothing in' +
        ' one transaction, each through' +
        ' mark-paid or mark-failed (WDR-4: its posting, audit entry and notice) and the upload audited; 409' +
        ' bank-results-changed (nothing applied) when a confirmed row is flagged now. Idempotency-Key' +
        ' supported (MNY-5)',
      body: resultsFile.extend({ lines: z.array(z.number().int().min(2)).min(1).max(MAX_RESULT_ROWS) }),
      idempotent: true,
      handler: ({ body, req, transaction }) =>
        applyBankResults(ctx, actorOf(req), { ...body, requestId: req.id as string }, transaction),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/withdrawals',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      query: listQuery,
      summary:
        'The payout queue, oldest SLA first (overdue first, WDR-4); every row with the seller, masked' +
        ' destination, account status and flags: suspended, blocked, under_dispute, recent_warning,' +
        ' new_method, held_release',
      handler: async ({ query, res, staff }) => {
        const c = await context();
        const rows = await queuePage(ctx, {
          res,
          base: staffWithdrawals(ctx.db, c.now, c.warnedSince),
          spec: withdrawalListSpec(ctx.clock),
          query,
          queue: 'withdrawals',
        });
        return rows.map((r) => ({
          ...queueRow(r, staff.id),
          needsTwoApprovals: r.amount > c.threshold,
        }));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/withdrawals/:id',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      params: idParams,
      summary:
        "One payout: the full destination, flags, the seller's balances and earlier payouts, its journal" +
        ' entries and its audit trail',
      handler: async ({ params, staff }) => {
        const c = await context();
        const r = await staffWithdrawals(ctx.db, c.now, c.warnedSince)
          .where('withdrawals.id', '=', params.id)
          .executeTakeFirst();
        if (!r) throw problems.notFound('withdrawal');
        const { balances, earlier, entries, trail } = await withdrawalHistory(ctx, r.id, r.userId);
        return {
          ...queueRow(r, staff.id),
          methodFull: r.method,
          needsTwoApprovals: r.amount > c.threshold,
          fourEyesThreshold: c.threshold,
          balances,
          earlier,
          entries,
          trail,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/withdrawals/:id/approve',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      params: idParams,
      summary:
        'Approve (WDR-4). Above the four-eyes threshold the first approval leaves it' +
        ' awaiting_second_approval and only a different finance user completes it (WDR-6)',
      handler: ({ params, req }) => approveWithdrawal(ctx, actorOf(req), params.id, req.id as string),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/withdrawals/bulk-approve/preview',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      summary:
        'OPS-8: what "Approve selected" would do, before it runs: the count and' +
        ' total of the payouts this user' +
        (' may approve, every row with its flags (suspended, blocked,' +
          ' under_dispute, recent_warning, new_method,') +
        ' held_release) and the count and total without the flagged ones; changes nothing',
      body: z.object({ ids: z.array(z.number().int().positive()).min(1).max(200) }),
      handler: async ({ body, staff }) => {
        const c = await context();
        const ids = [...new Set(body.ids)];
        const found = await staffWithdrawals(ctx.db, c.now, c.warnedSince)
          .where('withdrawals.id', 'in', ids)
          .execute();
        const rows = found
          .map((r) => {
            const q = queueRow(r, staff.id);
            return {
              id: r.id,
              userId: r.userId,
              userName: r.userName,
              amount: r.amount,
              status: r.status,
              flags: q.flags,
              approvable: q.allowedActions.includes('finance-approve'),
              needsTwoApprovals: r.amount > c.threshold,
            };
          })
          .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
        const approvable = rows.filter((r) => r.approvable);
        const clean = approvable.filter((r) => r.flags.length === 0);
        const sum = (rs: { amount: number }[]) => rs.reduce((t, r) => t + r.amount, 0);
        return {
          count: approvable.length,
          total: sum(approvable),
          flaggedCount: approvable.length - clean.length,
          unflaggedCount: clean.length,
          unflaggedTotal: sum(clean),
          notFound: ids.filter((id) => !rows.some((r) => r.id === id)),
          rows,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/withdrawals/bulk-approve',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      summary:
        'Approve several payouts; each is decided on its own (four eyes included) and answered with its' +
        ' result or its problem. OPS-8: a flagged row (see the preview) is skipped with' +
        ' `skipped: true`, its `flags` and a `payout-flagged` problem, unless its id is also in' +
        ' `confirmFlagged`',
      body: z
        .object({
          ids: z.array(z.number().int().positive()).min(1).max(200),
          confirmFlagged: z.array(z.number().int().positive()).max(200).default([]),
        })
        .superRefine((b, c) => {
          const stray = b.confirmFlagged.filter((id) => !b.ids.includes(id));
          if (stray.length)
            c.addIssue({
              code: 'custom',
              path: ['confirmFlagged'],
              message: `confirms payouts that are not in ids: ${stray.join(', ')}`,
            });
        }),
      handler: async ({ body, req }) => {
        // The flags as they are when each row is decided, not as the preview saw them.
        const flagsNow = async (id: number) => {
          const c = await context();
          const r = await staffWithdrawals(ctx.db, c.now, c.warnedSince)
            .where('withdrawals.id', '=', id)
            .executeTakeFirst();
          return r ? flagsOf(r) : [];
        };
        return approveMany(ctx, {
          actor: actorOf(req),
          ids: body.ids,
          requestId: req.id as string,
          flagsOf: flagsNow,
          confirmFlagged: body.confirmFlagged,
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/withdrawals/:id/mark-paid',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      params: idParams,
      summary: 'Paid: withdrawing → gateway with the bank reference (WDR-4); once only',
      body: z.object({ reference: z.string().trim().min(3).max(100) }),
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        markPaid(ctx, {
          actor: actorOf(req),
          id: params.id,
          reference: body.reference,
          requestId: req.id as string,
          run: transaction,
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/withdrawals/:id/reject',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      params: idParams,
      body: closeBody,
      summary:
        'Reject before export, with a reason the seller reads; the funds return to available (held for a' +
        ' blocked seller) (WDR-4)',
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        closeWithdrawal(
          ctx,
          actorOf(req),
          { id: params.id, outcome: 'rejected', reason: body.reason, requestId: req.id as string },
          transaction,
        ),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/withdrawals/:id/mark-failed',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      params: idParams,
      body: closeBody,
      summary:
        'The bank did not pay: the funds return to available (held for a blocked' +
        ' seller), with a reason (WDR-4)',
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        closeWithdrawal(
          ctx,
          actorOf(req),
          { id: params.id, outcome: 'failed', reason: body.reason, requestId: req.id as string },
          transaction,
        ),
    }),

    // ---- held funds (WRN-9) ----
    defineRoute({
      method: 'get',
      path: '/api/admin/held-funds',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      query: listQuery,
      summary: "Blocked users' held balances with the date they become releasable (WRN-9)",
      handler: ({ query, res }) =>
        listResource(ctx.db, {
          res,
          base: heldFunds(ctx.db, ctx.clock),
          spec: heldFundsList(ctx.clock),
          query,
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/held-funds/:id/release',
      tag: 'Withdrawals',
      access: access.staff('finance'),
      params: idParams,
      body: destination,
      status: 201,
      summary:
        "WRN-9: from the release date on, turn a blocked user's held funds into a payout (held →" +
        ' withdrawing) that goes through the payout queue; 409 before the date',
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        releaseHeld(ctx, {
          actor: actorOf(req),
          userId: params.id,
          input: body,
          requestId: req.id as string,
          run: transaction,
        }),
    }),
  ];
}
