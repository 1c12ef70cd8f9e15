import { applyTransition, checkTransition, createRecord } from '../../machines/apply.js';
import { REPORT_MACHINE, reportActions, type ReportTransition } from './machine.js';
import { z } from 'zod';
import { transactionOf, type AppContext } from '../../context.js';
import type { InTransaction, WarningType } from '../../../db/schema.js';
import { problems } from '../../http/problem.js';
import { filters, type ListSpec } from '../../http/list.js';
import { audit, type Actor } from '../audit/audit.js';
import { sql } from 'kysely';
import { slaDueAt } from '../settings/sla.js';
import { blockUser, issueWarning } from './service.js';
import { kindOf, queueColumns } from '../queues/registry.js';
import { idValue } from '../../http/schemas.js';
import { caseTimeline } from '../decisions/notes.js';
import { camel } from '../../http/camel.js';

/** WRN-10: what a report may be about, and the short questionnaire that comes with it. */
export const REPORT_REASONS = [
  'scam_or_fraud',
  'inappropriate_content',
  'spam',
  'contact_outside_platform',
  'copyright',
  'harassment',
  'other',
] as const;
export const REPORT_QUESTIONS = {
  happened_in_order: 'Did this happen in an order with this user?',
  asked_to_pay_outside: 'Were you asked to pay or talk outside Pasar?',
  lost_money: 'Did you lose money?',
} as const;

export const reportBody = z.object({
  subjectType: z.enum(['service', 'user', 'message']),
  subjectId: z.number().int().positive(),
  reason: z.enum(REPORT_REASONS),
  answers: z.object({
    happened_in_order: z.boolean(),
    asked_to_pay_outside: z.boolean(),
    lost_money: z.boolean(),
  }),
  details: z.string().trim().max(3000).default(''),
});

/** The reported thing itself, shown in place on the case page. */
async function subjectOf(ctx: AppContext, type: 'service' | 'user' | 'message', id: number) {
  if (type === 'service')
    return ctx.db
      .selectFrom('services')
      .select(['id', 'seller_id as userId', 'title', 'description', 'active'])
      .where('id', '=', id)
      .executeTakeFirst();
  if (type === 'user')
    return ctx.db
      .selectFrom('users')
      .select(['id', 'id as userId', 'name', 'username', 'bio', 'status'])
      .where('id', '=', id)
      .executeTakeFirst();
  const m = await ctx.db
    .selectFrom('order_messages')
    .select(['id', 'sender_id as userId', ...camel('order_id'), 'body', ...camel('created_at')])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!m) return undefined;
  const thread = await ctx.db
    .selectFrom('order_messages')
    .innerJoin('users', 'users.id', 'order_messages.sender_id')
    .select([
      'order_messages.id',
      ...camel('order_messages.sender_id'),
      'users.name as senderName',
      'order_messages.body',
      ...camel('order_messages.created_at'),
    ])
    .where('order_messages.order_id', '=', m.orderId)
    .orderBy('order_messages.id')
    .execute();
  return { ...m, thread };
}

/**
 * WRN-10: a user reports a service, a profile or a message of an order they are a party to; it lands in the
 * queue with its SLA.
 */
export async function fileReport(ctx: AppContext, userId: number, body: z.infer<typeof reportBody>) {
  const subject = await subjectOf(ctx, body.subjectType, body.subjectId);
  if (!subject) throw problems.notFound(body.subjectType);
  if (body.subjectType === 'message') {
    const order = await ctx.db
      .selectFrom('orders')
      .select(['buyer_id', 'seller_id'])
      .where('id', '=', (subject as { orderId: number }).orderId)
      .executeTakeFirstOrThrow();
    if (order.buyer_id !== userId && order.seller_id !== userId) throw problems.notFound('message');
  }
  if (subject.userId === userId)
    throw problems.unprocessable('report-self', 'That is yours', 'You cannot report yourself.');
  const now = ctx.clock.now();
  const row = await createRecord(ctx.db, REPORT_MACHINE, {
    reporter_id: userId,
    subject_type: body.subjectType,
    subject_id: body.subjectId,
    subject_user_id: subject.userId,
    reason: body.reason,
    answers: JSON.stringify(body.answers),
    details: body.details,
    action: null,
    decision_reason: null,
    decided_by: null,
    decided_at: null,
    sla_due_at: await slaDueAt(ctx.db, ctx.config.timezone, now, 'report_sla_business_days'),
    created_at: now,
  });
  return { id: row.id, status: row.status, slaDueAt: row.sla_due_at };
}

export type ReportAction = 'dismiss' | 'warn' | 'remove_service' | 'block';

/** WRN-10: the reports queue staff list and open: its filters and the row each shows. */
export function reportQueue(ctx: AppContext) {
  const spec: ListSpec = {
    resource: 'reports',
    idColumn: 'reports.id',
    defaultSort: ['slaDueAt', 'ASC'],
    sortable: { id: 'reports.id', slaDueAt: 'reports.sla_due_at', createdAt: 'reports.created_at' },
    filters: {
      status: filters.oneOf('reports.status', z.enum(['open', 'dismissed', 'actioned'])),
      subjectType: filters.equals('reports.subject_type', z.string()),
      subjectUserId: filters.equals('reports.subject_user_id', z.coerce.number()),
      // A user's reports, made by them or about them.
      userId: {
        schema: idValue,
        apply: (qb, v: number) =>
          qb.where((eb) => eb.or([eb('reports.reporter_id', '=', v), eb('reports.subject_user_id', '=', v)])),
      },
      // An order's reports: those about a message of its thread.
      orderId: {
        schema: idValue,
        apply: (qb, v: number) =>
          qb.where(
            sql<boolean>`reports.subject_type = 'message'
              and reports.subject_id in (select id from order_messages where order_id = ${v})`,
          ),
      },
      assignedTo: filters.equals('reports.assigned_to', idValue),
      q: filters.find({ users: ['reports.reporter_id', 'reports.subject_user_id'], ids: ['reports.id'] }),
    },
  };
  const base = () =>
    ctx.db
      .selectFrom('reports')
      .innerJoin('users as reporter', 'reporter.id', 'reports.reporter_id')
      .innerJoin('users as subject', 'subject.id', 'reports.subject_user_id')
      .select([
        'reports.id',
        ...camel('reports.subject_type', 'reports.subject_id', 'reports.subject_user_id'),
        'subject.name as subjectUserName',
        ...camel('reports.reporter_id'),
        'reporter.name as reporterName',
        'reports.reason',
        'reports.answers',
        'reports.details',
        'reports.status',
        'reports.action',
        ...camel('reports.decision_reason', 'reports.sla_due_at', 'reports.created_at', 'reports.decided_at'),
        sql<boolean>`reports.status = 'open' and reports.sla_due_at < ${ctx.clock.now()}`.as('overdue'),
        ...queueColumns(kindOf('reports')),
      ]);
  return { spec, base };
}

/**
 * WRN-10: trust & safety decide an open report: dismiss it, warn the reported user (the warning policy
 * decides the consequence), take a reported service off sale, or block the user (WRN-7, WRN-9).
 */
export async function decideReport(
  ctx: AppContext,
  {
    id,
    action,
    reason,
    type,
    actor,
    requestId,
    run = transactionOf(ctx),
  }: {
    id: number;
    action: ReportAction;
    reason: string;
    type?: WarningType;
    actor: Actor & { type: 'staff' };
    requestId?: string;
    run?: InTransaction;
  },
) {
  const name = action.replace('_', '-') as ReportTransition;
  // The consequence and the report's decision commit together, or not at all.
  return run(async (trx) => {
    const r = await trx.selectFrom('reports').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!r) throw problems.notFound('report');
    checkTransition(REPORT_MACHINE, { state: r.status, name, actor: 'staff' });
    if (action === 'remove_service' && r.subject_type !== 'service')
      throw problems.unprocessable(
        'not-a-service',
        'Not a service',
        'Only a reported service can be removed.',
      );
    const inThis: InTransaction = (work) => work(trx);
    let effect: unknown = null;
    if (action === 'warn')
      effect = await issueWarning(ctx, {
        actor,
        userId: r.subject_user_id,
        input: { type: type ?? 'other', reason, severe: false },
        requestId,
        run: inThis,
      });
    if (action === 'block')
      effect = await blockUser(ctx, {
        actor,
        userId: r.subject_user_id,
        reason,
        requestId,
        run: inThis,
      });
    await applyTransition(trx, {
      machine: REPORT_MACHINE,
      id: r.id,
      name,
      actor: 'staff',
      now: ctx.clock.now(),
      set: { action, decision_reason: reason, decided_by: actor.id, decided_at: ctx.clock.now() },
    });
    if (action === 'remove_service')
      await trx
        .updateTable('services')
        .set({ active: false, updated_at: ctx.clock.now() })
        .where('id', '=', r.subject_id)
        .execute();
    await audit(trx, ctx.clock, {
      actor,
      action: `report.${action}`,
      subjectType: 'report',
      subjectId: r.id,
      reason,
      before: { status: 'open' },
      after: { status: action === 'dismiss' ? 'dismissed' : 'actioned', effect },
      requestId,
    });
    return { id: r.id, status: action === 'dismiss' ? 'dismissed' : 'actioned', action, effect };
  });
}

/** A report with the reported service, profile or message (in its thread) in place, and what staff may do. */
export async function reportDetail(ctx: AppContext, id: number) {
  const r = await reportQueue(ctx).base().where('reports.id', '=', id).executeTakeFirst();
  if (!r) throw problems.notFound('report');
  return {
    ...r,
    subject: await subjectOf(ctx, r.subjectType, r.subjectId),
    timeline: await caseTimeline(ctx.db, 'reports', r.id, [{ subjectType: 'report', subjectId: r.id }]),
    allowedActions: reportActions(
      { status: r.status, subject_type: r.subjectType },
      'staff',
      (
        await ctx.db
          .selectFrom('users')
          .select('status')
          .where('id', '=', r.subjectUserId)
          .executeTakeFirstOrThrow()
      ).status,
    ),
  };
}
