import { applyTransition, checkTransition, createRecord } from '../../machines/apply.js';
import { APPLICATION_MACHINE, type ApplicationDecision } from './machine.js';
import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { problems } from '../../http/problem.js';
import { slaDueAt } from '../settings/sla.js';
import { audit, type Actor } from '../audit/audit.js';
import { notify } from '../../notifications/templates.js';

/** SEL-1: what the application form asks. */
export const applicationSchema = z.object({
  skills: z.array(z.string().trim().min(1).max(60)).min(1).max(30),
  experience: z.string().trim().min(10).max(5000),
  education: z.string().trim().min(2).max(3000),
  portfolio: z.array(z.url().max(500)).max(20).default([]),
  about: z.string().trim().max(3000).default(''),
});

export type { ApplicationDecision } from './machine.js';

const slaDue = (trx: Transaction<Database>, now: Date, timezone: string) =>
  slaDueAt(trx, timezone, now, 'seller_application_sla_business_days');

export async function submitApplication(
  ctx: AppContext,
  userId: number,
  input: z.infer<typeof applicationSchema>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const user = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .forNoKeyUpdate()
      .executeTakeFirstOrThrow();
    if (user.is_seller)
      throw problems.conflict('already-seller', 'Already a seller', 'You are a seller already.');
    const open = await trx
      .selectFrom('seller_applications')
      .select(['id', 'status'])
      .where('user_id', '=', userId)
      .where('status', 'in', ['submitted', 'changes_requested'])
      .executeTakeFirst();
    if (open)
      throw problems.conflict(
        'application-open',
        'Application already open',
        `You have an open application (#${open.id}, ${open.status.replace('_', ' ')}); one at a time` +
          ' (SEL-3).' +
          (open.status === 'changes_requested' ? ' Edit it with PUT /api/v1/seller-application.' : ''),
      );
    const app = await createRecord(trx, APPLICATION_MACHINE, {
      user_id: userId,
      skills: JSON.stringify(input.skills),
      experience: input.experience,
      education: input.education,
      portfolio: JSON.stringify(input.portfolio),
      about: input.about,
      submitted_at: now,
      sla_due_at: await slaDue(trx, now, ctx.config.timezone),
      decided_at: null,
      decided_by: null,
      decision_reason: null,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: userId },
      action: 'seller-application.submit',
      subjectType: 'seller_application',
      subjectId: app.id,
      after: { status: 'submitted' },
    });
    return app;
  });
}

/** SEL-2: after changes were asked, the applicant edits and resubmits; the SLA restarts. */
export async function resubmitApplication(
  ctx: AppContext,
  userId: number,
  input: z.infer<typeof applicationSchema>,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const app = await trx
      .selectFrom('seller_applications')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!app) throw problems.notFound('seller application');
    checkTransition(APPLICATION_MACHINE, {
      state: app.status,
      name: 'applicant-resubmit',
      actor: 'applicant',
    });
    const sla = await slaDue(trx, now, ctx.config.timezone);
    await applyTransition(trx, {
      machine: APPLICATION_MACHINE,
      id: app.id,
      state: app.status,
      name: 'applicant-resubmit',
      actor: 'applicant',
      now,
      set: {
        skills: JSON.stringify(input.skills),
        experience: input.experience,
        education: input.education,
        portfolio: JSON.stringify(input.portfolio),
        about: input.about,
        submitted_at: now,
        sla_due_at: sla,
        updated_at: now,
      },
    });
    const updated = await trx
      .selectFrom('seller_applications')
      .selectAll()
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    await audit(trx, ctx.clock, {
      actor: { type: 'user', id: userId },
      action: 'seller-application.resubmit',
      subjectType: 'seller_application',
      subjectId: app.id,
      before: { status: app.status },
      after: { status: 'submitted' },
    });
    return updated;
  });
}

export async function decideApplication(
  ctx: AppContext,
  actor: Actor & { type: 'staff' },
  /** OPS-6: every decision, approval too, carries a reason the applicant reads (the route requires it). */
  d: { id: number; decision: ApplicationDecision; reason: string; requestId?: string },
) {
  const { id, decision, reason, requestId } = d;
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const app = await trx
      .selectFrom('seller_applications')
      .selectAll()
      .where('id', '=', id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!app) throw problems.notFound('seller application');
    const { to } = await applyTransition(trx, {
      machine: APPLICATION_MACHINE,
      id,
      state: app.status,
      name: decision,
      actor: 'staff',
      now,
      set: { decided_at: now, decided_by: actor.id, decision_reason: reason, updated_at: now },
    });
    const t = { to };
    const updated = await trx
      .selectFrom('seller_applications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (t.to === 'approved')
      await trx.updateTable('users').set({ is_seller: true }).where('id', '=', app.user_id).execute();
    await audit(trx, ctx.clock, {
      actor,
      action: `seller-application.${decision}`,
      subjectType: 'seller_application',
      subjectId: id,
      reason,
      before: { status: app.status },
      after: { status: t.to },
      requestId,
    });
    await notify(trx, ctx, {
      userId: app.user_id,
      kind: `seller-application.${decision}`,
      params: { reason },
      payload: { applicationId: id },
    });
    return updated;
  });
}
