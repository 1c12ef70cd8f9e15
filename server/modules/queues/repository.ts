import { sql } from 'kysely';
import type { Executor, StaffRole } from '../../../db/schema.js';
import { problems } from '../../http/problem.js';
import { QUEUE_KINDS, isOpen, queueColumns, type QueueKind } from './registry.js';

/** The role whose members work one case: the kind's role, or a ticket's own queue. */
export async function roleOf(db: Executor, k: QueueKind, id: number) {
  if (k.role !== 'ticket-queue') return k.role;
  const t = await db.selectFrom('tickets').select('queue').where('id', '=', id).executeTakeFirst();
  if (!t) throw problems.notFound(k.noun);
  return t.queue as StaffRole;
}

/** One queue case: who holds it, its SLA columns, whether it is open and whether it waits for staff. */
export async function queueCase(db: Executor, k: QueueKind, id: number) {
  const waiting = sql.join(k.waiting.map((s) => sql.lit(s)));
  return db
    .selectFrom(k.table)
    .select([
      ...queueColumns(k),
      sql<number>`${sql.ref(`${k.table}.id`)}`.as('id'),
      k.dueAt.as('slaDueAt'),
      isOpen(k).as('open'),
      sql<boolean>`${sql.ref(`${k.table}.${k.statusColumn}`)} in (${waiting})`.as('waiting'),
    ])
    .where(sql.ref(`${k.table}.id`), '=', id)
    .executeTakeFirst();
}

/**
 * The next case of k's queue after case `after`: waiting for staff, unclaimed or the staff member's own,
 * earliest SLA first; undefined when there is none.
 */
export async function nextCase(
  db: Executor,
  k: QueueKind,
  { after, role, staffId }: { after: number; role: StaffRole; staffId: number },
) {
  const candidates = await Promise.all(
    QUEUE_KINDS.filter((o) => o.queue === k.queue).map(async (o) => {
      const t = o.table;
      let qb = db
        .selectFrom(t)
        .select([sql<number>`${sql.ref(`${t}.id`)}`.as('id'), o.dueAt.as('due')])
        .where(
          sql<boolean>`${sql.ref(`${t}.${o.statusColumn}`)} in
            (${sql.join(o.waiting.map((s) => sql.lit(s)))})`,
        )
        .where((eb) =>
          eb.or([eb(sql.ref(`${t}.assigned_to`), 'is', null), eb(sql.ref(`${t}.assigned_to`), '=', staffId)]),
        );
      if (o.resource === k.resource) qb = qb.where(sql.ref(`${t}.id`), '<>', after);
      if (o.role === 'ticket-queue') qb = qb.where(sql.ref('tickets.queue'), '=', role);
      // WDR-3: a payout waiting for its second approval is not the next case of its first approver.
      if (o.table === 'withdrawals')
        qb = qb.where(sql<boolean>`withdrawals.first_approved_by is distinct from ${staffId}`);
      const row = await qb
        .orderBy(sql`${o.dueAt} asc nulls last`)
        .orderBy(sql.ref(`${t}.id`))
        .limit(1)
        .executeTakeFirst();
      return row ? { resource: o.resource, id: row.id, due: row.due } : null;
    }),
  );
  const found = candidates
    .filter((c) => c !== null)
    .sort((a, b) => (a.due?.getTime() ?? Infinity) - (b.due?.getTime() ?? Infinity) || a.id - b.id);
  const next = found[0];
  return next;
}
