import type { z } from 'zod';
import type { Selectable, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { problems } from '../../http/problem.js';
import { listQuery, listResource, type ListSpec } from '../../http/list.js';
import { actorOf } from '../../auth/staff-auth.js';
import { audit } from './audit.js';

/** The admin-kept texts staff pick from: each has `active`, `created_by`, `created_at` and `updated_at`. */
type TextTable = 'reason_templates' | 'ticket_macros';

export interface AuditedTexts<T extends TextTable, B extends z.ZodType> {
  table: T;
  /** `/api/admin/<resource>`. */
  resource: string;
  tag: string;
  /** In a 404: `reason template`, `macro`. */
  noun: string;
  /** The audit action's prefix (`reason-template` → `reason-template.update`) and its subject type. */
  audit: string;
  subjectType: string;
  /** Who reads them (writes are the admin's). */
  readers: ReturnType<typeof access.staff> | typeof access.anyStaff;
  body: B;
  row: (b: z.infer<B>) => Record<string, unknown>;
  view: (r: Selectable<Database[T]>) => object;
  spec: ListSpec;
  summary: { list: string; one: string; create: string; update: string; retire: string };
}

/**
 * List, read, create, change and retire an admin-kept text (OPS-6 reason templates, SUP-5 macros): every
 * change locks the row, writes it and audits it with its before and after, in one transaction; a retired
 * text stays, inactive, so what was sent with it still names it.
 */
export function auditedTextRoutes<T extends TextTable, B extends z.ZodType>(
  ctx: AppContext,
  c: AuditedTexts<T, B>,
) {
  // The two tables share these columns; the cast only picks one for the type checker.
  const table = c.table as 'reason_templates';
  const view = c.view as unknown as (r: Selectable<Database['reason_templates']>) => object;
  const path = `/api/admin/${c.resource}`;
  // Neither table holds a process state: named literally, the status-write check sees so.
  const into = (trx: Transaction<Database>) =>
    (c.table === 'ticket_macros'
      ? trx.insertInto('ticket_macros')
      : trx.insertInto('reason_templates')) as unknown as ReturnType<
      typeof trx.insertInto<'reason_templates'>
    >;
  const update = (trx: Transaction<Database>) =>
    (c.table === 'ticket_macros'
      ? trx.updateTable('ticket_macros')
      : trx.updateTable('reason_templates')) as unknown as ReturnType<
      typeof trx.updateTable<'reason_templates'>
    >;
  const audited = async (
    trx: Transaction<Database>,
    {
      req,
      verb,
      row: r,
      before,
    }: {
      req: Parameters<typeof actorOf>[0];
      verb: string;
      row: Selectable<Database['reason_templates']>;
      before?: Selectable<Database['reason_templates']>;
    },
  ) => {
    await audit(trx, ctx.clock, {
      actor: actorOf(req),
      action: `${c.audit}.${verb}`,
      subjectType: c.subjectType,
      subjectId: r.id,
      ...(before ? { before: view(before) } : {}),
      ...(verb === 'retire' ? {} : { after: view(r) }),
      requestId: req.id as string,
    });
    return view(r);
  };
  return [
    defineRoute({
      method: 'get',
      path,
      tag: c.tag,
      access: c.readers,
      summary: c.summary.list,
      query: listQuery,
      handler: async ({ query, res }) =>
        (
          await listResource(ctx.db, { res, base: ctx.db.selectFrom(table).selectAll(), spec: c.spec, query })
        ).map(view),
    }),
    defineRoute({
      method: 'get',
      path: `${path}/:id`,
      tag: c.tag,
      access: c.readers,
      summary: c.summary.one,
      params: idParams,
      handler: async ({ params }) => {
        const r = await ctx.db.selectFrom(table).selectAll().where('id', '=', params.id).executeTakeFirst();
        if (!r) throw problems.notFound(c.noun);
        return view(r);
      },
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
        ctx.db.transaction().execute(async (trx) => {
          const now = ctx.clock.now();
          const r = await into(trx)
            .values({
              ...(c.row(body as z.infer<B>) as object),
              created_by: actorOf(req).id,
              created_at: now,
              updated_at: now,
            } as never)
            .returningAll()
            .executeTakeFirstOrThrow();
          return audited(trx, { req, verb: 'create', row: r });
        }),
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
        ctx.db.transaction().execute(async (trx) => {
          const before = await trx
            .selectFrom(table)
            .selectAll()
            .where('id', '=', params.id)
            .forUpdate()
            .executeTakeFirst();
          if (!before) throw problems.notFound(c.noun);
          const r = await update(trx)
            .set({ ...(c.row(body as z.infer<B>) as object), updated_at: ctx.clock.now() })
            .where('id', '=', params.id)
            .returningAll()
            .executeTakeFirstOrThrow();
          return audited(trx, { req, verb: 'update', row: r, before });
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
        ctx.db.transaction().execute(async (trx) => {
          const r = await trx
            .updateTable(table)
            .set({ active: false, updated_at: ctx.clock.now() })
            .where('id', '=', params.id)
            .returningAll()
            .executeTakeFirst();
          if (!r) throw problems.notFound(c.noun);
          return audited(trx, { req, verb: 'retire', row: r });
        }),
    }),
  ];
}
