import { describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { STAFF_ROLES } from '../../db/schema.js';
import { mayCall } from '../../server/http/route.js';
import { useTestApp } from '../helpers/context.js';

const t = useTestApp();
vi.setConfig({ testTimeout: 120_000 }); // one request per admin route and role, on a small, shared machine

const concrete = (path: string) => path.replace(/:(\w+)/g, '1');

describe('OPS-1: every admin route declares its roles, and the rest are refused', () => {
  it("OPS-1: each role outside a route's list gets 403; an anonymous caller gets 401", async () => {
    const adminRoutes = t.routes.filter((r) => r.path.startsWith('/api/admin') && r.access.kind !== 'public');
    expect(adminRoutes.length).toBeGreaterThan(10);
    const checked: string[] = [];
    for (const route of adminRoutes) {
      const anon = await request(t.app)[route.method](concrete(route.path));
      expect(anon.status, `anonymous ${route.method} ${route.path}`).toBe(401);
      for (const role of STAFF_ROLES) {
        if (mayCall(route, role)) continue;
        const client = await t.staff(role);
        const res = await client.agent[route.method](concrete(route.path))
          .set('X-CSRF-Token', client.csrfToken)
          .send({});
        expect(res.status, `${role} ${route.method} ${route.path}`).toBe(403);
        expect(res.body.type).toBe('https://pasar.dev/problems/forbidden');
        checked.push(`${role} ${route.method} ${route.path}`);
      }
    }
    expect(checked.length).toBeGreaterThan(0);
  });

  // "admin may call every staff route" is proved by calling them: tests/boundaries/access.test.ts.

  it('OPS-1: admin-only resources (staff, settings, outbox, audit log) refuse every other role', async () => {
    for (const role of ['support', 'trust_safety', 'finance'] as const) {
      const c = await t.staff(role);
      for (const path of [
        '/api/admin/staff',
        '/api/admin/settings',
        '/api/admin/outbox',
        '/api/admin/audit-log',
      ]) {
        expect((await c.get(path)).status, `${role} ${path}`).toBe(403);
      }
      expect((await c.get('/api/admin/my-activity')).status).toBe(200);
    }
  });

  it(`every admin route is either a staff route or the login itself (its second \
step and password reset)`, () => {
    const open = t.routes
      .filter((r) => r.path.startsWith('/api/admin') && r.access.kind === 'public')
      .map((r) => `${r.method} ${r.path}`);
    expect(open).toEqual([
      'post /api/admin/session',
      'post /api/admin/session/second-factor',
      'post /api/admin/password-reset',
      'post /api/admin/password-reset/confirm',
    ]);
  });
});
