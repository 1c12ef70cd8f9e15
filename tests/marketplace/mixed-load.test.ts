import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { sql } from 'kysely';
import type request from 'supertest';
import { pino } from 'pino';
import { createApp } from '../../server/app.js';
import { TestClock } from '../../server/time/clock.js';
import { itOnPostgres, START, useTestApp, type UserClient } from '../helpers/context.js';
import { CARD, expectLedgerSound, makeOrder, orderService } from '../helpers/market.js';

const t = useTestApp();
const CLIENTS = 12;
const SECONDS = 8;

/** Deadlocks PostgreSQL detected in this test's database so far. */
async function deadlocks(): Promise<number> {
  await sql`select pg_stat_clear_snapshot()`.execute(t.ctx.db);
  const r = await sql<{ n: string }>`
    select deadlocks as n from pg_stat_database where datname = current_database()`.execute(t.ctx.db);
  return Number(r.rows[0]!.n);
}

/**
 * Issue #14: the money use cases at once on the same sellers. The benchmark (`npm run bench`) runs the
 * long version; this one is short and checks the outcome, not the speed.
 */
describe('mixed load on the same sellers (MNY-4, MNY-5, WDR-3, CLR-1)', () => {
  itOnPostgres(
    'payments, acceptances, withdrawals, payouts, refunds and clearance at once: no deadlock, no 5xx, ' +
      'books balance, exactly once (PostgreSQL only)',
    async () => {
      const admin = await t.staff('admin');
      const support = await t.staff('support');
      const finance = await t.staff('finance');
      const settings = await admin.put('/api/admin/settings', {
        values: { withdrawal_interval_days: 0 },
        reason: 'Mixed load: withdrawals as often as the test asks',
      });
      expect(settings.status).toBe(200);
      // The scheduler of another process, 15 days ahead: clearance (CLR-1) is due for it.
      const ahead = new TestClock({ frozenAt: START });
      ahead.advance(15 * 86_400);
      const worker = createApp({
        db: t.database.handle,
        config: t.config,
        clock: ahead,
        logger: pino({ level: 'silent' }),
      }).ctx.scheduler;
      // Four sellers with cleared earnings to withdraw, and a buyer each.
      const shops = await Promise.all(
        Array.from({ length: 4 }, () => makeOrder(t, { price: 40_000_000, upTo: 'completed' })),
      );
      await worker.runDue();
      const statuses: number[] = [];
      const track = async (res: request.Test) => {
        const r = await res;
        statuses.push(r.status);
        return r;
      };
      const completed: number[] = [];
      const withdrawals: number[] = [];
      const paidTwice: { orderId: number; milestoneId: number }[] = [];
      const place = async (i: number) => {
        const shop = shops[i % shops.length]!;
        const order = await orderService(shop.buyer, shop.service.id);
        return { shop, orderId: order.id, milestoneId: order.milestones[0]!.id };
      };
      const pay = async (buyer: UserClient, orderId: number, milestoneId: number) => {
        // A twin with the same Idempotency-Key, as a client retrying on a timeout (MNY-5).
        const key = randomUUID();
        const path = `/api/v1/orders/${orderId}/milestones/${milestoneId}/pay`;
        const [a, b] = await Promise.all([
          track(buyer.post(path, CARD).set('Idempotency-Key', key)),
          track(buyer.post(path, CARD).set('Idempotency-Key', key)),
        ]);
        paidTwice.push({ orderId, milestoneId });
        return a.status === 200 && b.status === 200;
      };
      const scenarios: ((i: number) => Promise<void>)[] = [
        async (i) => {
          const { shop, orderId, milestoneId } = await place(i);
          if (!(await pay(shop.buyer, orderId, milestoneId))) return;
          const d = await track(
            shop.seller.post(`/api/v1/orders/${orderId}/deliveries`, { message: 'Done' }),
          );
          if (d.status !== 201) return;
          if ((await track(shop.buyer.post(`/api/v1/orders/${orderId}/accept`))).status === 200)
            completed.push(orderId);
        },
        async (i) => {
          const { shop, orderId, milestoneId } = await place(i);
          if (!(await pay(shop.buyer, orderId, milestoneId))) return;
          const r = await track(
            shop.buyer.post(`/api/v1/orders/${orderId}/refund-requests`, {
              reason: 'seller_not_working_as_agreed',
              message: 'Nothing happened.',
            }),
          );
          if (r.status === 201)
            await track(
              support.post(`/api/admin/refund-requests/${r.body.id}/approve`, { reason: 'Agreed' }),
            );
        },
        async (i) => {
          const shop = shops[i % shops.length]!;
          const w = await track(
            shop.seller
              .post('/api/v1/withdrawals', {
                amount: 100_000,
                method: { type: 'ewallet', provider: 'GoPay', accountId: `0812${shop.seller.id}` },
              })
              .set('Idempotency-Key', randomUUID()),
          );
          if (w.status === 201) withdrawals.push(w.body.id);
        },
        async () => {
          const id = withdrawals.shift();
          if (!id) return;
          if ((await track(finance.post(`/api/admin/withdrawals/${id}/approve`))).status !== 200) return;
          await track(finance.post(`/api/admin/withdrawals/${id}/mark-paid`, { reference: `MIXED-${id}` }));
        },
        async () => {
          const orderId = completed.shift();
          if (!orderId) return;
          await track(
            support.post(`/api/admin/orders/${orderId}/refund`, {
              amount: 10_000,
              destination: 'credit',
              reason: 'Goodwill',
            }),
          );
        },
      ];
      const before = await deadlocks();
      const until = performance.now() + SECONDS * 1000;
      await Promise.all([
        ...Array.from({ length: CLIENTS }, async (_, k) => {
          for (let i = k; performance.now() < until; i++) await scenarios[i % scenarios.length]!(i);
        }),
        ...Array.from({ length: 2 }, async () => {
          while (performance.now() < until)
            if (!(await worker.runOneJob())) await new Promise((r) => setTimeout(r, 20));
        }),
      ]);
      await worker.runDue();
      // Backends report their statistics within a second.
      await new Promise((r) => setTimeout(r, 1500));

      expect(await deadlocks()).toBe(before);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.length).toBeGreaterThan(CLIENTS * 4);
      const failedJobs = await t.ctx.db
        .selectFrom('scheduled_jobs')
        .select(['kind', 'last_error'])
        .where('last_error', 'is not', null)
        .where('last_error', '<>', 'cancelled')
        .execute();
      expect(failedJobs).toEqual([]);
      await expectLedgerSound(t);
      // Exactly once: every milestone paid by two twins has one payment and one provider fee.
      const entries = await t.ctx.db
        .selectFrom('journal_entries')
        .select(['milestone_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where(
          'milestone_id',
          'in',
          paidTwice.map((p) => p.milestoneId),
        )
        .where('kind', 'in', ['milestone-payment', 'payment-fee'])
        .groupBy('milestone_id')
        .execute();
      expect(entries).toHaveLength(paidTwice.length);
      for (const e of entries) expect(Number(e.n)).toBe(2);
      // Every withdrawal marked paid left withdrawing once (WDR-4); every seller's withdrawing balance is
      // what is still open.
      const paid = await t.ctx.db
        .selectFrom('withdrawals')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'paid')
        .executeTakeFirstOrThrow();
      const paidEntries = await t.ctx.db
        .selectFrom('journal_entries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('kind', '=', 'withdrawal-paid')
        .executeTakeFirstOrThrow();
      expect(Number(paid.n)).toBeGreaterThan(0);
      expect(Number(paidEntries.n)).toBe(Number(paid.n));
      const cleared = await t.ctx.db
        .selectFrom('journal_entries')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('kind', '=', 'clearance')
        .executeTakeFirstOrThrow();
      expect(Number(cleared.n)).toBeGreaterThan(shops.length);
    },
    120_000,
  );
});
