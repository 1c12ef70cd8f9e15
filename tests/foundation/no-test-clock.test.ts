import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { useTestApp } from '../helpers/context.js';

const t = useTestApp({ env: { PASAR_TEST_CLOCK: '0' } });

describe('without PASAR_TEST_CLOCK', () => {
  it('the test-clock routes are 404', async () => {
    const admin = await t.staff('admin');
    expect((await admin.get('/api/admin/test-clock')).status).toBe(404);
    const res = await admin.post('/api/admin/test-clock/advance', { seconds: 60 });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('the end-to-end reset route is 404: nothing can empty the database', async () => {
    const res = await request(t.app).post('/api/test/reset');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await t.ctx.db.selectFrom('staff').select('id').execute()).not.toEqual([]);
  });

  it('they are not in the OpenAPI document either', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(
      Object.keys(res.body.paths).filter((p) => p.includes('test-clock') || p.startsWith('/api/test/')),
    ).toEqual([]);
  });
});
