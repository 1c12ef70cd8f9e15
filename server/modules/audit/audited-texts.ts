import type { Selectable, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { problems } from '../../http/problem.js';
import { audit, type Actor } from './audit.js';

/** The admin-kept texts staff pick from: each has `active`, `created_by`, `created_at` and `updated_at`. */
export type TextTable = 'reason_templates' | 'ticket_macros';

type Row = Selectable<Database['reason_templates']>;
type StaffActor = Actor & { type: 'staff' };

/** What the use cases need to know of one kind of text. */
export interface TextKind<T extends TextTable> {
  table: T;
  /** In a 404: `reason template`, `macro`. */
  noun: string;
  /** The audit action's prefix (`reason-template` → `reason-template.update`) and its subject type. */
  audit: string;
  subjectType: string;
  /** The columns written from a create or change body. */
  row: (body: never) => Record<string, unknown>;
  view: (r: Selectable<Database[T]>) => object;
}

/**
 * The use cases of an admin-kept text (OPS-6 reason templates, SUP-5 macros): read, create, change and
 * retire. Every change locks the row, writes it and audits it with its before and after, in one
 * transaction; a retired text stays, inactive, so what was sent with it still names it.
 */
export function auditedTexts<T extends TextTable, B>(ctx: AppContext, c: TextKind<T>) {
  // The two tables share these columns; the cast only picks one for the type checker.
  const table = c.table as 'reason_templates';
  const view = c.view as unknown as (r: Row) => object;
  const row = c.row as (body: B) => Record<string, unknown>;
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
    a: { actor: StaffActor; verb: string; row: Row; before?: Row; requestId?: string },
  ) => {
    await audit(trx, ctx.clock, {
      actor: a.actor,
      action: `${c.audit}.${a.verb}`,
      subjectType: c.subjectType,
      subjectId: a.row.id,
      ...(a.before ? { before: view(a.before) } : {}),
      ...(a.verb === 'retire' ? {} : { after: view(a.row) }),
      requestId: a.requestId,
    });
    return view(a.row);
  };
  return {
    view,
    /** The query the list filters, sorts and pages. */
    all: () => ctx.db.selectFrom(table).selectAll(),
    async one(id: number) {
      const r = await ctx.db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) throw problems.notFound(c.noun);
      return view(r);
    },
    create: ({ actor, body, requestId }: { actor: StaffActor; body: B; requestId?: string }) =>
      ctx.db.transaction().execute(async (trx) => {
        const now = ctx.clock.now();
        const r = await into(trx)
          .values({
            ...(row(body) as object),
            created_by: actor.id,
            created_at: now,
            updated_at: now,
          } as never)
          .returningAll()
          .executeTakeFirstOrThrow();
        return audited(trx, { actor, verb: 'create', row: r, requestId });
      }),
    change: ({
      actor,
      id,
      body,
      requestId,
    }: {
      actor: StaffActor;
      id: number;
      body: B;
      requestId?: string;
    }) =>
      ctx.db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom(table)
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw problems.notFound(c.noun);
        const r = await update(trx)
          .set({ ...(row(body) as object), updated_at: ctx.clock.now() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return audited(trx, { actor, verb: 'update', row: r, before, requestId });
      }),
    retire: ({ actor, id, requestId }: { actor: StaffActor; id: number; requestId?: string }) =>
      ctx.db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable(table)
          .set({ active: false, updated_at: ctx.clock.now() })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!r) throw problems.notFound(c.noun);
        return audited(trx, { actor, verb: 'retire', row: r, requestId });
      }),
  };
}
