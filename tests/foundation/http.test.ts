import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';

const t = useTestApp();

/** Every route Express actually serves, as "METHOD /openapi/{path}". */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Express's router internals are untyped
function expressRoutes(app: any): string[] {
  const out: string[] = [];
  for (const layer of app.router.stack) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods)) {
      out.push(`${method.toUpperCase()} ${String(layer.route.path).replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out;
}

describe('HTTP conventions', () => {
  it('GET /api/health says the service is up; admins read the database details', async () => {
    const res = await request(t.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'up' });
    const admin = await t.staff('admin');
    const details = await admin.get('/api/admin/health');
    expect(details.body).toMatchObject({
      status: 'up',
      database: { reachable: true, kind: t.database.kind },
    });
  });

  it('unknown API routes are 404 problem+json with a stable type', async () => {
    const res = await request(t.app).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.type).toBe('https://pasar.dev/problems/route-not-found');
    expect(res.body.status).toBe(404);
  });

  it('malformed JSON is a 400 problem, not a 500, and no stack trace leaks', async () => {
    const res = await request(t.app)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('validation errors name each field', async () => {
    const res = await request(t.app).post('/api/v1/auth/login').send({ email: '' });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://pasar.dev/problems/validation-error');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });

  it('every response carries a request id, and a given one is echoed', async () => {
    const a = await request(t.app).get('/api/health');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await request(t.app).get('/api/health').set('X-Request-Id', 'trace-42');
    expect(b.headers['x-request-id']).toBe('trace-42');
  });

  it('helmet security headers are set', async () => {
    const res = await request(t.app).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('OpenAPI', () => {
  it('GET /api/openapi.json is OpenAPI 3.1 and documents every route Express serves', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1/);
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries<Record<string, unknown>>(res.body.paths)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p}`);
    }
    const served = expressRoutes(t.app).filter((r) => r.split(' ')[1]!.startsWith('/api/'));
    expect(served.length).toBeGreaterThan(10);
    const missing = served.filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
  });

  it('request bodies in the document come from the zod schemas that validate them', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    const login = res.body.paths['/api/v1/auth/login'].post;
    const schema = login.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('/api/docs serves the interactive reference', async () => {
    const res = await request(t.app).get('/api/docs/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger-ui');
  });
});

describe('test clock routes', () => {
  it('OPS-4: GET /api/admin/test-clock answers the controllable now', async () => {
    const admin = await t.staff('admin');
    const res = await admin.get('/api/admin/test-clock');
    expect(res.status).toBe(200);
    expect(res.body.now).toBe(t.clock.now().toISOString());
    const moved = await admin.post('/api/admin/test-clock/advance', { seconds: 3600 });
    expect(moved.status).toBe(200);
    expect(new Date(moved.body.now).getTime() - new Date(res.body.now).getTime()).toBe(3600_000);
  });

  it('only admins may advance it', async () => {
    const support = await t.staff('support');
    expect((await support.post('/api/admin/test-clock/advance', { seconds: 60 })).status).toBe(403);
  });
});
