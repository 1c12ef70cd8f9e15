import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, type RouteDef } from '../../http/route.js';
import { buildOpenApi } from '../../http/openapi.js';
import { pendingMigrations } from '../../../db/migrate.js';
import { ping } from './repository.js';

export const API_VERSION = '0.1.0';

async function probeDatabase(ctx: AppContext) {
  const started = performance.now();
  try {
    await ping(ctx.db);
    return { kind: ctx.dbKind, reachable: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { kind: ctx.dbKind, reachable: false, latencyMs: null };
  }
}

const check = z.object({ ok: z.boolean(), detail: z.string().optional() });

/** What readiness checks, each with a reason when it fails (never a stack or a secret). */
async function readiness(ctx: AppContext) {
  const fail = (e: unknown) => ({ ok: false, detail: String((e as Error)?.message ?? e).slice(0, 200) });
  const [database, migrations, storage] = await Promise.all([
    ping(ctx.db).then(() => ({ ok: true }), fail),
    pendingMigrations(ctx.db).then(
      (pending) =>
        pending.length ? { ok: false, detail: `not applied: ${pending.join(', ')}` } : { ok: true },
      fail,
    ),
    ctx.storage.check().then(() => ({ ok: true }), fail),
  ]);
  const shutdown = ctx.lifecycle.draining ? { ok: false, detail: 'shutting down' } : { ok: true };
  return { database, migrations, storage, shutdown };
}

export function systemRoutes(ctx: AppContext, allRoutes: () => readonly RouteDef[]) {
  let document: unknown;
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      tag: 'System',
      access: access.public,
      summary: 'Whether the service is up (details for admins at /api/admin/health)',
      response: z.object({ status: z.enum(['up', 'down']) }),
      handler: async ({ res }) => {
        const { reachable } = await probeDatabase(ctx);
        if (!reachable) res.status(503);
        return { status: reachable ? 'up' : 'down' };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/health/live',
      tag: 'System',
      access: access.public,
      summary:
        'Liveness: the process answers (restart it when this fails). Checks nothing else, so a database' +
        ' outage does not restart every instance',
      response: z.object({ status: z.literal('up') }),
      handler: () => ({ status: 'up' as const }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/health/ready',
      tag: 'System',
      access: access.public,
      summary:
        'Readiness: 200 when this instance should get traffic (database reachable, every migration applied,' +
        ' file storage reachable, not shutting down); 503 with the failing check otherwise',
      response: z.object({
        status: z.enum(['ready', 'not-ready']),
        checks: z.object({ database: check, migrations: check, storage: check, shutdown: check }),
      }),
      handler: async ({ res }) => {
        const checks = await readiness(ctx);
        const ready = Object.values(checks).every((c) => c.ok);
        if (!ready) res.status(503);
        return { status: ready ? ('ready' as const) : ('not-ready' as const), checks };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/health',
      tag: 'System',
      access: access.staff('admin'),
      summary: 'Service health with database kind, reachability and latency, and the server time',
      response: z.object({
        status: z.enum(['up', 'down']),
        database: z.object({ kind: z.string(), reachable: z.boolean(), latencyMs: z.number().nullable() }),
        time: z.string(),
      }),
      handler: async ({ res }) => {
        const database = await probeDatabase(ctx);
        if (!database.reachable) res.status(503);
        return {
          status: database.reachable ? 'up' : 'down',
          database,
          time: ctx.clock.now().toISOString(),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      tag: 'System',
      access: access.public,
      summary: 'This document: OpenAPI 3.1, generated from the request schemas',
      response: z.record(z.string(), z.unknown()),
      handler: () => (document ??= buildOpenApi(allRoutes(), { version: API_VERSION })),
    }),
  ];
}
