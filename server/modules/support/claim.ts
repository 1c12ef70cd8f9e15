import type { Transaction } from 'kysely';
import type { Database, StaffRole } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { Problem, problems } from '../../http/problem.js';
import { audit, type Actor } from '../audit/audit.js';
import type { QueueTable } from '../queues/registry.js';

export interface ClaimQueue {
  resource: string;
  table: QueueTable | 'service_reviews';
  tag: string;
  noun: string;
  audit: string;
  /** Roles that may call the route (default support). */
  roles?: StaffRole[];
  /** The column holding the item's state (disputes have a `stage`). */
  statusColumn?: 'status' | 'stage';
  /** States in which the item can still be claimed (default `open`). */
  claimable?: readonly string[];
  /**
   * The role whose members may hold this item (default support); a queue shared by several roles (tickets)
   * says per item, and a caller of another role is refused.
   */
  roleOf?: (trx: Transaction<Database>, item: { id: number }) => Promise<StaffRole>;
}

type StaffActor = Actor & { type: 'staff' };

const roleName = (role: StaffRole) => role.replace('_', ' & ');

/**
 * Lock an open queue item for a change of hands, refusing an item already decided or in another role's queue.
 * Every queue table has its state column, `assigned_to` and `assigned_at`.
 */
async function lockItem(trx: Transaction<Database>, q: ClaimQueue, id: number, actor: StaffActor) {
  // The queue tables share these columns; the cast only picks one for the type checker.
  const table = q.table as 'escalations';
  const status = (q.statusColumn ?? 'status') as 'status';
  const item = await trx
    .selectFrom(table)
    .select(['id', `${status} as status`, 'assigned_to'])
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!item) throw problems.notFound(q.noun);
  if (!(q.claimable ?? ['open']).includes(item.status))
    throw new Problem({
      status: 409,
      slug: 'case-decided',
      title: 'Already decided',
      detail: `This ${q.noun} was decided already.`,
    });
  const role = q.roleOf ? await q.roleOf(trx, item) : 'support';
  if (actor.role !== 'admin' && actor.role !== role)
    throw problems.forbidden(`This ${q.noun} is in the ${roleName(role)} queue.`);
  return { item, actor, role, table };
}

/**
 * OPS-2: claim an open queue item, or assign it to a colleague of the queue's role with `staffId`; audited.
 * Claiming an item a colleague holds is refused (409): taking it over is an assignment, said on purpose
 * with `staffId`.
 */
export async function claimItem(
  ctx: AppContext,
  q: ClaimQueue,
  { id, staffId, by, requestId }: { id: number; staffId?: number; by: StaffActor; requestId?: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, actor, role, table } = await lockItem(trx, q, id, by);
    const to = staffId ?? actor.id;
    if (staffId === undefined && item.assigned_to !== null && item.assigned_to !== actor.id) {
      const holder = await trx
        .selectFrom('staff')
        .select('name')
        .where('id', '=', item.assigned_to)
        .executeTakeFirst();
      throw new Problem({
        status: 409,
        slug: 'already-claimed',
        title: 'Already claimed',
        detail:
          `${holder?.name ?? 'A colleague'} has claimed this ${q.noun}; assign it ` +
          `to yourself to take it over.`,
      });
    }
    const staff = await trx
      .selectFrom('staff')
      .select(['id', 'role', 'active'])
      .where('id', '=', to)
      .executeTakeFirst();
    if (!staff || !staff.active || ![role, 'admin'].includes(staff.role))
      throw problems.validation([{ field: 'body.staffId', message: `an active ${roleName(role)} agent` }]);
    if (item.assigned_to === to) return { id: item.id, assignedTo: to };
    await trx
      .updateTable(table)
      .set({ assigned_to: to, assigned_at: ctx.clock.now() })
      .where('id', '=', item.id)
      .execute();
    await audit(trx, ctx.clock, {
      actor,
      action: `${q.audit}.${to === actor.id ? 'claim' : 'assign'}`,
      subjectType: q.table.replace(/s$/, ''),
      subjectId: item.id,
      before: { assignedTo: item.assigned_to },
      after: { assignedTo: to },
      requestId,
    });
    return { id: item.id, assignedTo: to };
  });
}

/** OPS-2: put an open queue item back in its queue, unassigned; audited. */
export async function unassignItem(
  ctx: AppContext,
  q: ClaimQueue,
  { id, by, requestId }: { id: number; by: StaffActor; requestId?: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { item, actor, table } = await lockItem(trx, q, id, by);
    if (item.assigned_to === null) return { id: item.id, assignedTo: null };
    await trx
      .updateTable(table)
      .set({ assigned_to: null, assigned_at: null })
      .where('id', '=', item.id)
      .execute();
    await audit(trx, ctx.clock, {
      actor,
      action: `${q.audit}.unassign`,
      subjectType: q.table.replace(/s$/, ''),
      subjectId: item.id,
      before: { assignedTo: item.assigned_to },
      after: { assignedTo: null },
      requestId,
    });
    return { id: item.id, assignedTo: null };
  });
}
