import { z } from 'zod';
import type { Response } from 'express';
import type { AppContext } from '../../context.js';
import { access, defineRoute, reason } from '../../http/route.js';
import { listQuery } from '../../http/list.js';
import { problems } from '../../http/problem.js';
import { actorOf } from '../../auth/staff-auth.js';
import { latestChanges, settingsAt } from './repository.js';
import { changeSettings } from './service.js';
import { SETTING_DEFS, SETTINGS_BY_KEY } from './rules.js';

const settingRow = z.object({
  id: z.string(),
  value: z.unknown(),
  default: z.unknown(),
  type: z.string(),
  rule: z.string(),
  description: z.string(),
  changedAt: z.string().nullable(),
  changedBy: z.string().nullable(),
  lastReason: z.string().nullable(),
});

async function rows(ctx: AppContext) {
  const now = ctx.clock.now();
  const [current, changes] = await Promise.all([settingsAt(ctx.db, now), latestChanges(ctx.db)]);
  return SETTING_DEFS.map((d) => {
    const c = changes.get(d.key);
    return {
      id: d.key,
      value: (current as Record<string, unknown>)[d.key],
      default: d.default,
      type: d.type,
      rule: d.rule,
      description: d.description,
      changedAt: c?.effective_from ?? null,
      changedBy: c?.changed_by_name ?? null,
      lastReason: c?.reason ?? null,
    };
  });
}

function paged<T>(res: Response, resource: string, all: T[], range?: [number, number]): T[] {
  const [start, end] = range ?? [0, all.length - 1];
  const page = all.slice(start, end + 1);
  res.setHeader(
    'Content-Range',
    `${resource} ${start}-${start + Math.max(page.length - 1, 0)}/${all.length}`,
  );
  res.setHeader('X-Total-Count-Kind', 'exact');
  return page;
}

export function settingsRoutes(ctx: AppContext) {
  const keyParams = z.object({
    id: z.string().refine((k) => SETTINGS_BY_KEY.has(k), 'not a policy setting'),
  });
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/settings',
      tag: 'Settings',
      access: access.staff('admin'),
      summary: 'Policy settings (POL-1) with their values in force, defaults and last change',
      query: listQuery,
      response: z.array(settingRow),
      handler: async ({ query, res }) => {
        let all = await rows(ctx);
        const q = query.filter?.q;
        if (typeof q === 'string' && q)
          all = all.filter((r) =>
            `${r.id} ${r.description} ${r.rule}`.toLowerCase().includes(q.toLowerCase()),
          );
        return paged(res, 'settings', all, query.range);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/settings/:id',
      tag: 'Settings',
      access: access.staff('admin'),
      summary: 'One policy setting',
      params: keyParams,
      response: settingRow,
      handler: async ({ params }) =>
        (await rows(ctx)).find((r) => r.id === params.id) ?? Promise.reject(problems.notFound('setting')),
    }),
    defineRoute({
      method: 'put',
      path: '/api/admin/settings/:id',
      tag: 'Settings',
      access: access.staff('admin'),
      summary: 'Change one policy setting (audited; applies to cases opened after it)',
      params: keyParams,
      body: z.object({ value: z.unknown(), reason }),
      response: settingRow,
      handler: async ({ params, body, req }) => {
        await changeSettings(ctx.db, ctx.clock, actorOf(req), {
          values: { [params.id]: body.value },
          reason: body.reason,
          requestId: req.id as string,
        });
        return (await rows(ctx)).find((r) => r.id === params.id);
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/admin/settings',
      tag: 'Settings',
      access: access.staff('admin'),
      summary: 'Change several policy settings at once (one transaction, one audit row per change)',
      body: z.object({ values: z.record(z.string(), z.unknown()), reason }),
      response: z.record(z.string(), z.unknown()),
      handler: async ({ body, req }) =>
        changeSettings(ctx.db, ctx.clock, actorOf(req), {
          values: body.values,
          reason: body.reason,
          requestId: req.id as string,
        }),
    }),
  ];
}
