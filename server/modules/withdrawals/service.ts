import { applyTransition, checkTransition, createRecord } from '../../machines/apply.js';
import { WITHDRAWAL_MACHINE } from './machine.js';
import type { Selectable, Transaction } from 'kysely';
import type { Database, PayoutMethodsTable, Withdrawal, InTransaction } from '../../../db/schema.js';
import { type AppContext, transactionOf } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { formatRupiah as rp } from '../../money.js';
import { settingsAt } from '../settings/repository.js';
import { slaDueAt } from '../settings/sla.js';
import { account, postEntry, userBalances } from '../ledger/ledger.js';
import { notify } from '../../notifications/templates.js';
import { audit, type Actor } from '../audit/audit.js';
import { addDays } from '../orders/rules.js';
import { approvalStep, batchCsv, CAN, methodFingerprint, maskedMethod, type PayoutMethod } from './rules.js';
import { caseNoteEntries, withNotes } from '../decisions/notes.js';
import { camel } from '../../http/camel.js';

type Trx = Transaction<Database>;
type Staff = Actor & { type: 'staff' };

export type WithdrawalInput = { amount: number } & (
  { payoutMethodId: number; method?: undefined } | { method: PayoutMethod; payoutMethodId?: undefined }
);

/**
 * The seller's view: status, expected payout date (WDR-4), the masked destination, and why it came back if it
 * did.
 */
export function withdrawalView(w: Withdrawal) {
  return {
    id: w.id,
    amount: w.amount,
    source: w.source,
    status: w.status,
    method: maskedMethod(w.method as PayoutMethod),
    requestedAt: w.created_at,
    expectedPayoutAt: w.sla_due_at,
    paidAt: w.paid_at,
    bankReference: w.bank_reference,
    reason: w.reason,
    closedAt: w.closed_at,
  };
}

export function methodView(m: Selectable<PayoutMethodsTable>) {
  return { id: m.id, createdAt: m.created_at, ...maskedMethod(toMethod(m)) };
}

function toMethod(m: {
  type: string;
  bank: string | null;
  account_number: string | null;
  holder_name: string | null;
  provider: string | null;
  account_id: string | null;
}): PayoutMethod {
  return m.type === 'bank_transfer'
    ? {
        type: 'bank_transfer',
        bank: m.bank as never,
        accountNumber: m.account_number!,
        holderName: m.holder_name!,
      }
    : { type: 'ewallet', provider: m.provider as never, accountId: m.account_id! };
}

/** Saves a payout method; the same destination saved twice answers the one already saved. */
export async function savePayoutMethod(
  ctx: AppContext,
  userId: number,
  m: PayoutMethod,
  run: InTransaction = transactionOf(ctx),
) {
  return run(async (trx) => {
    const fingerprint = methodFingerprint(m);
    const existing = await trx
      .selectFrom('payout_methods')
      .selectAll()
      .where('user_id', '=', userId)
      .where('fingerprint', '=', fingerprint)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (existing) return existing;
    return trx
      .insertInto('payout_methods')
      .values({
        user_id: userId,
        type: m.type,
        fingerprint,
        created_at: ctx.clock.now(),
        deleted_at: null,
        bank: m.type === 'bank_transfer' ? m.bank : null,
        account_number: m.type === 'bank_transfer' ? m.accountNumber : null,
        holder_name: m.type === 'bank_transfer' ? m.holderName : null,
        provider: m.type === 'ewallet' ? m.provider : null,
        account_id: m.type === 'ewallet' ? m.accountId : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

async function resolveMethod(
  trx: Trx,
  userId: number,
  input: { payoutMethodId?: number; method?: PayoutMethod },
) {
  if (input.method) return { method: input.method, payoutMethodId: null };
  const saved = await trx
    .selectFrom('payout_methods')
    .selectAll()
    .where('id', '=', input.payoutMethodId!)
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!saved)
    throw problems.validation([
      { field: 'body.payoutMethodId', message: 'not one of your saved payout methods' },
    ]);
  return { method: toMethod(saved), payoutMethodId: saved.id };
}

/**
 * WDR-1..3, WDR-5: a seller asks for a payout from `available`; the money moves to `withdrawing` at once and
 * cannot be called back.
 */
/** A new payout row (WDR-3, WRN-9): its SLA starts now; every decision column starts empty. */
async function newWithdrawal(
  ctx: AppContext,
  trx: Trx,
  now: Date,
  w: {
    userId: number;
    source: 'available' | 'held';
    amount: number;
    method: PayoutMethod;
    payoutMethodId: number | null;
    requestedByStaff?: number;
  },
) {
  return {
    user_id: w.userId,
    source: w.source,
    amount: w.amount,
    method: JSON.stringify(w.method),
    method_fingerprint: methodFingerprint(w.method),
    payout_method_id: w.payoutMethodId,
    sla_due_at: await slaDueAt(trx, ctx.config.timezone, now, 'withdrawal_sla_business_days'),
    first_approved_by: null,
    first_approved_at: null,
    approved_by: null,
    approved_at: null,
    batch_id: null,
    exported_at: null,
    bank_reference: null,
    paid_by: null,
    paid_at: null,
    reason: null,
    closed_by: null,
    closed_at: null,
    requested_by_staff: w.requestedByStaff ?? null,
    created_at: now,
  };
}

export async function requestWithdrawal(ctx: AppContext, trx: Trx, userId: number, input: WithdrawalInput) {
  const now = ctx.clock.now();
  // The user's row is the lock that serialises one seller's concurrent requests (WDR-2).
  const user = await trx
    .selectFrom('users')
    .select(['id', 'is_seller', 'status'])
    .where('id', '=', userId)
    .forNoKeyUpdate()
    .executeTakeFirstOrThrow();
  if (!user.is_seller)
    throw problems.unprocessable(
      'not-a-seller',
      'Only sellers withdraw',
      'Withdrawals pay out seller earnings (WDR-1); your account is not a seller account.',
    );
  const { method, payoutMethodId } = await resolveMethod(trx, userId, input);
  const s = await settingsAt(trx, now);
  if (input.amount < s.withdrawal_min) {
    throw problems.unprocessable(
      'withdrawal-below-minimum',
      'Below the minimum withdrawal',
      `A withdrawal is at least ${rp(s.withdrawal_min)} (WDR-1).`,
      {
        minimum: s.withdrawal_min,
        errors: [{ field: 'body.amount', message: `at least ${s.withdrawal_min}` }],
      },
    );
  }
  const since = addDays(now, -s.withdrawal_interval_days);
  const last = await trx
    .selectFrom('withdrawals')
    .select(['id', 'created_at'])
    .where('user_id', '=', userId)
    .where('source', '=', 'available')
    .where('status', 'not in', ['rejected', 'failed'])
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (last) {
    const nextAllowedAt = addDays(last.created_at, s.withdrawal_interval_days);
    throw problems.unprocessable(
      'withdrawal-too-soon',
      'One withdrawal per week',
      `You can withdraw once every ${s.withdrawal_interval_days} days (WDR-2). Your last withdrawal` +
        ` (#${last.id}) was on ${last.created_at.toISOString()}; the next one is allowed from` +
        ` ${nextAllowedAt.toISOString()}.`,
      { lastWithdrawalId: last.id, nextAllowedAt },
    );
  }
  const balances = await userBalances(trx, userId);
  if (input.amount > balances.available) {
    throw problems.unprocessable(
      'withdrawal-exceeds-available',
      'More than is available',
      `You can withdraw at most ${rp(balances.available)}: only cleared earnings (available) can be` +
        ` withdrawn; pending earnings clear 14 days after completion (WDR-1, CLR-1).`,
      {
        available: balances.available,
        pending: balances.pending,
        errors: [{ field: 'body.amount', message: `at most ${balances.available}` }],
      },
    );
  }
  const w = await createRecord(
    trx,
    WITHDRAWAL_MACHINE,
    await newWithdrawal(ctx, trx, now, {
      userId,
      source: 'available',
      amount: input.amount,
      method,
      payoutMethodId,
    }),
  );
  await postEntry(trx, now, {
    kind: 'withdrawal-requested',
    reference: `withdrawal:${w.id}:requested`,
    memo: `Withdrawal #${w.id} requested (WDR-3)`,
    memoKey: 'withdrawal_requested',
    memoParams: { id: w.id },
    userId,
    postings: [
      { account: account.user(userId, 'available'), amount: -w.amount },
      { account: account.user(userId, 'withdrawing'), amount: w.amount },
    ],
  });
  await notify(trx, ctx, {
    userId,
    kind: 'withdrawal.requested',
    params: { amount: w.amount, slaBusinessDays: s.withdrawal_sla_business_days, dueAt: w.sla_due_at },
    payload: { withdrawalId: w.id },
  });
  return withdrawalView(w);
}

async function lockWithdrawal(trx: Trx, id: number): Promise<Withdrawal> {
  const w = await trx
    .selectFrom('withdrawals')
    .selectAll()
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!w) throw problems.notFound('withdrawal');
  return w;
}

function decide(
  ctx: AppContext,
  id: number,
  fn: (trx: Trx, w: Withdrawal, now: Date) => Promise<Withdrawal>,
  run: InTransaction = transactionOf(ctx),
) {
  return run(async (trx) => {
    const w = await lockWithdrawal(trx, id);
    return withdrawalView(await fn(trx, w, ctx.clock.now()));
  });
}

/**
 * WDR-4, WDR-6: approve; above the threshold the first approval waits for a second, different finance user.
 */
export function approveWithdrawal(ctx: AppContext, actor: Staff, id: number, requestId?: string) {
  return decide(ctx, id, async (trx, w, now) => {
    checkTransition(WITHDRAWAL_MACHINE, {
      state: w.status,
      name: 'finance-approve',
      actor: 'staff',
      id: w.id,
    });
    const user = await trx
      .selectFrom('users')
      .select(['status'])
      .where('id', '=', w.user_id)
      .executeTakeFirstOrThrow();
    if (user.status === 'blocked' && w.source === 'available') {
      throw problems.conflict(
        'account-blocked',
        'Account blocked',
        'The seller is blocked: their funds are held (WRN-9). Reject this withdrawal; held funds are' +
          ' released from the Held funds page after their date.',
      );
    }
    const s = await settingsAt(trx, now);
    const step = approvalStep(w.amount, s.payout_four_eyes_threshold, w.first_approved_by, actor.id);
    if ('refused' in step) {
      throw new Problem({
        status: 403,
        slug: 'four-eyes',
        title: 'A second approver is needed',
        detail:
          `Withdrawal #${w.id} of ${rp(w.amount)} is above ${rp(s.payout_four_eyes_threshold)}: you gave` +
          ` the first approval, so a different finance user must give the second (WDR-6).`,
      });
    }
    await applyTransition(trx, {
      machine: WITHDRAWAL_MACHINE,
      id: w.id,
      state: w.status,
      name: step.next === 'approved' ? 'finance-approve' : 'finance-first-approval',
      actor: 'staff',
      now,
      set:
        step.next === 'approved'
          ? { approved_by: actor.id, approved_at: now }
          : { first_approved_by: actor.id, first_approved_at: now },
      audit: {
        clock: ctx.clock,
        entry: {
          actor,
          action: step.next === 'approved' ? 'withdrawal.approve' : 'withdrawal.first-approval',
          subjectType: 'withdrawal',
          subjectId: w.id,
          before: { status: w.status },
          after: { status: step.next, amount: w.amount, threshold: s.payout_four_eyes_threshold },
          requestId,
        },
      },
    });
    return lockWithdrawal(trx, w.id);
  });
}

/**
 * Money leaves `withdrawing` again: to `available`, or to `held` for a blocked seller or a held-funds release
 * (WDR-4, WRN-9).
 */
async function returnFunds(
  ctx: AppContext,
  trx: Trx,
  w: Withdrawal,
  r: {
    now: Date;
    name: 'finance-reject' | 'finance-mark-failed' | 'block-stop-payout';
    reason: string;
    actor: Staff | null;
  },
) {
  const { now, name, reason, actor } = r;
  const blocking = name === 'block-stop-payout';
  const status = name === 'finance-mark-failed' ? 'failed' : 'rejected';
  const blocked =
    blocking ||
    (await trx.selectFrom('users').select(['status']).where('id', '=', w.user_id).executeTakeFirstOrThrow())
      .status === 'blocked';
  const back = w.source === 'held' || blocked ? 'held' : 'available';
  await postEntry(trx, now, {
    kind: 'withdrawal-returned',
    reference: `withdrawal:${w.id}:returned`,
    memo: `Withdrawal #${w.id} ${status}: funds returned to ${back}: ${reason}`,
    memoKey: 'withdrawal_returned',
    memoParams: { id: w.id, status, back, reason },
    userId: w.user_id,
    staffId: actor?.id ?? null,
    postings: [
      { account: account.user(w.user_id, 'withdrawing'), amount: -w.amount },
      { account: account.user(w.user_id, back), amount: w.amount },
    ],
  });
  await applyTransition(trx, {
    machine: WITHDRAWAL_MACHINE,
    id: w.id,
    state: w.status,
    name,
    actor: 'staff',
    now,
    set: { reason, closed_by: actor?.id ?? null, closed_at: now },
  });
  const after = await lockWithdrawal(trx, w.id);
  if (back === 'available') {
    await notify(trx, ctx, {
      userId: w.user_id,
      kind: 'withdrawal.returned',
      params: { withdrawalId: w.id, amount: w.amount, status, reason },
      payload: { withdrawalId: w.id },
    });
  }
  return { after, back };
}

/**
 * WDR-4: reject before the money left, or mark failed after the bank refused it; either way the funds return.
 */
export function closeWithdrawal(
  ctx: AppContext,
  actor: Staff,
  c: { id: number; outcome: 'rejected' | 'failed'; reason: string; requestId?: string },
  run?: InTransaction,
) {
  const { id, outcome, reason, requestId } = c;
  return decide(
    ctx,
    id,
    async (trx, w, now) => {
      const name = outcome === 'rejected' ? 'finance-reject' : 'finance-mark-failed';
      checkTransition(WITHDRAWAL_MACHINE, { state: w.status, name, actor: 'staff', id: w.id });
      const { after, back } = await returnFunds(ctx, trx, w, { now, name, reason, actor });
      await audit(trx, ctx.clock, {
        actor,
        action: outcome === 'rejected' ? 'withdrawal.reject' : 'withdrawal.mark-failed',
        subjectType: 'withdrawal',
        subjectId: w.id,
        reason,
        before: { status: w.status },
        after: { status: outcome, returnedTo: back, amount: w.amount },
        requestId,
      });
      return after;
    },
    run,
  );
}

const referenceUsed = (reference: string, id?: number) =>
  problems.conflict(
    'bank-reference-used',
    'Reference already used',
    `Bank reference ${reference} is recorded on ${id ? `withdrawal #${id}` : 'another withdrawal'} already.`,
  );

/** WDR-4: paid; the money leaves `withdrawing` for `gateway` with the bank's reference. Paid once only. */
export function markPaid(
  ctx: AppContext,
  {
    actor,
    id,
    reference,
    requestId,
    run,
  }: { actor: Staff; id: number; reference: string; requestId?: string; run?: InTransaction },
) {
  return decide(
    ctx,
    id,
    async (trx, w, now) => {
      checkTransition(WITHDRAWAL_MACHINE, {
        state: w.status,
        name: 'finance-mark-paid',
        actor: 'staff',
        id: w.id,
      });
      const clash = await trx
        .selectFrom('withdrawals')
        .select('id')
        .where('bank_reference', '=', reference)
        .executeTakeFirst();
      if (clash) throw referenceUsed(reference, clash.id);
      await postEntry(trx, now, {
        kind: 'withdrawal-paid',
        reference: `withdrawal:${w.id}:paid`,
        memo: `Withdrawal #${w.id} paid, bank reference ${reference} (WDR-4)`,
        memoKey: 'withdrawal_paid',
        memoParams: { id: w.id, reference },
        userId: w.user_id,
        staffId: actor.id,
        postings: [
          { account: account.user(w.user_id, 'withdrawing'), amount: -w.amount },
          { account: account.platform('gateway'), amount: w.amount },
        ],
      });
      await applyTransition(trx, {
        machine: WITHDRAWAL_MACHINE,
        id: w.id,
        state: w.status,
        name: 'finance-mark-paid',
        actor: 'staff',
        now,
        set: { bank_reference: reference, paid_by: actor.id, paid_at: now },
        audit: {
          clock: ctx.clock,
          entry: {
            actor,
            action: 'withdrawal.mark-paid',
            subjectType: 'withdrawal',
            subjectId: w.id,
            before: { status: w.status },
            after: { status: 'paid', reference, amount: w.amount },
            requestId,
          },
        },
      }).catch((e: unknown) => {
        // Two payouts marked paid with one reference at the same moment: both passed the check above.
        if ((e as { code?: string }).code === '23505') throw referenceUsed(reference);
        throw e;
      });
      const after = await lockWithdrawal(trx, w.id);
      await notify(trx, ctx, {
        userId: w.user_id,
        kind: 'withdrawal.paid',
        params: { withdrawalId: w.id, amount: w.amount, reference },
        payload: { withdrawalId: w.id },
      });
      return after;
    },
    run,
  );
}

/**
 * WDR-7: every approved, not yet exported payout goes into one batch and its CSV; they are marked exported so
 * they are not paid twice.
 */
export async function exportBatch(ctx: AppContext, actor: Staff, requestId?: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const rows = await trx
      .selectFrom('withdrawals')
      .innerJoin('users', 'users.id', 'withdrawals.user_id')
      .select([
        'withdrawals.id',
        'withdrawals.amount',
        'withdrawals.method',
        ...camel('withdrawals.user_id'),
        'users.email',
      ])
      .where('withdrawals.status', '=', 'approved')
      .orderBy('withdrawals.id')
      .forNoKeyUpdate()
      .execute();
    if (!rows.length)
      throw problems.conflict(
        'nothing-to-export',
        'Nothing to export',
        'No approved withdrawals are waiting for export.',
      );
    const csv = batchCsv(rows.map((r) => ({ ...r, method: r.method as PayoutMethod })));
    const total = rows.reduce((a, r) => a + r.amount, 0);
    const batch = await trx
      .insertInto('payout_batches')
      .values({ created_by: actor.id, created_at: now, count: rows.length, total, csv })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const r of rows)
      await applyTransition(trx, {
        machine: WITHDRAWAL_MACHINE,
        id: r.id,
        state: 'approved',
        name: 'finance-export',
        actor: 'staff',
        now,
        set: { batch_id: batch.id, exported_at: now },
      });
    await audit(trx, ctx.clock, {
      actor,
      action: 'withdrawal.export',
      subjectType: 'payout_batch',
      subjectId: batch.id,
      after: { withdrawals: rows.map((r) => r.id), total },
      requestId,
    });
    return { batchId: batch.id, count: rows.length, total, csv };
  });
}

/**
 * WRN-9: when a seller is being blocked, payouts that have not gone to the bank are stopped and their money
 * joins the held funds.
 */
export async function holdOpenWithdrawals(
  ctx: AppContext,
  trx: Trx,
  now: Date,
  { actor, userId }: { actor: Staff; userId: number },
) {
  const open = await trx
    .selectFrom('withdrawals')
    .selectAll()
    .where('user_id', '=', userId)
    .where('status', 'in', CAN.reject)
    .forNoKeyUpdate()
    .execute();
  for (const w of open)
    await returnFunds(ctx, trx, w, {
      now,
      name: 'block-stop-payout',
      reason: 'Account blocked: funds held (WRN-9)',
      actor,
    });
  return open.reduce((a, w) => a + w.amount, 0);
}

/**
 * WRN-9: after the release date, finance turns a blocked user's held funds into a payout that goes through
 * the queue.
 */
export async function releaseHeld(
  ctx: AppContext,
  {
    actor,
    userId,
    input,
    requestId,
    run = transactionOf(ctx),
  }: {
    actor: Staff;
    userId: number;
    input: { payoutMethodId?: number; method?: PayoutMethod };
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const user = await trx
      .selectFrom('users')
      .select(['id', 'status', 'held_release_at'])
      .where('id', '=', userId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!user) throw problems.notFound('user');
    const { held } = await userBalances(trx, userId);
    if (held <= 0) throw problems.conflict('nothing-held', 'Nothing held', 'This user holds no funds.');
    if (!user.held_release_at || user.held_release_at > now) {
      throw problems.conflict(
        'held-not-releasable',
        'Not releasable yet',
        `Held funds can be paid out from ${user.held_release_at?.toISOString() ?? 'the release date'}, 90` +
          ` days after the block (WRN-9).`,
        { releasableAt: user.held_release_at },
      );
    }
    const { method, payoutMethodId } = await resolveMethod(trx, userId, input);
    const w = await createRecord(
      trx,
      WITHDRAWAL_MACHINE,
      await newWithdrawal(ctx, trx, now, {
        userId,
        source: 'held',
        amount: held,
        method,
        payoutMethodId,
        requestedByStaff: actor.id,
      }),
    );
    await postEntry(trx, now, {
      kind: 'held-release',
      reference: `withdrawal:${w.id}:requested`,
      memo: `Held funds of user ${userId} released to payout #${w.id} (WRN-9)`,
      memoKey: 'held_release',
      memoParams: { userId, id: w.id },
      userId,
      staffId: actor.id,
      postings: [
        { account: account.user(userId, 'held'), amount: -held },
        { account: account.user(userId, 'withdrawing'), amount: held },
      ],
    });
    await audit(trx, ctx.clock, {
      actor,
      action: 'held.release',
      subjectType: 'user',
      subjectId: userId,
      before: { held },
      after: { withdrawalId: w.id, amount: held },
      requestId,
    });
    return withdrawalView(w);
  });
}

/** A saved payout method is removed; payouts already requested keep their destination. */
export async function removePayoutMethod(ctx: AppContext, userId: number, id: number) {
  const r = await ctx.db
    .updateTable('payout_methods')
    .set({ deleted_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!r.numUpdatedRows) throw problems.notFound('payout method');
}

/**
 * Approves several payouts, each on its own (four eyes included, WDR-6), and answers each one's result or
 * its problem.
 */
/**
 * OPS-8: approve several payouts, each decided on its own (four eyes included). A flagged row (suspended,
 * blocked, under dispute, warned lately, new method, held release) is skipped and answered with its flags,
 * unless the request names it in `confirmFlagged`: the staff member saw the flags and ticked it again.
 */
export async function approveMany(
  ctx: AppContext,
  {
    actor,
    ids,
    requestId,
    flagsOf,
    confirmFlagged = [],
  }: {
    actor: Staff;
    ids: number[];
    requestId: string | undefined;
    flagsOf: (id: number) => Promise<string[]>;
    confirmFlagged?: number[];
  },
) {
  const results = [];
  for (const id of [...new Set(ids)]) {
    try {
      const flags = await flagsOf(id);
      if (flags.length && !confirmFlagged.includes(id)) throw flaggedPayout(id, flags);
      results.push({ id, ok: true, flags, withdrawal: await approveWithdrawal(ctx, actor, id, requestId) });
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      results.push({
        id,
        ok: false,
        skipped: e.slug === 'payout-flagged',
        ...(e.extra.flags ? { flags: e.extra.flags as string[] } : {}),
        problem: { type: e.type, status: e.status, title: e.title, detail: e.detail },
      });
    }
  }
  return {
    approved: results.filter((r) => r.ok).length,
    skipped: results.filter((r) => 'skipped' in r && r.skipped).length,
    results,
  };
}

const flaggedPayout = (id: number, flags: string[]) =>
  problems.conflict(
    'payout-flagged',
    'Flagged payout not confirmed',
    `Payout #${id} is flagged (${flags.join(', ')}); approve it only by naming it in confirmFlagged (OPS-8).`,
    { flags },
  );

/** WDR-7: an earlier bank batch, downloaded again without changing anything. */
export async function exportedBatch(ctx: AppContext, batchId: number) {
  const b = await ctx.db
    .selectFrom('payout_batches')
    .select(['id', 'csv'])
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!b) throw problems.notFound('payout batch');
  return { csv: b.csv, batchId: b.id };
}

/**
 * What finance reads beside a payout: the seller's balances, earlier payouts, its entries and audit trail.
 */
export async function withdrawalHistory(ctx: AppContext, id: number, userId: number) {
  const [balances, earlier, entries, trail] = await Promise.all([
    userBalances(ctx.db, userId),
    ctx.db
      .selectFrom('withdrawals')
      .select(['id', 'amount', 'status', ...camel('created_at', 'paid_at')])
      .where('user_id', '=', userId)
      .where('id', '<>', id)
      .orderBy('id', 'desc')
      .limit(20)
      .execute(),
    ctx.db
      .selectFrom('journal_entries')
      .select(['id', 'kind', 'memo', ...camel('memo_key', 'memo_params'), 'at'])
      .where('reference', 'like', `withdrawal:${id}:%`)
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('audit_log')
      .leftJoin('staff', (j) =>
        j.onRef('staff.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'staff'),
      )
      .select([
        'audit_log.id',
        'audit_log.action',
        'audit_log.reason',
        'audit_log.at',
        'staff.name as staffName',
      ])
      .where('audit_log.subject_type', '=', 'withdrawal')
      .where('audit_log.subject_id', '=', String(id))
      .orderBy('audit_log.id')
      .execute(),
  ]);
  // OPS-6: the payout's internal notes in its trail, in time order (staff only).
  return {
    balances,
    earlier,
    entries,
    trail: withNotes(trail, await caseNoteEntries(ctx.db, 'withdrawals', id)),
  };
}
