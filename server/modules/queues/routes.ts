import { z } from 'zod';
import type { Staff } from '../../../db/schema.js';
import type { AppContext } from '../../context.js';
import { access, defineRoute } from '../../http/route.js';
import { problems } from '../../http/problem.js';
import { idString } from '../../http/schemas.js';
import { claimRoute, unassignRoute } from '../support/claim-routes.js';
import type { ClaimQueue } from '../support/claim.js';
import { QUEUE_KINDS, queueKind, type QueueKind } from './registry.js';
import { nextCase, queueCase, roleOf } from './repository.js';
import { withSla } from './sla.js';

const QUEUE_ROLES = ['support', 'trust_safety', 'finance'] as const;

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
        const row = await queueCase(ctx.db, k, params.id);
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
        const next = await nextCase(ctx.db, k, { after: params.id, role, staffId: staff.id });
        return { next: next ? { resource: next.resource, id: next.id } : null };
      },
    }),
  ];
}
