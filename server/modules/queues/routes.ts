import { z } from 'zod';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Staff, StaffRole } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { access, defineRoute } from '../../http/route.js';
import { problems } from '../../http/problem.js';
import { idString } from '../../http/schemas.js';
import { claimRoute, unassignRoute, type ClaimQueue } from '../support/claim.js';
import { QUEUE_KINDS, isOpen, queueColumns, queueKind, type QueueKind } from './registry.js';
import { withSla } from './sla.js';

const QUEUE_ROLES = ['support', 'trust_safety', 'finance'] as const;

/** The role whose members work one case: the kind's role, or a ticket's own queue. */
async function roleOf(db: Kysely<Database> | Transaction<Database>, k: QueueKind, id: number) {
  if (k.role !== 'ticket-queue') return k.role;
  const t = await db.selectFrom('tickets').select('queue').where('id', '=', id).executeTakeFirst();
  if (!t) throw problems.notFound(k.noun);
  return t.queue as StaffRole;
}

const claimQueue = (k: QueueKind): ClaimQueue => ({
  resource: k.resource,
  table: k.table,
  tag: k.tag,
  noun: k.noun,
  audit: k.audit,
  roles: k.role === 'ticket-queue' ? [...QUEUE_ROLES] : [k.role],
  statusColumn: k.statusColumn,
  claimable: k.open,
  roleOf: (trx, item) => roleOf(trx, k, item.id),
});

/** The resource of a queue case named in a path, or a 404 for anything else. */
const kindParam = z.string().transform((v, c) => {
  const k = queueKind(v);
  if (!k) {
    c.addIssue({ code: 'custom', message: `one of ${QUEUE_KINDS.map((q) => q.resource).join(', ')}` });
    return z.NEVER;
  }
  return k;
});

/**
 * OPS-2: the work of every queue in one place: claim and assign where a module had none, unassign on all,
 * one case's holder and SLA countdown, and the next case to work on after a decision.
 */
export function queueRoutes(ctx: AppContext) {
  const mayWork = async (staff: Staff, k: QueueKind, id: number) => {
    const role = await roleOf(ctx.db, k, id);
    if (staff.role !== 'admin' && staff.role !== role)
      throw problems.forbidden(`This ${k.noun} is in the ${role.replace('_', ' & ')} queue.`);
    return role;
  };
  // Claim routes the modules already declare next to their cases stay there.
  const declared = new Set(['refund-requests', 'escalations', 'tickets']);
  return [
    ...QUEUE_KINDS.filter((k) => !declared.has(k.resource)).map((k) => claimRoute(ctx, claimQueue(k))),
    ...QUEUE_KINDS.map((k) => unassignRoute(ctx, claimQueue(k))),
    defineRoute({
      method: 'get',
      path: '/api/admin/queues/:resource/:id',
      tag: 'Queues',
      access: access.staff(...QUEUE_ROLES),
      summary:
        'One queue case: its queue and role, who holds it, whether it is open and whether it waits for a' +
        ' staff decision (`waiting`: what "next case" offers), and its SLA countdown in' +
        ' business time (slaStartedAt, slaDueAt, slaLeftMs, slaTotalMs, slaState) (OPS-2)',
      params: z.object({ resource: kindParam, id: idString }),
      handler: async ({ params, staff }) => {
        const k = params.resource;
        const role = await mayWork(staff, k, params.id);
        const row = await ctx.db
          .selectFrom(k.table)
          .select([
            ...queueColumns(k),
            sql<number>`${sql.ref(`${k.table}.id`)}`.as('id'),
            k.dueAt.as('slaDueAt'),
            isOpen(k).as('open'),
            sql<boolean>`${sql.ref(`${k.table}.${k.statusColumn}`)} in (${sql.join(k.waiting.map((s) => sql.lit(s)))})`.as(
              'waiting',
            ),
          ])
          .where(sql.ref(`${k.table}.id`), '=', params.id)
          .executeTakeFirst();
        if (!row) throw problems.notFound(k.noun);
        const [withCountdown] = await withSla(ctx, [row]);
        return { resource: k.resource, queue: k.queue, role, ...withCountdown };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/queues/:resource/:id/next',
      tag: 'Queues',
      access: access.staff(...QUEUE_ROLES),
      summary:
        'The next case of the same queue after this one: waiting for staff,' +
        ' unclaimed or yours, earliest SLA' +
        ' first (`next` is null when there is none) (OPS-2)',
      params: z.object({ resource: kindParam, id: idString }),
      handler: async ({ params, staff }) => {
        const k = params.resource;
        const role = await mayWork(staff, k, params.id);
        const candidates = await Promise.all(
          QUEUE_KINDS.filter((o) => o.queue === k.queue).map(async (o) => {
            const t = o.table;
            let qb = ctx.db
              .selectFrom(t)
              .select([sql<number>`${sql.ref(`${t}.id`)}`.as('id'), o.dueAt.as('due')])
              .where(
                sql<boolean>`${sql.ref(`${t}.${o.statusColumn}`)} in
                  (${sql.join(o.waiting.map((s) => sql.lit(s)))})`,
              )
              .where((eb) =>
                eb.or([
                  eb(sql.ref(`${t}.assigned_to`), 'is', null),
                  eb(sql.ref(`${t}.assigned_to`), '=', staff.id),
                ]),
              );
            if (o.resource === k.resource) qb = qb.where(sql.ref(`${t}.id`), '<>', params.id);
            if (o.role === 'ticket-queue') qb = qb.where(sql.ref('tickets.queue'), '=', role);
            // WDR-3: a payout waiting for its second approval is not the next case of its first approver.
            if (o.table === 'withdrawals')
              qb = qb.where(sql<boolean>`withdrawals.first_approved_by is distinct from ${staff.id}`);
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
        return { next: next ? { resource: next.resource, id: next.id } : null };
      },
    }),
  ];
}
