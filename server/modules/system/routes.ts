import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, type RouteDef } from '../../http/route.js';
import { buildOpenApi } from '../../http/openapi.js';

export const API_VERSION = '0.1.0';

async function probeDatabase(ctx: AppContext) {
  const started = performance.now();
  try {
    await sql`select 1`.execute(ctx.db);
    return { kind: ctx.dbKind, reachable: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { kind: ctx.dbKind, reachable: false, latencyMs: null };
  }
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
