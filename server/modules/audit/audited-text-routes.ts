import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { listQuery, listResource, type ListSpec } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { auditedTexts, type TextKind, type TextTable } from './audited-texts.js';

export interface AuditedTexts<T extends TextTable, B extends z.ZodType> extends TextKind<T> {
  /** `/api/admin/<resource>`. */
  resource: string;
  tag: string;
  /** Who reads them (writes are the admin's). */
  readers: ReturnType<typeof access.staff> | typeof access.anyStaff;
  body: B;
  row: (b: z.infer<B>) => Record<string, unknown>;
  spec: ListSpec;
  summary: { list: string; one: string; create: string; update: string; retire: string };
}

/**
 * List, read, create, change and retire an admin-kept text (OPS-6 reason templates, SUP-5 macros): the
 * routes of the use cases in audited-texts.ts.
 */
export function auditedTextRoutes<T extends TextTable, B extends z.ZodType>(
  ctx: AppContext,
  c: AuditedTexts<T, B>,
) {
  const texts = auditedTexts<T, z.infer<B>>(ctx, c);
  const path = `/api/admin/${c.resource}`;
  return [
    defineRoute({
      method: 'get',
      path,
      tag: c.tag,
      access: c.readers,
      summary: c.summary.list,
      query: listQuery,
      handler: async ({ query, res }) =>
        (await listResource(ctx.db, { res, base: texts.all(), spec: c.spec, query })).map(texts.view),
    }),
    defineRoute({
      method: 'get',
      path: `${path}/:id`,
      tag: c.tag,
      access: c.readers,
      summary: c.summary.one,
      params: idParams,
      handler: ({ params }) => texts.one(params.id),
    }),
    defineRoute({
      method: 'post',
      path,
      tag: c.tag,
      access: access.staff('admin'),
      status: 201,
      summary: c.summary.create,
      body: c.body,
      handler: ({ body, req }) =>
        texts.create({ actor: actorOf(req), body: body as z.infer<B>, requestId: req.id as string }),
    }),
    defineRoute({
      method: 'put',
      path: `${path}/:id`,
      tag: c.tag,
      access: access.staff('admin'),
      summary: c.summary.update,
      params: idParams,
      body: c.body,
      handler: ({ params, body, req }) =>
        texts.change({
          actor: actorOf(req),
          id: params.id,
          body: body as z.infer<B>,
          requestId: req.id as string,
        }),
    }),
    defineRoute({
      method: 'delete',
      path: `${path}/:id`,
      tag: c.tag,
      access: access.staff('admin'),
      summary: c.summary.retire,
      params: idParams,
      handler: ({ params, req }) =>
        texts.retire({ actor: actorOf(req), id: params.id, requestId: req.id as string }),
    }),
  ];
}
