import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams } from '../../http/route.js';
import { actorOf } from '../../auth/staff-auth.js';
import { claimItem, unassignItem, type ClaimQueue } from './claim.js';

/**
 * OPS-2: `POST /api/admin/<resource>/:id/claim` for a staff queue: claim an open item, or assign it to a
 * colleague of the queue's role with `staffId`; audited. Claiming an item a colleague holds is refused (409):
 * taking it over is an assignment, said on purpose with `staffId`.
 */
export function claimRoute(ctx: AppContext, q: ClaimQueue) {
  return defineRoute({
    method: 'post',
    path: `/api/admin/${q.resource}/:id/claim`,
    tag: q.tag,
    access: access.staff(...(q.roles ?? ['support'])),
    summary: `Claim ${q.noun}, or assign it to a colleague with \`staffId\` (OPS-2)`,
    params: idParams,
    body: z.object({ staffId: z.number().int().optional() }),
    handler: ({ params, body, req }) =>
      claimItem(ctx, q, {
        id: params.id,
        staffId: body.staffId,
        by: actorOf(req),
        requestId: req.id as string,
      }),
  });
}

/** OPS-2: `POST /api/admin/<resource>/:id/unassign` puts an open item back in its queue; audited. */
export function unassignRoute(ctx: AppContext, q: ClaimQueue) {
  return defineRoute({
    method: 'post',
    path: `/api/admin/${q.resource}/:id/unassign`,
    tag: q.tag,
    access: access.staff(...(q.roles ?? ['support'])),
    summary: `Put ${q.noun} back in its queue, unassigned (OPS-2)`,
    params: idParams,
    handler: ({ params, req }) =>
      unassignItem(ctx, q, { id: params.id, by: actorOf(req), requestId: req.id as string }),
  });
}
