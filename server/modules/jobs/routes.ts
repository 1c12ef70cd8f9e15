import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { problems } from '../../http/problem.js';
import { actorOf } from '../../auth/staff-auth.js';
import { jobs } from './repository.js';
import { jobView, retryJob } from './service.js';

const job = z.object({
  id: z.number(),
  kind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  payloadSummary: z.string(),
  status: z.enum(['pending', 'done', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  failedAt: z.string().nullable(),
  runAt: z.string(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  allowedActions: z.array(z.string()),
});

const spec: ListSpec = {
  resource: 'jobs',
  idColumn: 'id',
  defaultSort: ['id', 'DESC'],
  sortable: { id: 'id', kind: 'kind', runAt: 'run_at', failedAt: 'failed_at', attempts: 'attempts' },
  filters: {
    status: filters.oneOf('status', z.enum(['pending', 'done', 'failed'])),
    kind: filters.oneOf('kind', z.string().max(100)),
  },
};

export function jobRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/jobs',
      tag: 'System',
      access: access.staff('admin'),
      summary:
        'Scheduler jobs (OPS-4); `filter={"status":"failed"}` lists the ones that' +
        ' failed their last attempt,' +
        ' with kind, payload, attempts, last error and when they failed',
      query: listQuery,
      response: z.array(job),
      handler: async ({ query, res }) =>
        (await listResource(ctx.db, { res, base: jobs(ctx.db), spec, query })).map(jobView),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/jobs/:id',
      tag: 'System',
      access: access.staff('admin'),
      summary: 'One scheduler job with its last error',
      params: idParams,
      response: job,
      handler: async ({ params }) => {
        const row = await jobs(ctx.db).where('id', '=', params.id).executeTakeFirst();
        if (!row) throw problems.notFound('job');
        return jobView(row);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/jobs/:id/retry',
      tag: 'System',
      access: access.staff('admin'),
      summary:
        'Send a job that failed its last attempt back to the scheduler, due now, with a reason (audited,' +
        ' OPS-3)',
      params: idParams,
      body: z.object({ reason }),
      response: job,
      handler: ({ params, body, req, transaction }) =>
        retryJob(
          ctx,
          actorOf(req),
          { id: params.id, reason: body.reason, requestId: req.id as string },
          transaction,
        ),
    }),
  ];
}
