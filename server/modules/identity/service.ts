import type { AppContext } from '../../context.js';
import type { DocumentPurpose, Executor } from '../../../db/schema.js';
import { problems } from '../../http/problem.js';
import { putFile } from '../../http/uploads.js';
import { slaDueAt } from '../settings/sla.js';
import { audit } from '../audit/audit.js';
import { notify } from '../../notifications/templates.js';
import type { Actor } from '../audit/audit.js';
import { identityErrors } from './errors.js';
import { applyTransition, createRecord } from '../../machines/apply.js';
import { IDENTITY_MACHINE, identityCheckActions } from './machine.js';
import {
  documentColumns,
  earlierChecksOf,
  identityChecksQuery,
  latestApplicationOf,
  latestCheckOf,
  lockCheck,
} from './repository.js';
import { caseTimeline } from '../decisions/notes.js';

/** Records uploaded files as a user's documents (portfolio, ID photo, selfie, warning evidence). */
export async function storeDocuments(
  ctx: AppContext,
  db: Executor,
  files: Express.Multer.File[],
  owner: { userId: number; purpose: DocumentPurpose; sellerApplicationId?: number; identityCheckId?: number },
) {
  if (!files.length) return [];
  const now = ctx.clock.now();
  const rows = [];
  for (const f of files) {
    rows.push({
      user_id: owner.userId,
      purpose: owner.purpose,
      seller_application_id: owner.sellerApplicationId ?? null,
      identity_check_id: owner.identityCheckId ?? null,
      warning_id: null,
      uploaded_by_staff: null,
      ...(await putFile(ctx.storage, `documents/${owner.userId}/${owner.purpose}`, f, now)),
      created_at: now,
    });
  }
  return db
    .insertInto('user_documents')
    .values(rows)
    .returning([...documentColumns])
    .execute();
}

/** ACC-7: a user sends their ID photo and selfie; one open check at a time, none once verified. */
export async function submitIdentityCheck(
  ctx: AppContext,
  userId: number,
  idPhoto: Express.Multer.File[],
  selfie: Express.Multer.File[],
) {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const u = await trx
      .selectFrom('users')
      .select(['id', 'identity_verified_at'])
      .where('id', '=', userId)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    if (u.identity_verified_at)
      throw problems.conflict(
        'identity-verified',
        'Already verified',
        `Your identity was verified on ${u.identity_verified_at.toISOString()}; it is asked once (ACC-7).`,
      );
    const open = await trx
      .selectFrom('identity_checks')
      .select('id')
      .where('user_id', '=', u.id)
      .where('status', '=', 'submitted')
      .executeTakeFirst();
    if (open)
      throw problems.conflict(
        'identity-check-open',
        'Check in progress',
        `Identity check #${open.id} is still being reviewed.`,
      );
    const c = await createRecord(trx, IDENTITY_MACHINE, {
      user_id: u.id,
      sla_due_at: await slaDueAt(trx, ctx.config.timezone, now, 'identity_check_sla_business_days'),
      submitted_at: now,
      decided_by: null,
      decided_at: null,
      decision_reason: null,
    });
    await storeDocuments(ctx, trx, idPhoto, { userId: u.id, purpose: 'id_photo', identityCheckId: c.id });
    await storeDocuments(ctx, trx, selfie, { userId: u.id, purpose: 'selfie', identityCheckId: c.id });
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: u.id },
      action: 'identity-check.submit',
      subjectType: 'user',
      subjectId: u.id,
      after: { checkId: c.id },
    });
    return { id: c.id, status: c.status, submittedAt: c.submitted_at, expectedDecisionBy: c.sla_due_at };
  });
}

/**
 * ACC-7: trust & safety approve (the account is identity-verified) or reject with a reason the user
 * reads.
 */
export async function decideIdentityCheck(
  ctx: AppContext,
  actor: Actor & { type: 'staff' },
  d: { id: number; approve: boolean; reason: string | undefined; requestId: string },
) {
  const { id, approve, reason, requestId } = d;
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const c = await lockCheck(trx, id);
    if (!c) throw problems.notFound('identity check');
    const { to: status } = await applyTransition(trx, {
      machine: IDENTITY_MACHINE,
      id: c.id,
      state: c.status,
      name: approve ? 'approve' : 'reject',
      actor: 'staff',
      now,
      set: { decided_by: actor.id, decided_at: now, decision_reason: reason ?? null },
    });
    if (approve)
      await trx.updateTable('users').set({ identity_verified_at: now }).where('id', '=', c.user_id).execute();
    await audit(trx, ctx.clock, {
      actor,
      action: `identity-check.${approve ? 'approve' : 'reject'}`,
      subjectType: 'user',
      subjectId: c.user_id,
      reason: reason ?? null,
      before: { status: c.status },
      after: { status, checkId: c.id },
      requestId,
    });
    await notify(trx, ctx, {
      userId: c.user_id,
      kind: approve ? 'identity.approved' : 'identity.rejected',
      params: { reason: reason ?? '' },
      payload: { identityCheckId: c.id },
    });
    return { id: c.id, userId: c.user_id, status, decisionReason: reason ?? null };
  });
}

/** ACC-7: whether the user is identity-verified, and their latest check with its decision. */
export async function identityStatus(ctx: AppContext, userId: number) {
  const u = await ctx.db
    .selectFrom('users')
    .select(['identity_verified_at', 'phone', 'phone_verified_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const c = await latestCheckOf(ctx.db, userId);
  return {
    verifiedAt: u.identity_verified_at,
    phone: u.phone,
    phoneVerifiedAt: u.phone_verified_at,
    latestCheck: c
      ? {
          id: c.id,
          status: c.status,
          submittedAt: c.submitted_at,
          expectedDecisionBy: c.sla_due_at,
          decidedAt: c.decided_at,
          decisionReason: c.decision_reason,
        }
      : null,
  };
}

/** One identity check for the case page, with the user's earlier checks. */
export async function identityCheckDetail(ctx: AppContext, id: number) {
  const c = await identityChecksQuery(ctx.db, ctx.clock.now())
    .where('identity_checks.id', '=', id)
    .executeTakeFirst();
  if (!c) throw problems.notFound('identity check');
  return {
    ...c,
    earlier: await earlierChecksOf(ctx.db, c.userId, c.id),
    // Its claims and notes, and what was done about it on the user (submitted, decided) since it came in.
    timeline: await caseTimeline(ctx.db, 'identity-checks', c.id, [
      { subjectType: 'identity_check', subjectId: c.id },
      { subjectType: 'user', subjectId: c.userId, actionPrefix: 'identity-check.', since: c.submittedAt },
    ]),
    allowedActions: identityCheckActions(c, 'staff'),
  };
}

/** SEL-1: portfolio files join the user's open seller application. */
export async function attachPortfolioFiles(ctx: AppContext, userId: number, files: Express.Multer.File[]) {
  const app = await latestApplicationOf(ctx.db, userId);
  if (!app) throw problems.notFound('seller application');
  if (!['submitted', 'changes_requested'].includes(app.status))
    throw identityErrors.applicationDecided(app.status);
  return storeDocuments(ctx, ctx.db, files, { userId, purpose: 'portfolio', sellerApplicationId: app.id });
}
