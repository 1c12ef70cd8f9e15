import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { idValue } from '../../http/schemas.js';
import { filters, listQuery, listResource, type ListSpec } from '../../http/list.js';
import { problems } from '../../http/problem.js';
import { auditEntries } from './repository.js';

const auditRow = z.object({
  id: z.number(),
  at: z.string(),
  actorType: z.enum(['staff', 'user', 'system']),
  actorId: z.number().nullable(),
  actorRole: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});

const spec: ListSpec = {
  resource: 'audit-log',
  idColumn: 'audit_log.id',
  defaultSort: ['id', 'DESC'],
  sortable: { id: 'audit_log.id', at: 'audit_log.at', action: 'audit_log.action' },
  filters: {
    action: filters.oneOf('audit_log.action', z.string()),
    actorType: filters.equals('audit_log.actor_type', z.enum(['staff', 'user', 'system'])),
    actorId: filters.equals('audit_log.actor_id', idValue),
    subjectType: filters.equals('audit_log.subject_type', z.string()),
    subjectId: filters.equals('audit_log.subject_id', z.coerce.string()),
    since: filters.since('audit_log.at'),
    until: filters.until('audit_log.at'),
    q: filters.find({
      text: ['audit_log.reason'],
      codes: [
        { table: 'audit_log', column: 'action' },
        { table: 'audit_log', column: 'subject_type' },
      ],
    }),
  },
};

export function auditRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/audit-log',
      tag: 'Audit',
      access: access.staff('admin'),
      summary: 'The append-only audit log (OPS-3), newest first',
      query: listQuery,
      response: z.array(auditRow),
      handler: ({ query, res }) => listResource(ctx.db, { res, base: auditEntries(ctx.db), spec, query }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/my-activity',
      tag: 'Audit',
      access: access.anyStaff,
      summary: "The audit rows of the logged-in staff member's own actions",
      query: listQuery,
      response: z.array(auditRow),
      handler: ({ query, res, staff }) =>
        listResource(ctx.db, {
          res,
          base: auditEntries(ctx.db)
            .where('audit_log.actor_type', '=', 'staff')
            .where('audit_log.actor_id', '=', staff.id),
          spec: { ...spec, resource: 'my-activity' },
          query,
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/audit-log/:id',
      tag: 'Audit',
      access: access.staff('admin'),
      summary: 'One audit row',
      params: idParams,
      response: auditRow,
      handler: async ({ params }) =>
        (await auditEntries(ctx.db).where('audit_log.id', '=', params.id).executeTakeFirst()) ??
        Promise.reject(problems.notFound('audit row')),
    }),
  ];
}
