import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, idParams, reason } from '../../http/route.js';
import { actorOf } from '../../auth/staff-auth.js';
import {
  blockUser,
  issueWarning,
  liftSuspension,
  previewWarning,
  recomputeLevelsNow,
  setLevelByHand,
} from './service.js';
import { activeSuspensions, myWarnings, SUSPENSION_LIST, warningsOf } from './repository.js';
import { WARNING_TYPES } from './rules.js';
import { listQuery, listResource } from '../../http/list.js';
import { pageOf, pageQuery } from '../../http/page.js';

const warningType = z.enum(WARNING_TYPES as [string, ...string[]]) as unknown as z.ZodType<
  (typeof WARNING_TYPES)[number]
>;

export function trustRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/me/warnings',
      tag: 'Account',
      access: access.user,
      summary:
        'Warnings on your account: type, date, consequence and the reason staff wrote (WRN-1, OPS-6, SUP-7;' +
        ' paginated: page, perPage)',
      query: pageQuery,
      handler: ({ query, user }) => pageOf(myWarnings(ctx.db, user.id), query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/seller-levels/recompute',
      tag: 'Trust & safety',
      access: access.staff('trust_safety'),
      summary: "SEL-4: recompute every seller's level now (the scheduler does it daily); answers the changes",
      handler: ({ req }) => recomputeLevelsNow(ctx, actorOf(req)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/users/:id/level',
      tag: 'Trust & safety',
      access: access.staff('trust_safety'),
      summary: "SEL-4: set a seller's level by hand (the only way to top_rated), with a reason",
      params: idParams,
      body: z.object({ level: z.enum(['new', 'level_1', 'level_2', 'top_rated']), reason }),
      handler: ({ params, body, req }) =>
        setLevelByHand(ctx, {
          actor: actorOf(req),
          userId: params.id,
          level: body.level,
          reason: body.reason,
          requestId: req.id as string,
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/users/:id/warnings/preview',
      tag: 'Trust & safety',
      access: access.staff('trust_safety'),
      summary:
        'WRN-8: the consequence a warning would have (reminder, suspension, demotion, block), computed by' +
        ' the same function that applies it; changes nothing',
      params: idParams,
      body: z.object({ type: warningType, severe: z.boolean().default(false) }),
      handler: ({ params, body }) => previewWarning(ctx, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/users/:id/warnings',
      tag: 'Trust & safety',
      access: access.staff('trust_safety'),
      status: 201,
      summary:
        'Issue a warning (WRN-1..7) and apply its consequence; `suspensionDays` overrides the policy' +
        ' length for this case',
      params: idParams,
      body: z.object({
        type: warningType,
        reason,
        severe: z.boolean().default(false),
        suspensionDays: z.number().int().min(1).max(365).optional(),
        evidence: z.string().trim().max(5000).default(''),
      }),
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        issueWarning(ctx, {
          actor: actorOf(req),
          userId: params.id,
          input: body,
          requestId: req.id as string,
          run: transaction,
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/users/:id/warnings',
      tag: 'Trust & safety',
      access: access.staff('trust_safety', 'support'),
      summary: 'The warnings of a user, all of them (expired ones stay on record, WRN-11)',
      params: idParams,
      handler: ({ params }) => warningsOf(ctx.db, params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/suspensions',
      tag: 'Trust & safety',
      access: access.staff('trust_safety', 'support'),
      query: listQuery,
      summary:
        'Active suspensions with their end, soonest first, and the warning that caused each (WRN-4, WRN-6)',
      handler: ({ query, res }) =>
        listResource(ctx.db, { res, base: activeSuspensions(ctx.db), spec: SUSPENSION_LIST, query }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/users/:id/lift-suspension',
      tag: 'Trust & safety',
      access: access.staff('trust_safety'),
      summary: 'Lift a suspension early, with a reason (WRN-8)',
      params: idParams,
      body: z.object({ reason }),
      handler: ({ params, body, req }) =>
        liftSuspension(ctx, {
          actor: actorOf(req),
          userId: params.id,
          reason: body.reason,
          requestId: req.id as string,
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/admin/users/:id/block',
      tag: 'Trust & safety',
      access: access.staff('trust_safety'),
      summary:
        'Block at once for a severe violation (WRN-7): sessions end, funds move to held for finance after' +
        ' 90 days (WRN-9)',
      params: idParams,
      body: z.object({ reason }),
      idempotent: true,
      handler: ({ params, body, req, transaction }) =>
        blockUser(ctx, {
          actor: actorOf(req),
          userId: params.id,
          reason: body.reason,
          requestId: req.id as string,
          run: transaction,
        }),
    }),
  ];
}
