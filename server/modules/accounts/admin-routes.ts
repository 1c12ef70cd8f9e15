import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { problems } from '../../http/problem.js';
import { SMS_PREFIX } from '../../notifications/templates.js';

const sms = z.object({
  id: z.number(),
  kind: z.string(),
  to: z.string(),
  text: z.string(),
  createdAt: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

const smsSpec: ListSpec = {
  resource: 'sms-outbox',
  idColumn: 'id',
  defaultSort: ['id', 'DESC'],
  sortable: { id: 'id', createdAt: 'created_at', status: 'status' },
  filters: {
    kind: filters.oneOf('kind', z.string()),
    status: filters.oneOf('status', z.enum(['pending', 'sent', 'failed'])),
    q: filters.search('recipient', 'body'),
  },
};

/** Staff routes of account access: the SMS outbox (ACC-10). */
export function accountAdminRoutes(ctx: AppContext) {
  const smsBase = () =>
    ctx.db
      .selectFrom('outbox')
      .select((eb) => [
        'id',
        'kind',
        eb.fn<string>('substr', ['recipient', eb.val(SMS_PREFIX.length + 1)]).as('to'),
        'body as text',
        'created_at as createdAt',
        'status',
        'sent_at as sentAt',
        'last_error as lastError',
      ])
      .where('recipient', 'like', `${SMS_PREFIX}%`);
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/sms-outbox',
      tag: 'Outbox',
      access: access.staff('admin'),
      summary: 'Every SMS written to the outbox (ACC-10, OPS-5): what the development SMS sender "sent"',
      query: listQuery,
      response: z.array(sms),
      handler: ({ query, res }) => listResource(ctx.db, res, smsBase(), smsSpec, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/sms-outbox/:id',
      tag: 'Outbox',
      access: access.staff('admin'),
      summary: 'One SMS of the outbox',
      params: idParams,
      response: sms,
      handler: async ({ params }) =>
        (await smsBase().where('id', '=', params.id).executeTakeFirst()) ??
        Promise.reject(problems.notFound('SMS')),
    }),
  ];
}
