import { describe, expect, it } from 'vitest';
import { scheduleJob } from '../../server/jobs/jobs.js';
import { Scheduler } from '../../server/jobs/scheduler.js';
import { userBalances } from '../../server/modules/ledger/ledger.js';
import { clearEarningsBatch } from '../../server/modules/orders/clearance.js';
import { clearEarnings, JOB_CLEARANCE } from '../../server/modules/orders/service.js';
import { itOnPostgres, useTestApp, type UserClient } from '../helpers/context.js';
import { expectLedgerSound, makeOrder } from '../helpers/market.js';

const t = useTestApp();

/** A scheduler with the product's clearance handlers, counting the groups its batch handler is given. */
function clearanceScheduler() {
  const groups: number[] = [];
  const s = new Scheduler(t.ctx.db, t.clock);
  s.handle(JOB_CLEARANCE, (trx, job) => clearEarnings(t.ctx, trx, job.payload));
  s.handleBatch(JOB_CLEARANCE, (trx, jobs) => {
    groups.push(jobs.length);
    return clearEarningsBatch(t.ctx, trx, jobs);
  });
  return { scheduler: s, groups };
}

const balance = async (u: UserClient) => (await u.get('/api/v1/me/balance')).body;

describe('scheduler batches (OPS-4, issue #15)', () => {
  it(`CLR-1: due clearances run as one set-based batch with the one-job rules (a seller's jobs in turn, \
a blocked seller's money to held); a job that fails is retried alone and the others are neither lost nor \
doubled`, async () => {
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => makeOrder(t, { upTo: 'completed' })));
    const trust = await t.staff('trust_safety');
    expect(
      (await trust.post(`/api/admin/users/${b!.seller.id}/block`, { reason: 'Fraudulent chargebacks' }))
        .status,
    ).toBe(200);
    // A blocked seller cannot sign in: their balances are read from the ledger.
    const [before, third] = await Promise.all([a!, c!].map((o) => balance(o.seller)));
    const blocked = await userBalances(t.ctx.db, b!.seller.id);
    expect(before.pending).toBeGreaterThan(1_000);
    expect(third.pending).toBeGreaterThan(1_000);
    // Due now (each order's own clearance falls due days later): seller A's three clear in turn, the second
    // only the 100 left and the third nothing; C's second is not whole rupiah and fails (MNY-1).
    const runAt = t.clock.now();
    const jobs = [
      { ref: 'a1', o: a!, amount: before.pending - 100 },
      { ref: 'a2', o: a!, amount: 1_000 },
      { ref: 'a3', o: a!, amount: 1_000 },
      { ref: 'b1', o: b!, amount: 1_000 },
      { ref: 'c1', o: c!, amount: 1_000 },
      { ref: 'c2', o: c!, amount: 0.5 },
    ];
    for (const j of jobs)
      await scheduleJob(t.ctx.db, runAt, {
        kind: JOB_CLEARANCE,
        runAt,
        payload: { ref: j.ref, orderId: j.o.orderId, sellerId: j.o.seller.id, amount: j.amount },
        dedupeKey: `test-clearance:${j.ref}`,
      });

    const { scheduler, groups } = clearanceScheduler();
    const ran = await scheduler.runDue();
    expect(ran.jobs).toBe(6);
    // All six came to the batch handler together; it failed on c2, so each then ran alone.
    expect(groups).toEqual([6]);

    expect(await balance(a!.seller)).toMatchObject({ pending: 0, available: before.pending });
    const movedB = Math.min(1_000, blocked.pending);
    expect(await userBalances(t.ctx.db, b!.seller.id)).toMatchObject({
      pending: blocked.pending - movedB,
      available: 0,
      held: blocked.held + movedB,
    });
    expect(await balance(c!.seller)).toMatchObject({ pending: third.pending - 1_000, available: 1_000 });
    const admin = await t.staff('admin');
    const status = async (ref: string) => {
      const row = await t.ctx.db
        .selectFrom('scheduled_jobs')
        .select('id')
        .where('dedupe_key', '=', `test-clearance:${ref}`)
        .executeTakeFirstOrThrow();
      return (await admin.get(`/api/admin/jobs/${row.id}`)).body;
    };
    for (const ref of ['a1', 'a2', 'a3', 'b1', 'c1'])
      expect(await status(ref)).toMatchObject({ status: 'done', attempts: 1 });
    const broken = await status('c2');
    expect(broken).toMatchObject({ status: 'pending', attempts: 1 });
    expect(broken.lastError).toContain('not an integer');
    // Each clearance that moved money posted once.
    const entries = await t.ctx.db
      .selectFrom('journal_entries')
      .select('reference')
      .where(
        'reference',
        'in',
        jobs.map((j) => `clearance:${j.ref}`),
      )
      .orderBy('reference')
      .execute();
    expect(entries.map((e) => e.reference)).toEqual([
      'clearance:a1',
      'clearance:a2',
      ...(movedB > 0 ? ['clearance:b1'] : []),
      'clearance:c1',
    ]);
    await expectLedgerSound(t);

    // Nothing runs twice: a second pass finds no due work.
    expect((await scheduler.runDue()).jobs).toBe(0);
    expect(await balance(a!.seller)).toMatchObject({ pending: 0, available: before.pending });
  });

  it('OPS-4: a backlog of one kind does not hold back another: each kind has a quota per batch', async () => {
    const s = new Scheduler(t.ctx.db, t.clock);
    const ran: string[] = [];
    s.handle('test.bulk', () => {
      ran.push('bulk');
      return Promise.resolve();
    });
    s.handle('test.urgent', () => {
      ran.push('urgent');
      return Promise.resolve();
    });
    const now = t.clock.now();
    for (let n = 0; n < 25; n++)
      await scheduleJob(t.ctx.db, now, { kind: 'test.bulk', runAt: new Date(now.getTime() - 3600_000) });
    await scheduleJob(t.ctx.db, now, { kind: 'test.urgent', runAt: now });
    expect(await s.runBatch(10)).toBe(11);
    expect(ran.filter((k) => k === 'bulk')).toHaveLength(10);
    expect(ran).toContain('urgent');
    expect((await s.runDue(10)).jobs).toBe(15);
    expect(ran).toHaveLength(26);
  });

  itOnPostgres(
    'OPS-4: two schedulers running clearance batches at once clear each job exactly once (PostgreSQL only)',
    async () => {
      const orders = await Promise.all([0, 1, 2, 3].map(() => makeOrder(t, { upTo: 'completed' })));
      const before = await Promise.all(
        orders.map(async (o) => (await balance(o.seller)) as { pending: number }),
      );
      const runAt = t.clock.now();
      // 80 small clearances spread over the four sellers, all due now (their own order clears later).
      for (let n = 0; n < 80; n++) {
        const o = orders[n % 4]!;
        await scheduleJob(t.ctx.db, runAt, {
          kind: JOB_CLEARANCE,
          runAt,
          payload: { ref: `concurrent-${n}`, orderId: o.orderId, sellerId: o.seller.id, amount: 1_000 },
        });
      }
      const workers = [clearanceScheduler(), clearanceScheduler()];
      const results = await Promise.all(workers.map((w) => w.scheduler.runDue(7)));
      expect(results.reduce((n, r) => n + r.jobs, 0)).toBe(80);
      expect(workers.every((w) => w.groups.length > 0)).toBe(true);
      for (const [i, o] of orders.entries())
        expect(await balance(o.seller)).toMatchObject({
          pending: before[i]!.pending - 20_000,
          available: 20_000,
        });
      const entries = await t.ctx.db
        .selectFrom('journal_entries')
        .select('reference')
        .where('reference', 'like', 'clearance:concurrent-%')
        .execute();
      expect(entries).toHaveLength(80);
      expect(new Set(entries.map((e) => e.reference)).size).toBe(80);
      await expectLedgerSound(t);
    },
  );
});
