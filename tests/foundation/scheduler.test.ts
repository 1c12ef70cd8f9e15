import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { scheduleJob } from '../../server/jobs/jobs.js';
import { enqueue } from '../../server/modules/outbox/outbox.js';
import { Scheduler } from '../../server/jobs/scheduler.js';
import { itOnPostgres, useTestApp } from '../helpers/context.js';

const t = useTestApp();

describe('scheduler and outbox (OPS-4, OPS-5)', () => {
  it(`OPS-4: a timed job runs when the test clock passes its due time, once, \
seeing its due time as now`, async () => {
    const seen: Date[] = [];
    t.ctx.scheduler.handle('test.ping', () => {
      seen.push(t.clock.now());
      return Promise.resolve();
    });
    const due = new Date(t.clock.now().getTime() + 3600_000);
    await scheduleJob(t.ctx.db, t.clock.now(), { kind: 'test.ping', runAt: due, dedupeKey: 'ping-1' });
    // deduplicated
    await scheduleJob(t.ctx.db, t.clock.now(), { kind: 'test.ping', runAt: due, dedupeKey: 'ping-1' });
    await t.advance(1800);
    expect(seen).toHaveLength(0);
    await t.advance(7200);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.toISOString()).toBe(due.toISOString());
    await t.advance(7200);
    expect(seen).toHaveLength(1);
  });

  it('OPS-4: a failing job is rolled back and retried later with its error recorded', async () => {
    let calls = 0;
    t.ctx.scheduler.handle('test.flaky', async (trx) => {
      calls++;
      await enqueue(trx, t.clock, {
        kind: 'test',
        to: 'flaky@example.test',
        subject: `attempt ${calls}`,
        text: 'x',
      });
      if (calls === 1) throw new Error('first attempt fails');
    });
    await scheduleJob(t.ctx.db, t.clock.now(), {
      kind: 'test.flaky',
      runAt: t.clock.now(),
      dedupeKey: 'flaky',
    });
    await t.ctx.scheduler.runDue();
    const job = await t.ctx.db
      .selectFrom('scheduled_jobs')
      .selectAll()
      .where('dedupe_key', '=', 'flaky')
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job.last_error).toContain('first attempt fails');
    // The failed attempt's outbox row was rolled back with it.
    expect(
      await t.ctx.db
        .selectFrom('outbox')
        .where('recipient', '=', 'flaky@example.test')
        .select('subject')
        .execute(),
    ).toEqual([]);
    await t.advance(600);
    expect(calls).toBe(2);
    expect(
      await t.ctx.db
        .selectFrom('outbox')
        .where('recipient', '=', 'flaky@example.test')
        .select('subject')
        .execute(),
    ).toEqual([{ subject: 'attempt 2' }]);
  });

  it(`OPS-5: an outbox message is delivered by the scheduler and readable at GET \
/api/admin/outbox`, async () => {
    await t.ctx.db.transaction().execute((trx) =>
      enqueue(trx, t.clock, {
        kind: 'test.hello',
        to: 'reader@example.test',
        subject: 'Hello',
        text: 'Activate: https://pasar.test/activate?token=abc123',
      }),
    );
    const admin = await t.staff('admin');
    const before = await admin.get(
      `/api/admin/outbox?filter=${encodeURIComponent(JSON.stringify({ to: 'reader@example.test' }))}`,
    );
    expect(before.status).toBe(200);
    expect(before.body[0]).toMatchObject({ to: 'reader@example.test', subject: 'Hello', status: 'pending' });
    expect(before.body[0].text).toContain('token=abc123');
    expect(before.body[0].createdAt).toBeDefined();
    await t.advance(1);
    const after = await admin.get(`/api/admin/outbox/${before.body[0].id}`);
    expect(after.body).toMatchObject({ status: 'sent' });
  });

  it('OPS-5: a message written in a transaction that rolls back is never sent', async () => {
    await expect(
      t.ctx.db.transaction().execute(async (trx) => {
        await enqueue(trx, t.clock, { kind: 'test', to: 'ghost@example.test', subject: 'never', text: 'x' });
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow();
    expect(
      await t.ctx.db
        .selectFrom('outbox')
        .where('recipient', '=', 'ghost@example.test')
        .select('id')
        .execute(),
    ).toEqual([]);
  });

  itOnPostgres(
    'OPS-4: several scheduler instances on one PostgreSQL run each job exactly once (PostgreSQL only)',
    async () => {
      const runs = new Map<number, number>();
      const schedulers = [0, 1, 2].map(() => new Scheduler(t.ctx.db, t.clock));
      for (const s of schedulers) {
        s.handle('test.count', async (trx, job) => {
          await sql`select pg_sleep(0.002)`.execute(trx);
          const n = (job.payload as { n: number }).n;
          runs.set(n, (runs.get(n) ?? 0) + 1);
        });
      }
      for (let n = 0; n < 60; n++)
        await scheduleJob(t.ctx.db, t.clock.now(), {
          kind: 'test.count',
          runAt: t.clock.now(),
          payload: { n },
        });
      const results = await Promise.all(schedulers.map((s) => s.runDue(10)));
      expect(results.reduce((a, r) => a + r.jobs, 0)).toBe(60);
      expect(runs.size).toBe(60);
      expect([...runs.values()].every((c) => c === 1)).toBe(true);
      // Work was actually shared.
      expect(results.filter((r) => r.jobs > 0).length).toBeGreaterThan(1);
    },
  );
});

describe('list helper (ra-data-simple-rest)', () => {
  it('sort, range and filter map onto the query; Content-Range says the total', async () => {
    const admin = await t.staff('admin');
    for (const role of ['support', 'finance', 'trust_safety'] as const) await t.staff(role);
    const res = await admin.get(
      `/api/admin/staff?sort=${encodeURIComponent('["email","DESC"]')}&range=[0,1]`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(2);
    expect(res.headers['content-range']).toBe('staff 0-1/4');
    expect(res.headers['x-total-count-kind']).toBe('exact');
    expect(res.body[0].email > res.body[1].email).toBe(true);
    const filtered = await admin.get(
      `/api/admin/staff?filter=${encodeURIComponent('{"role":["finance","support"]}')}`,
    );
    expect(filtered.body.map((s: { role: string }) => s.role).sort()).toEqual(['finance', 'support']);
    const many = await admin.get(
      `/api/admin/staff?filter=${encodeURIComponent(JSON.stringify({ id: [admin.id] }))}`,
    );
    expect(many.body.map((s: { id: number }) => s.id)).toEqual([admin.id]);
  });

  it('a field outside the allow-list is a 400 that names it', async () => {
    const admin = await t.staff('admin');
    const sort = await admin.get(`/api/admin/staff?sort=${encodeURIComponent('["password_hash","ASC"]')}`);
    expect(sort.status).toBe(400);
    expect(sort.body.errors[0]).toMatchObject({ field: 'query.sort' });
    const filter = await admin.get(`/api/admin/staff?filter=${encodeURIComponent('{"password_hash":"x"}')}`);
    expect(filter.status).toBe(400);
    expect(filter.body.errors[0].field).toBe('query.filter.password_hash');
    const junk = await admin.get('/api/admin/staff?range=notjson');
    expect(junk.status).toBe(400);
  });

  it('past a thousand rows the total is the planner estimate and the header says so', async () => {
    const admin = await t.staff('admin');
    await sql`insert into outbox (kind, recipient, subject, body, payload, created_at, next_attempt_at)
      select 'bulk', 'bulk' || g || '@example.test', 's', 'b', '{}', now(), now() + interval
        '10 years' from generate_series(1, 10050) g`.execute(t.ctx.db);
    await sql`analyze outbox`.execute(t.ctx.db);
    const res = await admin.get('/api/admin/outbox?range=[0,9]');
    expect(res.status).toBe(200);
    const total = Number(/^outbox 0-9\/(\d+)$/.exec(res.headers['content-range'] as string)?.[1]);
    expect(total).toBeGreaterThan(9_000);
    expect(total).toBeLessThan(11_000);
    expect(res.headers['x-total-count-kind']).toBe('estimated');
    const few = await admin.get(`/api/admin/outbox?filter=${encodeURIComponent('{"q":"bulk17@"}')}`);
    expect(few.headers['x-total-count-kind']).toBe('exact');
  });
});
