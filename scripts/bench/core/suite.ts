import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { sql } from 'kysely';
import { connect } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { createApp } from '../../../server/app.js';
import type { AppContext } from '../../../server/context.js';
import { loadConfig } from '../../../server/config.js';
import { TestClock } from '../../../server/time/clock.js';
import { trialBalance } from '../../../server/modules/ledger/ledger.js';
import { createDatabase, deadlocks, dropDatabase } from '../lib/db.js';
import { client, drive, must, type Call, type Client } from '../lib/http.js';
import { pgbenchDatabase } from '../lib/pgbench.js';
import { startServer, type Server } from '../lib/proc.js';
import { metered } from '../lib/cpu.js';
import type { Row } from '../lib/report.js';
import { median, percentile, type Sample } from '../lib/stats.js';
import { wrk } from '../lib/wrk.js';
import {
  accept,
  addCatalogueVolume,
  approveRefund,
  askRefund,
  deliver,
  makeWorld,
  ordersAt,
  pay,
  withdraw,
  type Party,
  type PlacedOrder,
  type World,
} from './fixtures.js';
import type { BenchOptions } from '../index.js';

/** Sizes of one run: `--quick` stays under two minutes on the 2-core machine. */
function sizes(quick: boolean) {
  return quick
    ? { rounds: 3, readSeconds: 1, pgbenchSeconds: 2, capSeconds: 2, n16: 50, n1: 10, mixedSeconds: 10 }
    : { rounds: 3, readSeconds: 5, pgbenchSeconds: 5, capSeconds: 8, n16: 400, n1: 40, mixedSeconds: 60 };
}

const CLEARANCE_AHEAD_SECONDS = 15 * 86_400;

/** The scheduler of the benchmark process: the product's handlers, its clock 15 days ahead (CLR-1). */
function schedulerContext(handle: Awaited<ReturnType<typeof connect>>): AppContext {
  const clock = new TestClock();
  clock.advance(CLEARANCE_AHEAD_SECONDS);
  const config = loadConfig({ NODE_ENV: 'development', PASAR_UPLOAD_DIR: os.tmpdir() });
  return createApp({ db: handle, config, clock, logger: pino({ level: 'silent' }) }).ctx;
}

async function countEntries(ctx: AppContext, kind: string): Promise<number> {
  const r = await ctx.db
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Jobs that failed at least once (a cancelled job carries `cancelled` as its last error). */
async function failedJobs(ctx: AppContext): Promise<number> {
  const r = await ctx.db
    .selectFrom('scheduled_jobs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('last_error', 'is not', null)
    .where('last_error', '<>', 'cancelled')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** CLR-1 by the scheduler: `workers` loops claiming due jobs until none is left (or the cap). */
async function clearance(ctx: AppContext, workers: number, capSeconds: number): Promise<Sample> {
  const before = await countEntries(ctx, 'clearance');
  const failedBefore = await failedJobs(ctx);
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const deadline = start + capSeconds * 1000;
  let last = start;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        let ran: boolean;
        try {
          ran = await ctx.scheduler.runOneJob();
        } catch {
          errors++;
          continue;
        }
        if (!ran) return;
        last = performance.now();
        latencies.push(last - t0);
      }
    }),
  );
  const failed = (await failedJobs(ctx)) - failedBefore;
  const cleared = (await countEntries(ctx, 'clearance')) - before;
  const seconds = (last - start) / 1000;
  return {
    rate: seconds > 0 ? cleared / seconds : 0,
    p99Ms: percentile(latencies, 99),
    errors: errors + failed,
    detail: failed ? { 'failed jobs': failed } : {},
  };
}

interface Money {
  pay: PlacedOrder[];
  accept: PlacedOrder[];
  refund: (PlacedOrder & { refundId?: number })[];
  withdraw: Party[];
}

async function prepareMoney(w: World, c: Client, ctx: AppContext, n: number, capital: Party[]) {
  const m: Money = {
    pay: await ordersAt(w, c, ctx.db, n, 'placed'),
    accept: await ordersAt(w, c, ctx.db, n, 'delivered'),
    refund: await ordersAt(w, c, ctx.db, n, 'refund-requested'),
    // Different sellers one after another: concurrent requests are by different people.
    withdraw: Array.from({ length: n }, (_, i) => capital[i % capital.length]!),
  };
  // More earnings waiting for clearance than the acceptance measure alone leaves.
  await ordersAt(w, c, ctx.db, Math.ceil(n / 2), 'completed');
  return m;
}

/** Every seller gets earnings cleared to `available`, so that withdrawals never run out (WDR-1). */
async function giveCapital(w: World, c: Client, scheduler: AppContext, sellers: Party[]) {
  const big = new Map<number, number>();
  for (const s of sellers) {
    const a = await must(c, {
      method: 'POST',
      path: '/api/v1/services',
      headers: s.auth,
      body: {
        title: 'Year-long retainer',
        description: 'All the design work of a year.',
        category: 'graphics_design',
        price: 90_000_000,
        deliveryDays: 30,
        revisions: 0,
      },
    });
    big.set(s.id, a.body.id);
  }
  const rich: World = { ...w, services: big };
  await ordersAt(rich, c, scheduler.db, sellers.length, 'completed', sellers);
  await scheduler.scheduler.runDue();
}

export async function runCore(opts: BenchOptions): Promise<Row[]> {
  const size = sizes(opts.quick);
  const database = await createDatabase('core');
  const pgb = await pgbenchDatabase();
  const servers: Server[] = [];
  const handle = await connect({ databaseUrl: database.url, poolSize: 24 });
  let product: Client | null = null;
  try {
    await migrateToLatest(handle.db);
    const setupClock = new TestClock();
    const setupCtx = createApp({
      db: handle,
      config: loadConfig({ NODE_ENV: 'development', PASAR_UPLOAD_DIR: os.tmpdir() }),
      clock: setupClock,
      logger: pino({ level: 'silent' }),
    }).ctx;
    const sched = schedulerContext(handle);
    const productEnv = {
      NODE_ENV: 'development',
      DATABASE_URL: database.url,
      LOG_LEVEL: 'info',
      PASAR_DEMO: '0',
      PASAR_SCHEDULER_INTERVAL: '0',
      PASAR_UPLOAD_DIR: mkdtempSync(path.join(os.tmpdir(), 'pasar-bench-uploads-')),
    };
    const server = await startServer('product', 'product.ts', productEnv);
    // The same product without its read caches (PASAR_READ_CACHE_MS=0): wrk asks one search again and
    // again, which the 2-second answer cache serves from memory; this row shows what a search costs.
    const uncached = await startServer('product', 'product.ts', { ...productEnv, PASAR_READ_CACHE_MS: '0' });
    servers.push(server, uncached);
    const express = await startServer('express', 'anchors/express-hello.ts');
    const raw = await startServer('node:http', 'anchors/node-http-hello.ts');
    servers.push(express, raw);
    product = client(server.url, 32);
    const c = product;

    opts.log('setup: people, services, catalogue volume, earnings');
    const world = await makeWorld(setupCtx, c, { buyers: 64, sellers: 64 });
    await addCatalogueVolume(handle.db, 2000);
    await giveCapital(world, c, sched, world.sellers);
    // What autovacuum would do after such a load in production (this machine's PostgreSQL runs without it):
    // statistics for the planner (without them the search planned 2,000 matches as one row), and the GIN
    // indexes' own statistics, which only VACUUM updates: left as they were when the migration made them on
    // an empty table, the planner read the ledger accounts' trigram index for `code = $1` (8.8 ms against
    // 0.05 ms by the unique key, three times per card payment). Again before each money round.
    const maintain = () => sql`vacuum analyze`.execute(handle.db);
    await maintain();

    // Reads: a buyer's completed order with a few messages, that buyer's order list, a search.
    const [shown] = await ordersAt(world, c, handle.db, 1, 'completed');
    for (let i = 0; i < 5; i++)
      await must(c, {
        method: 'POST',
        path: `/api/v1/orders/${shown!.orderId}/messages`,
        headers: shown!.buyer.auth,
        body: { body: `Thank you, message ${i}` },
      });
    await ordersAt(world, c, handle.db, 30, 'paid', [shown!.seller], 0);
    const reader = shown!.buyer.auth;
    // Issue #14's floor: Express with the product's request log, and with it one prepared read by id.
    const floorLog = await startServer('floor', 'anchors/express-floor.ts', { FLOOR: 'log' });
    const floorQuery = await startServer('floor', 'anchors/express-floor.ts', {
      FLOOR: 'query',
      DATABASE_URL: database.url,
      FLOOR_SQL: 'SELECT id, status, buyer_id, seller_id, created_at FROM orders WHERE id = $1',
      FLOOR_ID: String(shown!.orderId),
    });
    servers.push(floorLog, floorQuery);
    const readRow = (measure: string) => ({
      measure,
      product: [] as Sample[],
      anchorName: 'express hello',
      anchor: [] as Sample[],
    });
    const rows = {
      order: readRow('GET /api/v1/orders/:id'),
      list: readRow('GET /api/v1/orders'),
      search: readRow('GET /api/v1/services?q= (answer cached 2 s)'),
      searchUncached: readRow('GET /api/v1/services?q= (no read caches)'),
      raw: readRow('node:http hello (reference)'),
      floorLog: readRow('floor: Express + request log (info)'),
      floorQuery: readRow('floor: … + 1 prepared pg read by id'),
    };
    const secs = size.readSeconds;
    for (let r = 0; r < size.rounds; r++) {
      opts.log(`reads: round ${r + 1}/${size.rounds}`);
      const hello = () =>
        metered({ pid: express.child.pid, database: database.name }, () =>
          wrk(express.url + '/', { seconds: secs }),
        );
      const served = (pid: number | undefined, url: string, headers?: Record<string, string>) =>
        metered({ pid, database: database.name }, () =>
          wrk(url, { seconds: secs, ...(headers ? { headers } : {}) }),
        );
      let a = await hello();
      rows.order.anchor.push(a);
      rows.order.product.push(
        await served(server.child.pid, `${server.url}/api/v1/orders/${shown!.orderId}`, reader),
      );
      rows.list.product.push(await served(server.child.pid, `${server.url}/api/v1/orders`, reader));
      a = await hello();
      rows.list.anchor.push(a);
      rows.search.product.push(await served(server.child.pid, `${server.url}/api/v1/services?q=logo`));
      rows.searchUncached.product.push(
        await served(uncached.child.pid, `${uncached.url}/api/v1/services?q=logo`),
      );
      rows.raw.product.push(await served(raw.child.pid, raw.url + '/'));
      a = await hello();
      rows.search.anchor.push(a);
      rows.searchUncached.anchor.push(a);
      rows.raw.anchor.push(a);
      rows.floorLog.product.push(await served(floorLog.child.pid, floorLog.url + '/'));
      rows.floorQuery.product.push(await served(floorQuery.child.pid, floorQuery.url + '/'));
      a = await hello();
      rows.floorLog.anchor.push(a);
      rows.floorQuery.anchor.push(a);
    }
    const readRows = [rows.order, rows.list, rows.search, rows.searchUncached, rows.raw];
    readRows.push(rows.floorLog, rows.floorQuery);
    // BENCH_READS_ONLY=1: the read rows alone (for work on the read path; not the issue's table).
    if (process.env.BENCH_READS_ONLY === '1') return readRows;

    // Money: each use case at 16 clients and at 1, against pgbench tpcb-like at the same number of clients.
    const money = (name: string, clients: number) => ({
      measure: `${name} ×${clients}`,
      product: [] as Sample[],
      anchorName: `pgbench tpcb-like -c${clients}`,
      anchor: [] as Sample[],
    });
    const useCases = ['card payment', 'accept delivery', 'withdrawal', 'refund approval', 'clearance'];
    const moneyRows = new Map<string, ReturnType<typeof money>>();
    for (const clients of [16, 1])
      for (const u of useCases) moneyRows.set(`${u}/${clients}`, money(u, clients));
    // pgbench's own transaction sent from Node by `pg` as the product sends its statements: what the client
    // library costs against pgbench's (reference rows, not a target).
    const nodePg = new Map([16, 1].map((n) => [n, money('tpcb-like sent by Node pg (reference)', n)]));
    const dlBefore = await deadlocks(database.name);
    for (let r = 0; r < size.rounds; r++) {
      for (const clients of [16, 1]) {
        const n = clients === 16 ? size.n16 : size.n1;
        opts.log(`money: round ${r + 1}/${size.rounds}, ${clients} client(s): preparing ${n} of each`);
        const m = await prepareMoney(world, c, setupCtx, n, world.sellers);
        await maintain();
        const row = (u: string) => moneyRows.get(`${u}/${clients}`)!;
        const anchor = async () => {
          const s = await metered({}, () => pgb.run(clients, size.pgbenchSeconds));
          for (const u of useCases) row(u).anchor.push(s);
          nodePg.get(clients)!.anchor.push(s);
        };
        const cap = { clients, seconds: size.capSeconds };
        await anchor();
        // Not metered: its backends are gone before their CPU could be read (as pgbench's at 1 client).
        nodePg.get(clients)!.product.push(await pgb.runFromNode(clients, size.pgbenchSeconds));
        const app = { pid: server.child.pid, database: database.name };
        row('card payment').product.push(await metered(app, () => drive(c, m.pay.map(pay), cap)));
        row('accept delivery').product.push(await metered(app, () => drive(c, m.accept.map(accept), cap)));
        // The 1-client rows are compared with their own 16-client rate; one anchor run is enough there.
        if (clients === 16 || !opts.quick) await anchor();
        row('withdrawal').product.push(
          await metered(app, () =>
            drive(
              c,
              m.withdraw.map((s) => withdraw(s)),
              cap,
            ),
          ),
        );
        row('refund approval').product.push(
          await metered(app, () =>
            drive(
              c,
              m.refund.map((o) => approveRefund(world, o.refundId!)),
              cap,
            ),
          ),
        );
        // Clearance runs in this process (the scheduler's use case), so its CPU is this process's.
        row('clearance').product.push(
          await metered({ pid: process.pid, database: database.name }, () =>
            clearance(sched, clients, size.capSeconds),
          ),
        );
      }
    }
    const moneyDeadlocks = (await deadlocks(database.name)) - dlBefore;
    const mixed = await mixedLoad(world, c, setupCtx, sched, database.name, size.mixedSeconds, opts);
    const tb = await trialBalance(handle.db);
    const out: Row[] = [...readRows];
    nodePg.forEach((row, clients) => moneyRows.set(`node pg/${clients}`, row));
    const med = (s: Sample[]) => s.map((x) => x.rate).sort((a, b) => a - b)[Math.floor(s.length / 2)]!;
    for (const clients of [16, 1])
      for (const u of [...useCases, 'node pg']) {
        const row: Row = moneyRows.get(`${u}/${clients}`)!;
        if (clients === 16) {
          const one = moneyRows.get(`${u}/1`)!;
          row.notes = `${(med(row.product) / med(one.product)).toFixed(1)}× its 1-client rate`;
          // What 0.5× the anchor leaves per operation for all the CPU of the machine (product, PostgreSQL,
          // the load): to compare with the CPU column.
          const budget = (os.cpus().length * 1000) / (0.5 * med(row.anchor ?? []));
          if (u !== 'node pg') row.notes += `; 0.5× leaves ${budget.toFixed(2)} ms CPU/op`;
        } else if (u !== 'node pg') {
          // One client keeps this much of the machine busy (product + PostgreSQL): 16 clients cannot make
          // more than the cores over it times its rate (the 3× target).
          const cpu = row.product.flatMap((x) => (x.cpu ? [x.cpu.appMs + x.cpu.dbMs] : []));
          const busy = (med(row.product) * median(cpu)) / 1000;
          const most = os.cpus().length / busy;
          if (cpu.length) row.notes = `keeps ${busy.toFixed(2)} cores busy: 16 clients ≤ ${most.toFixed(1)}×`;
        }
        out.push(row);
      }
    out.push({ ...mixed, notes: `${mixed.notes}; money deadlocks ${moneyDeadlocks}` });
    out.push({
      measure: 'ledger check after the run',
      product: [],
      notes: tb.ok
        ? `OK: ${tb.entries} entries, postings sum 0, no negative account, no drift`
        : `VIOLATION sum=${tb.sum} negative=${tb.negativeAccounts.length} ` +
          `drift=${tb.driftingAccounts.length}`,
    });
    return out;
  } finally {
    product?.close();
    for (const s of servers) await s.stop();
    await handle.close();
    await pgb.close();
    // BENCH_KEEP=1 keeps the database for EXPLAIN ANALYZE on the bench data; drop it by hand afterwards.
    if (process.env.BENCH_KEEP === '1') opts.log(`kept database ${database.url}`);
    else await dropDatabase(database.name);
  }
}

/**
 * 16 clients doing everything at once on the same eight sellers: journeys (order, card payment with
 * Idempotency-Key, delivery, acceptance), refund requests approved by support, withdrawals, payouts
 * approved and marked paid by finance, staff refunds of completed orders, and the scheduler clearing
 * earnings. Counts 5xx answers, deadlocks (pg_stat_database) and failed jobs.
 */
async function mixedLoad(
  w: World,
  c: Client,
  setup: AppContext,
  sched: AppContext,
  dbName: string,
  seconds: number,
  opts: BenchOptions,
): Promise<Row> {
  opts.log(`mixed load: ${seconds} s`);
  const sellers = w.sellers.slice(0, 8);
  const completed: PlacedOrder[] = [];
  const withdrawals: number[] = [];
  const statuses: Record<string, number> = {};
  let ops = 0;
  let seq = 0;
  const latencies: number[] = [];
  const send = async (call: Call, expect: (s: number) => boolean = (s) => s < 300) => {
    const t0 = performance.now();
    const a = await c.send(call);
    latencies.push(performance.now() - t0);
    ops++;
    if (!expect(a.status)) statuses[String(a.status)] = (statuses[String(a.status)] ?? 0) + 1;
    return a;
  };
  const place = async (): Promise<PlacedOrder | null> => {
    const i = seq++;
    const buyer = w.buyers[i % w.buyers.length]!;
    const seller = sellers[i % sellers.length]!;
    const a = await send({
      method: 'POST',
      path: `/api/v1/services/${w.services.get(seller.id)}/orders`,
      headers: buyer.auth,
    });
    if (a.status !== 201) return null;
    const m = await setup.db
      .selectFrom('milestones')
      .select('id')
      .where('order_id', '=', a.body.id)
      .executeTakeFirstOrThrow();
    return { orderId: a.body.id, milestoneId: m.id, buyer, seller };
  };
  const scenarios: (() => Promise<void>)[] = [
    async () => {
      const o = await place();
      if (!o || (await send(pay(o))).status !== 200) return;
      if ((await send(deliver(o))).status !== 201) return;
      if ((await send(accept(o))).status === 200) completed.push(o);
    },
    async () => {
      const o = await place();
      if (!o || (await send(pay(o))).status !== 200) return;
      const r = await send(askRefund(o));
      if (r.status === 201) await send(approveRefund(w, r.body.id));
    },
    async () => {
      const a = await send(withdraw(sellers[seq++ % sellers.length]!));
      if (a.status === 201) withdrawals.push(a.body.id);
    },
    async () => {
      const id = withdrawals.shift();
      if (!id) return;
      const ok = await send({
        method: 'POST',
        path: `/api/admin/withdrawals/${id}/approve`,
        headers: w.finance.auth,
      });
      if (ok.status !== 200) return;
      await send({
        method: 'POST',
        path: `/api/admin/withdrawals/${id}/mark-paid`,
        headers: w.finance.auth,
        body: { reference: `BENCH-${id}` },
      });
    },
    async () => {
      const o = completed.shift();
      if (!o) return;
      await send({
        method: 'POST',
        path: `/api/admin/orders/${o.orderId}/refund`,
        headers: w.support.auth,
        body: { amount: 10_000, destination: 'credit', reason: 'Goodwill refund by the benchmark' },
      });
    },
  ];
  const jobsBefore = await failedJobs(sched);
  const dlBefore = await deadlocks(dbName);
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let jobs = 0;
  await Promise.all([
    ...Array.from({ length: 16 }, async (_, k) => {
      for (let i = k; performance.now() < deadline; i++) await scenarios[i % scenarios.length]!();
    }),
    ...Array.from({ length: 2 }, async () => {
      while (performance.now() < deadline) {
        if (await sched.scheduler.runOneJob()) jobs++;
        else await new Promise((r) => setTimeout(r, 50));
      }
    }),
  ]);
  const elapsed = (performance.now() - start) / 1000;
  const dl = (await deadlocks(dbName)) - dlBefore;
  const failed = (await failedJobs(sched)) - jobsBefore;
  const fivexx = Object.entries(statuses)
    .filter(([s]) => Number(s) >= 500)
    .reduce((a, [, n]) => a + n, 0);
  const other = Object.entries(statuses)
    .filter(([s]) => Number(s) < 500)
    .map(([s, n]) => `${n}×${s}`)
    .join(' ');
  return {
    measure: `mixed load ${seconds} s (16 clients + 2 schedulers)`,
    product: [
      {
        rate: (ops + jobs) / elapsed,
        p99Ms: percentile(latencies, 99),
        errors: fivexx + dl + failed,
      },
    ],
    notes:
      `deadlocks ${dl}, 5xx ${fivexx}, failed jobs ${failed}, jobs run ` +
      `${jobs}${other ? `, other ${other}` : ''}`,
  };
}
