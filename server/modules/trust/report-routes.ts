import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { WarningType } from '../../../db/schema.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { listQuery } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { queuePage } from '../queues/sla.js';
import { WARNING_TYPES } from './rules.js';
import {
  REPORT_QUESTIONS,
  decideReport,
  fileReport,
  reportBody,
  reportDetail,
  reportQueue,
  type ReportAction,
} from './reports.js';

/** WRN-10: users file reports; trust & safety work the queue and decide each report. */
export function reportRoutes(ctx: AppContext) {
  const { spec, base } = reportQueue(ctx);
  const decide = (
    action: ReportAction,
    summary: string,
    body: z.ZodType<{ reason: string; type?: WarningType }>,
  ) =>
    defineRoute({
      method: 'post',
      path: `/api/admin/reports/:id/${action.replace('_', '-')}`,
      tag: 'Reports',
      access: access.staff('trust_safety'),
      summary,
      params: idParams,
      body,
      // A block moves the user's money to held (WRN-9): a retry with the same key must not run it twice.
      idempotent: true,
      handler: ({ params, body: b, req, transaction }) =>
        decideReport(ctx, {
          id: params.id,
          action,
          reason: b.reason,
          type: b.type,
          actor: actorOf(req),
          requestId: req.id as string,
          run: transaction,
        }),
    });
  const warningType = z.enum(WARNING_TYPES as [WarningType, ...WarningType[]]);
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/reports',
      tag: 'Reports',
      access: access.user,
      status: 201,
      summary:
        `Report a service, a user or a message (WRN-10) with a reason and the ` +
        `questionnaire: ${Object.values(REPORT_QUESTIONS).join(' ')}`,
      body: reportBody,
      handler: ({ body, user }) => fileReport(ctx, user.id, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/reports',
      tag: 'Reports',
      access: access.staff('trust_safety'),
      summary:
        'The reports queue, oldest SLA first (WRN-10); filters status,' +
        ' subjectType, subjectUserId, assignedTo, q',
      query: listQuery,
      handler: async ({ query, res }) => queuePage(ctx, { res, base: base(), spec, query, queue: 'reports' }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/reports/:id',
      tag: 'Reports',
      access: access.staff('trust_safety'),
      summary: 'A report with the reported service, profile or message (in its thread) shown in place',
      params: idParams,
      handler: ({ params }) => reportDetail(ctx, params.id),
    }),
    decide('dismiss', 'Dismiss a report with a reason', z.object({ reason })),
    decide(
      'warn',
      'Warn the reported user (the warning policy decides the consequence, WRN-3..7)',
      z.object({ reason, type: warningType }),
    ),
    decide('remove_service', 'Take the reported service off sale', z.object({ reason })),
    decide('block', 'Block the reported user (WRN-7, WRN-9)', z.object({ reason })),
  ];
}
