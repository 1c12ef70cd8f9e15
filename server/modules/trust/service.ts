import { applyTransition, checkTransition } from '../../machines/apply.js';
import { ACCOUNT_MACHINE, checkSetLevel } from '../accounts/machine.js';
import type { Transaction } from 'kysely';
import type { Database, SellerLevel, User, WarningType, InTransaction } from '../../../db/schema.js';
import { type AppContext, transactionOf } from '../../context.js';
import { problems } from '../../http/problem.js';
import { settingsAt } from '../settings/repository.js';
import { scheduleJob, cancelJob } from '../../jobs/jobs.js';
import { notify } from '../../notifications/templates.js';
import { audit, type Actor } from '../audit/audit.js';
import { account, postEntry, userBalances } from '../ledger/ledger.js';
import { revokeAllTokens } from '../../auth/user-tokens.js';
import { addDays } from '../orders/rules.js';
import { warningConsequence } from './rules.js';
import { holdOpenWithdrawals } from '../withdrawals/service.js';
import { recomputeLevels } from './levels.js';

type Trx = Transaction<Database>;
type Staff = Actor & { type: 'staff' };
export const JOB_END_SUSPENSION = 'account.end-suspension';

async function lockUser(trx: Trx, id: number): Promise<User> {
  const u = await trx
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!u) throw problems.notFound('user');
  return u;
}

async function decide(
  trx: Trx,
  now: Date,
  { user, type, severe }: { user: User; type: WarningType; severe: boolean },
) {
  const s = await settingsAt(trx, now);
  const history = (
    await trx.selectFrom('warnings').select(['type', 'issued_at']).where('user_id', '=', user.id).execute()
  ).map((w) => ({ type: w.type, issuedAt: w.issued_at }));
  const decision = warningConsequence({
    history,
    now,
    countingDays: s.warning_count_days,
    level: user.seller_level,
    type,
    severe,
  });
  return { ...decision, suspensionDays: s.suspension_days, history: history.length };
}

/** WRN-8: the consequence a warning would have, computed by the code that applies it; changes nothing. */
export async function previewWarning(
  ctx: AppContext,
  userId: number,
  input: { type: WarningType; severe: boolean },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user) throw problems.notFound('user');
    const now = ctx.clock.now();
    const d = await decide(trx, now, { user, type: input.type, severe: input.severe });
    return {
      ...d,
      levelBefore: user.seller_level,
      suspendedUntil: d.consequence === 'suspension' ? addDays(now, d.suspensionDays) : null,
    };
  });
}

/**
 * WRN-9: a block ends every session and moves the user's funds to `held`, payable by finance after the policy
 * days.
 */
async function applyBlock(
  ctx: AppContext,
  trx: Trx,
  now: Date,
  { actor, user, reason }: { actor: Staff; user: User; reason: string },
) {
  const s = await settingsAt(trx, now);
  const stoppedPayouts = await holdOpenWithdrawals(ctx, trx, now, { actor, userId: user.id });
  const b = await userBalances(trx, user.id);
  const releaseAt = addDays(now, s.held_release_days);
  const moved = b.credit + b.pending + b.available;
  const held = moved + stoppedPayouts;
  if (moved > 0) {
    await postEntry(trx, now, {
      kind: 'block-hold-funds',
      memo: `User ${user.id} blocked: funds held (WRN-9)`,
      memoKey: 'block_hold_funds',
      memoParams: { userId: user.id },
      userId: user.id,
      staffId: actor.id,
      postings: [
        { account: account.user(user.id, 'credit'), amount: -b.credit },
        { account: account.user(user.id, 'pending'), amount: -b.pending },
        { account: account.user(user.id, 'available'), amount: -b.available },
        { account: account.user(user.id, 'held'), amount: moved },
      ],
    });
  }
  await applyTransition(trx, {
    machine: ACCOUNT_MACHINE,
    id: user.id,
    state: user.status,
    name: 'block',
    actor: 'staff',
    now,
    set: { blocked_at: now, held_release_at: releaseAt, suspended_until: null },
  });
  await trx
    .updateTable('services')
    .set({ active: false, updated_at: now })
    .where('seller_id', '=', user.id)
    .execute();
  await revokeAllTokens(trx, user.id, ctx.authClock.now());
  await notify(trx, ctx, {
    userId: user.id,
    kind: 'account.blocked',
    params: {
      reason,
      held,
      payoutsStopped: stoppedPayouts > 0,
      releaseAt,
    },
  });
  return { held, stoppedPayouts, heldReleaseAt: releaseAt };
}

/** WRN-1..7: issue a warning and apply its consequence, all in one transaction. */
export async function issueWarning(
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
    input: { type: WarningType; reason: string; severe: boolean; suspensionDays?: number; evidence?: string };
    requestId?: string;
    run?: InTransaction;
  },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const user = await lockUser(trx, userId);
    // Warnings go to open accounts only; a suspension is the transition some of them bring.
    checkTransition(ACCOUNT_MACHINE, { state: user.status, name: 'staff-suspend', actor: 'staff' });
    const d = await decide(trx, now, { user, type: input.type, severe: input.severe });
    let suspendedUntil: Date | null = null;
    let effect: Record<string, unknown> = {};
    if (d.consequence === 'suspension') {
      suspendedUntil = addDays(now, input.suspensionDays ?? d.suspensionDays);
      if (user.suspended_until && user.suspended_until > suspendedUntil)
        suspendedUntil = user.suspended_until;
      await applyTransition(trx, {
        machine: ACCOUNT_MACHINE,
        id: userId,
        state: user.status,
        name: 'staff-suspend',
        actor: 'staff',
        now,
        set: { suspended_until: suspendedUntil },
      });
      await scheduleJob(trx, now, {
        kind: JOB_END_SUSPENSION,
        runAt: suspendedUntil,
        payload: { userId, until: suspendedUntil.toISOString() },
        dedupeKey: `suspension:${userId}:${suspendedUntil.getTime()}`,
      });
    }
    if (d.consequence === 'demotion')
      await trx.updateTable('users').set({ seller_level: d.levelAfter }).where('id', '=', userId).execute();
    if (d.consequence === 'block')
      effect = await applyBlock(ctx, trx, now, { actor, user, reason: input.reason });
    const w = await trx
      .insertInto('warnings')
      .values({
        user_id: userId,
        type: input.type,
        severe: input.severe,
        reason: input.reason,
        consequence: d.consequence,
        level_before: user.seller_level,
        level_after: d.levelAfter,
        suspended_until: suspendedUntil,
        issued_by: actor.id,
        issued_at: now,
        evidence: input.evidence ?? '',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.clock, {
      actor,
      action: `warning.${d.consequence}`,
      subjectType: 'user',
      subjectId: userId,
      reason: input.reason,
      before: { status: user.status, level: user.seller_level },
      after: {
        warningId: w.id,
        type: input.type,
        consequence: d.consequence,
        rule: d.rule,
        suspendedUntil,
        level: d.levelAfter,
        ...effect,
      },
      requestId,
    });
    if (d.consequence !== 'block') {
      await notify(trx, ctx, {
        userId,
        kind: 'account.warning',
        params: {
          type: input.type,
          reason: input.reason,
          ...(d.consequence === 'suspension' && suspendedUntil
            ? { consequence: 'suspension' as const, suspendedUntil }
            : d.consequence === 'demotion'
              ? { consequence: 'demotion' as const, levelBefore: user.seller_level, levelAfter: d.levelAfter }
              : { consequence: 'reminder' as const }),
        },
      });
    }
    return {
      id: w.id,
      type: w.type,
      consequence: d.consequence,
      rule: d.rule,
      counting: d.counting,
      suspendedUntil,
      levelBefore: user.seller_level,
      levelAfter: d.levelAfter,
      ...effect,
    };
  });
}

/** WRN-8: staff lift a suspension early, with a reason. */
export async function liftSuspension(
  ctx: AppContext,
  { actor, userId, reason, requestId }: { actor: Staff; userId: number; reason: string; requestId?: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const user = await lockUser(trx, userId);
    await applyTransition(trx, {
      machine: ACCOUNT_MACHINE,
      id: userId,
      state: user.status,
      name: 'lift-suspension',
      actor: 'staff',
      now,
      set: { suspended_until: null },
    });
    if (user.suspended_until)
      await cancelJob(trx, `suspension:${userId}:${user.suspended_until.getTime()}`, now);
    await audit(trx, ctx.clock, {
      actor,
      action: 'suspension.lift',
      subjectType: 'user',
      subjectId: userId,
      reason,
      before: { status: 'suspended', until: user.suspended_until },
      after: { status: 'active' },
      requestId,
    });
    await notify(trx, ctx, { userId, kind: 'account.suspension-lifted', params: { reason } });
    return { id: userId, status: 'active' as const };
  });
}

/** WRN-7, WRN-9: block at once without a warning. */
export async function blockUser(
  ctx: AppContext,
  {
    actor,
    userId,
    reason,
    requestId,
    run = transactionOf(ctx),
  }: { actor: Staff; userId: number; reason: string; requestId?: string; run?: InTransaction },
) {
  return run(async (trx) => {
    const now = ctx.clock.now();
    const user = await lockUser(trx, userId);
    checkTransition(ACCOUNT_MACHINE, { state: user.status, name: 'block', actor: 'staff' });
    const effect = await applyBlock(ctx, trx, now, { actor, user, reason });
    await audit(trx, ctx.clock, {
      actor,
      action: 'user.block',
      subjectType: 'user',
      subjectId: userId,
      reason,
      before: { status: user.status },
      after: { status: 'blocked', ...effect },
      requestId,
    });
    return { id: userId, status: 'blocked' as const, ...effect };
  });
}

/** Scheduler: a suspension ends by itself at its date. */
export async function endSuspension(ctx: AppContext, trx: Trx, payload: { userId: number; until: string }) {
  const user = await trx
    .selectFrom('users')
    .selectAll()
    .where('id', '=', payload.userId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (
    !user ||
    user.status !== 'suspended' ||
    !user.suspended_until ||
    user.suspended_until.toISOString() !== payload.until
  )
    return;
  await applyTransition(trx, {
    machine: ACCOUNT_MACHINE,
    id: user.id,
    state: user.status,
    name: 'auto-end-suspension',
    actor: 'system',
    now: ctx.clock.now(),
    set: { suspended_until: null },
  });
  await audit(trx, ctx.clock, {
    actor: { type: 'system' },
    action: 'suspension.end',
    subjectType: 'user',
    subjectId: user.id,
    before: { status: 'suspended' },
    after: { status: 'active' },
  });
  await notify(trx, ctx, { userId: user.id, kind: 'account.suspension-ended', params: {} });
}

/** SEL-4: trust & safety set a seller's level by hand (the only way to top rated), with a reason. */
export async function setLevelByHand(
  ctx: AppContext,
  {
    actor,
    userId,
    level,
    reason,
    requestId,
  }: { actor: Staff; userId: number; level: SellerLevel; reason: string; requestId: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const u = await trx
      .selectFrom('users')
      .select(['id', 'is_seller', 'seller_level', 'status'])
      .where('id', '=', userId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!u || !u.is_seller) throw problems.notFound('seller');
    checkSetLevel(u.status);
    await trx.updateTable('users').set({ seller_level: level }).where('id', '=', u.id).execute();
    await audit(trx, ctx.clock, {
      actor,
      action: 'seller.level-by-hand',
      subjectType: 'user',
      subjectId: u.id,
      reason,
      before: { level: u.seller_level },
      after: { level },
      requestId,
    });
    return { id: u.id, level };
  });
}

/**
 * SEL-4, SEL-6: trust & safety run the daily level evaluation now, in one transaction; answers the changes.
 */
export function recomputeLevelsNow(ctx: AppContext, actor: Actor & { type: 'staff' }) {
  return ctx.db.transaction().execute((trx) => recomputeLevels(trx, ctx, actor));
}
