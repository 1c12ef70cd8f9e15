import { sql } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { access, defineRoute, type RouteDef } from '../../http/route.js';
import { buildOpenApi } from '../../http/openapi.js';

export const API_VERSION = '0.1.0';

export function systemRoutes(ctx: AppContext, allRoutes: () => readonly RouteDef[]) {
  let document: unknown;
  return [
    defineRoute({
      method: 'get',
      path: '/api/health',
      tag: 'System',
      access: access.public,
      summary: 'Liveness and database reachability',
      response: z.object({
        status: z.enum(['ok', 'degraded']),
        database: z.object({ kind: z.string(), reachable: z.boolean(), latencyMs: z.number().nullable() }),
        time: z.string(),
      }),
      handler: async ({ res }) => {
        const started = performance.now();
        let reachable = true;
        try {
          await sql`select 1`.execute(ctx.db);
        } catch {
          reachable = false;
        }
        if (!reachable) res.status(503);
        return {
          status: reachable ? 'ok' : 'degraded',
          database: {
            kind: ctx.dbKind,
            reachable,
            latencyMs: reachable ? Math.round(performance.now() - started) : null,
          },
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
