import { describe, expect, it } from 'vitest';
import { scheduleJob } from '../../server/jobs/jobs.js';
import { useTestApp } from '../helpers/context.js';

const t = useTestApp();
const failedFilter = `filter=${encodeURIComponent(JSON.stringify({ status: 'failed' }))}`;

describe('failed scheduler jobs (OPS-4, OPS-3)', () => {
  it(`OPS-4: a job that fails all its attempts is listed for admins with its \
error; retry with a reason runs it, audited (OPS-3)`, async () => {
    let broken = true;
    const runs: number[] = [];
    t.ctx.scheduler.handle('test.clearance', (_trx, job) => {
      runs.push(job.attempts);
      if (broken) throw new Error('bank ledger unreachable');
      return Promise.resolve();
    });
    await scheduleJob(t.ctx.db, t.clock.now(), {
      kind: 'test.clearance',
      runAt: t.clock.now(),
      payload: { orderId: 42, amount: 300_000 },
      dedupeKey: 'test-clearance-42',
    });
    const admin = await t.staff('admin');
    await t.advance(60);
    // Still being retried with back-off: not failed yet.
    expect((await admin.get(`/api/admin/jobs?${failedFilter}`)).body).toEqual([]);
    await t.advance(3600);
    expect(runs).toEqual([0, 1, 2, 3, 4]);

    const list = await admin.get(`/api/admin/jobs?${failedFilter}`);
    expect(list.status).toBe(200);
    expect(list.headers['content-range']).toBe('jobs 0-0/1');
    const [job] = list.body;
    expect(job).toMatchObject({
      kind: 'test.clearance',
      payload: { orderId: 42, amount: 300_000 },
      status: 'failed',
      attempts: 5,
      allowedActions: ['admin-retry'],
    });
    expect(job.payloadSummary.split(', ').sort()).toEqual(['amount=300000', 'orderId=42']);
    expect(job.lastError).toContain('bank ledger unreachable');
    expect(new Date(job.failedAt).getTime()).toBeGreaterThan(t.clock.now().getTime() - 3600_000);
    // Nothing runs it again on its own.
    await t.advance(7 * 86_400);
    expect(runs).toHaveLength(5);

    expect((await admin.post(`/api/admin/jobs/${job.id}/retry`, {})).status).toBe(422);
    broken = false;
    const retried = await admin.post(`/api/admin/jobs/${job.id}/retry`, { reason: 'Bank ledger is back' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'pending', attempts: 0, allowedActions: [] });
    await t.advance(1);
    expect(runs).toHaveLength(6);
    expect((await admin.get(`/api/admin/jobs/${job.id}`)).body).toMatchObject({ status: 'done' });
    expect((await admin.get(`/api/admin/jobs?${failedFilter}`)).body).toEqual([]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'job.retry')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_id: admin.id,
      subject_type: 'scheduled_job',
      subject_id: String(job.id),
      reason: 'Bank ledger is back',
    });
    expect(audit.before).toMatchObject({ status: 'failed', attempts: 5 });
    // A job that is not failed is not retried by hand.
    const again = await admin.post(`/api/admin/jobs/${job.id}/retry`, { reason: 'once more' });
    expect(again.status).toBe(409);
    expect(again.body.status).toBe(409);
  });

  it('OPS-1: only admins see and retry jobs', async () => {
    for (const role of ['support', 'finance', 'trust_safety'] as const) {
      const staff = await t.staff(role);
      expect((await staff.get(`/api/admin/jobs?${failedFilter}`)).status).toBe(403);
      expect((await staff.post('/api/admin/jobs/1/retry', { reason: 'please run it' })).status).toBe(403);
    }
    const user = await t.user();
    expect((await user.get('/api/admin/jobs')).status).toBe(401);
  });
});
