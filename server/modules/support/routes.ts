import type { AppContext } from '../../context.js';
import { access, defineRoute } from '../../http/route.js';
import { listQuery } from '../../http/list.js';
import { queuePage } from '../queues/sla.js';
import { supportAgents, supportCaseList, supportCases } from './repository.js';

/**
 * The support queue (REF-4, RES-7, OPS-2): refund requests and escalated cancellations in
 * one list, oldest SLA first, each row linking to its own case page (`type` + `caseId`).
 */
export function supportQueueRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/support-agents',
      tag: 'Support queue',
      access: access.staff('support'),
      summary: 'Active support agents, to assign a case to (OPS-2)',
      handler: () => supportAgents(ctx.db),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/support-cases',
      tag: 'Support queue',
      access: access.staff('support'),
      summary:
        'Refund requests and escalated cancellations together, oldest SLA first; filters status, type,' +
        ' kind, overdue, assignedTo, q',
      query: listQuery,
      handler: async ({ query, res }) =>
        queuePage(ctx, { res, base: supportCases(ctx.db, ctx.clock), spec: supportCaseList(ctx), query }),
    }),
  ];
}
