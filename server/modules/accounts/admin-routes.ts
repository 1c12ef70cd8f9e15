import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { actorOf } from '../../auth/staff-auth.js';
import { accountAccess, accountAccessAction, type AccountAccessAction } from './account-access.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { problems } from '../../http/problem.js';
import { smsMessages } from './repository.js';

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
  const smsBase = () => smsMessages(ctx.db);
  const helpers = ['support', 'trust_safety'] as const;
  const action = (path: string, what: AccountAccessAction, summary: string) =>
    defineRoute({
      method: 'post',
      path: `/api/admin/users/:id/${path}`,
      tag: 'Account access',
      access: access.staff(...helpers),
      summary,
      params: idParams,
      body: z.object({ reason }),
      handler: async ({ params, body, req }) => {
        await accountAccessAction(ctx, actorOf(req), {
          userId: params.id,
          action: what,
          reason: body.reason,
        });
        return undefined;
      },
    });
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/users/:id/access',
      tag: 'Account access',
      access: access.staff(...helpers),
      summary:
        'Account access: activation, verification (email, phone, identity),' +
        ' sessions, the last 20 sign-ins and' +
        ' why the user cannot sign in now',
      params: idParams,
      handler: ({ params }) => accountAccess(ctx, params.id),
    }),
    action(
      'activation/resend',
      'activation-resend',
      'Resend the activation link of a pending account (audited)',
    ),
    action('password-reset', 'password-reset', 'Mail the user a password reset link (ACC-8; audited)'),
    action('sessions/end', 'sessions-end', 'End every session of the user (ACC-11; audited)'),
    defineRoute({
      method: 'get',
      path: '/api/admin/sms-outbox',
      tag: 'Outbox',
      access: access.staff('admin'),
      summary: 'Every SMS written to the outbox (ACC-10, OPS-5): what the development SMS sender "sent"',
      query: listQuery,
      response: z.array(sms),
      handler: ({ query, res }) => listResource(ctx.db, { res, base: smsBase(), spec: smsSpec, query }),
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
