import { createRecord } from '../../machines/apply.js';
import { IDENTITY_MACHINE } from './machine.js';
import type { AppContext } from '../../context.js';
import type { DocumentPurpose, Executor } from '../../../db/schema.js';
import { problems } from '../../http/problem.js';
import { putFile } from '../../http/uploads.js';
import { slaDueAt } from '../settings/sla.js';
import { audit } from '../audit/audit.js';
import { documentColumns } from './repository.js';

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
      ...(await putFile(ctx.storage, `documents/${owner.userId}/${owner.purpose}`, f)),
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
