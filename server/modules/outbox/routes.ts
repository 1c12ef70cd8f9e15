import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { problems } from '../../http/problem.js';
import { outboxMessages } from './repository.js';

const message = z.object({
  id: z.number(),
  kind: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  createdAt: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

const spec: ListSpec = {
  resource: 'outbox',
  idColumn: 'id',
  defaultSort: ['id', 'DESC'],
  sortable: { id: 'id', createdAt: 'created_at', to: 'recipient', status: 'status' },
  filters: {
    to: filters.equals('recipient', z.string()),
    kind: filters.oneOf('kind', z.string()),
    status: filters.oneOf('status', z.enum(['pending', 'sent', 'failed'])),
    q: filters.search('recipient', 'subject', 'body'),
  },
};

export function outboxRoutes(ctx: AppContext) {
  const base = () => outboxMessages(ctx.db);
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/outbox',
      tag: 'Outbox',
      access: access.staff('admin'),
      summary: 'Every notification written to the outbox (OPS-5), with its delivery status',
      query: listQuery,
      response: z.array(message),
      handler: ({ query, res }) => listResource(ctx.db, { res, base: base(), spec, query }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/outbox/:id',
      tag: 'Outbox',
      access: access.staff('admin'),
      summary: 'One outbox message',
      params: idParams,
      response: message,
      handler: async ({ params }) =>
        (await base().where('id', '=', params.id).executeTakeFirst()) ??
        Promise.reject(problems.notFound('message')),
    }),
  ];
}
