import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database, StaffRole } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { Problem, problems } from '../../http/problem.js';
import { actorOf } from '../../auth/staff-auth.js';
import { audit } from '../audit/audit.js';

export interface ClaimQueue {
  resource: string;
  table: 'refund_requests' | 'escalations' | 'tickets' | 'service_reviews';
  tag: string;
  noun: string;
  audit: string;
  /** Roles that may call the route (default support). */
  roles?: StaffRole[];
  /** States in which the item can still be claimed (default `open`). */
  claimable?: readonly string[];
  /**
   * The role whose members may hold this item (default support); a queue shared by several roles (tickets)
   * says per item, and a caller of another role is refused.
   */
  roleOf?: (trx: Transaction<Database>, item: { id: number }) => Promise<StaffRole>;
}

/**
 * OPS-2: `POST /api/admin/<resource>/:id/claim` for a staff queue: claim an open item,
 * or assign it to a colleague with `staffId`; audited. Every queue table has `status`,
 * `assigned_to` and `assigned_at`.
 */
export function claimRoute(ctx: AppContext, q: ClaimQueue) {
  const claimable = q.claimable ?? ['open'];
  return defineRoute({
    method: 'post',
    path: `/api/admin/${q.resource}/:id/claim`,
    tag: q.tag,
    access: access.staff(...(q.roles ?? ['support'])),
    summary: `Claim ${q.noun}, or assign it to a colleague with \`staffId\` (OPS-2)`,
    params: idParams,
    body: z.object({ staffId: z.number().int().optional() }),
    handler: async ({ params, body, req }) =>
      ctx.db.transaction().execute(async (trx) => {
        // Both queue tables share these columns; the cast only picks one for the type checker.
        const table = q.table as 'escalations';
        const item = await trx
          .selectFrom(table)
          .select(['id', 'status', 'assigned_to'])
          .where('id', '=', params.id)
          .forNoKeyUpdate()
          .executeTakeFirst();
        if (!item) throw problems.notFound(q.noun);
        if (!claimable.includes(item.status))
          throw new Problem(409, 'case-decided', 'Already decided', `This ${q.noun} was decided already.`);
        const actor = actorOf(req);
        const role = q.roleOf ? await q.roleOf(trx, item) : 'support';
        if (actor.role !== 'admin' && actor.role !== role)
          throw problems.forbidden(`This ${q.noun} is in the ${role.replace('_', ' ')} queue.`);
        const to = body.staffId ?? actor.id;
        const staff = await trx
          .selectFrom('staff')
          .select(['id', 'role', 'active'])
          .where('id', '=', to)
          .executeTakeFirst();
        if (!staff || !staff.active || ![role, 'admin'].includes(staff.role))
          throw problems.validation([
            { field: 'body.staffId', message: `an active ${role.replace('_', ' ')} agent` },
          ]);
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
          requestId: req.id as string,
        });
        return { id: item.id, assignedTo: to };
      }),
  });
}
