import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { pino } from 'pino';
import { createApp } from '../../server/app.js';
import { DEMO_STAFF, DEMO_TOTP_SECRET } from '../../server/seed.js';
import { START, staffLogin, useTestApp } from '../helpers/context.js';
import { makeOrder } from '../helpers/market.js';
import { JOB_RECONCILE } from '../../server/modules/ledger/reconcile.js';
import { JOB_SELLER_LEVELS } from '../../server/modules/trust/levels.js';

const t = useTestApp();
const DEMO_PASSWORD = 'Pasar-Demo-2026';

async function demoStaffLogin(email: string) {
  const agent = request.agent(t.app);
  const res = await staffLogin(agent, email, DEMO_PASSWORD, DEMO_TOTP_SECRET);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return agent;
}

describe('POST /api/test/reset (end-to-end fixture, PASAR_TEST_CLOCK=1 only)', () => {
  it('empties the business tables and brings back the demo staff with the demo password', async () => {
    await makeOrder(t, { upTo: 'completed' });
    expect((await t.ctx.db.selectFrom('journal_entries').select('id').execute()).length).toBeGreaterThan(0);

    const res = await request(t.app).post('/api/test/reset');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.staff).toEqual(DEMO_STAFF.map(({ email, role }) => ({ email, role })));

    for (const table of ['users', 'services', 'orders', 'milestones', 'journal_entries', 'postings'] as const)
      expect(await t.ctx.db.selectFrom(table).select('id').execute(), table).toEqual([]);
    const staff = await t.ctx.db.selectFrom('staff').select(['id', 'email']).orderBy('id').execute();
    expect(staff).toEqual(DEMO_STAFF.map((s, i) => ({ id: i + 1, email: s.email })));
    // The audit log starts again with the recreated accounts and the reset itself.
    const actions = await t.ctx.db.selectFrom('audit_log').select('action').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual([
      ...DEMO_STAFF.map(() => 'staff.create'),
      'test-data.reset',
    ]);
    // The daily runs the server schedules at start are scheduled again.
    const jobs = await t.ctx.db.selectFrom('scheduled_jobs').select('kind').orderBy('kind').execute();
    expect(jobs.map((j) => j.kind)).toEqual([JOB_RECONCILE, JOB_SELLER_LEVELS].sort());
    await demoStaffLogin('finance@pasar.test');
  });

  it(`keeps a demo staff member's session across a reset, and ends the session of \
any other account`, async () => {
    await request(t.app).post('/api/test/reset').expect(200);
    const admin = await demoStaffLogin('admin@pasar.test');
    const other = await t.staff('support', 'someone@staff.test');
    expect((await other.get('/api/admin/me')).status).toBe(200);

    await request(t.app).post('/api/test/reset').expect(200);
    const me = await admin.get('/api/admin/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('admin@pasar.test');
    expect((await other.get('/api/admin/me')).status).toBe(401);
  });

  it('moves the test clock back to where it started', async () => {
    await t.advance(7 * 86_400);
    expect(t.clock.now().getTime()).toBeGreaterThan(START.getTime());
    const res = await request(t.app).post('/api/test/reset');
    expect(res.body.now).toBe(START.toISOString());
    expect(t.clock.now()).toEqual(START);
  });

  it('answers 404 if the server runs in production, even with a test clock', async () => {
    const { app, ctx } = createApp({
      db: t.database.handle,
      config: { ...t.config, env: 'production' },
      clock: t.clock,
      logger: pino({ level: 'silent' }),
    });
    const res = await request(app).post('/api/test/reset');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    await ctx.scheduler.stop();
  });
});
