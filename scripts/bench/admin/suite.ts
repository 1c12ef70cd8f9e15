import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { connect } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { TestClock } from '../../../server/time/clock.js';
import { createStaff } from '../../../server/modules/staff/service.js';
import { systemActor } from '../../../server/modules/audit/audit.js';
import type { BenchOptions } from '../index.js';
import { createDatabase, databaseUrl, dropDatabase } from '../lib/db.js';
import { client, type Client } from '../lib/http.js';
import { enrolSecondFactor, staffLogin } from '../core/fixtures.js';
import { startServer, type Server } from '../lib/proc.js';
import type { Row } from '../lib/report.js';
import { percentile } from '../lib/stats.js';
import { makeVolume, volume } from './volume.js';
import { startPlanLog, stopPlanLog, type PlanLog } from './plans.js';

/**
 * `npm run bench -- admin` (issue #15): every admin list page the console uses, at marketplace volume,
 * with the console's default sort and filters, every sort the endpoint offers (discovered from its own
 * 400 answer, so a new sort is measured without touching this file) and its search. Sequential requests
 * of one staff session; p50 and p95 per variant against the target of 30 ms at p95.
 */
const TARGET_P95_MS = 30;
const PASSWORD = 'Kuat-Sekali-Pasar-2026';

interface Page {
  path: string;
  /** The console's own first request: its default sort and filter. */
  sort: [string, 'ASC' | 'DESC'];
  filter?: Record<string, unknown>;
  /** Searches a staff member types: a name, an email, an id. */
  searches?: string[];
}

const PEOPLE = ['Person 4242', 'user4242@volume.test', 'user4242'];
const PAGES: Page[] = [
  { path: 'support-cases', sort: ['slaDueAt', 'ASC'], filter: { status: 'open' }, searches: PEOPLE },
  { path: 'refund-requests', sort: ['slaDueAt', 'ASC'], filter: { status: 'open' }, searches: PEOPLE },
  { path: 'escalations', sort: ['slaDueAt', 'ASC'], filter: { status: 'open' }, searches: PEOPLE },
  { path: 'disputes', sort: ['priority', 'ASC'], searches: PEOPLE },
  {
    path: 'withdrawals',
    sort: ['slaDueAt', 'ASC'],
    filter: { open: true },
    searches: [...PEOPLE, 'TRF0000052001'],
  },
  { path: 'held-funds', sort: ['releasableAt', 'ASC'] },
  { path: 'orders', sort: ['id', 'DESC'], searches: ['logo work number 424242', '424242', ...PEOPLE] },
  { path: 'users', sort: ['id', 'DESC'], searches: PEOPLE },
  { path: 'seller-applications', sort: ['slaDueAt', 'ASC'], filter: { status: 'submitted' } },
  { path: 'identity-checks', sort: ['slaDueAt', 'ASC'], filter: { status: 'submitted' } },
  { path: 'reports', sort: ['slaDueAt', 'ASC'], filter: { status: 'open' } },
  { path: 'suspensions', sort: ['suspendedUntil', 'ASC'] },
  { path: 'reviews', sort: ['id', 'DESC'] },
  { path: 'ledger-entries', sort: ['id', 'DESC'] },
  { path: 'accounts', sort: ['code', 'ASC'] },
  { path: 'audit-log', sort: ['id', 'DESC'] },
  { path: 'outbox', sort: ['id', 'DESC'] },
  { path: 'payout-batches', sort: ['id', 'DESC'] },
  { path: 'staff', sort: ['name', 'ASC'] },
];

const qs = (sort: [string, string], filter: Record<string, unknown> | undefined) =>
  `?sort=${encodeURIComponent(JSON.stringify(sort))}&range=${encodeURIComponent('[0,24]')}` +
  (filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : '');

/** The sorts and filters an endpoint allows, read from the 400 answer to one it does not. */
async function allowed(c: Client, auth: Record<string, string>, page: Page, what: 'sort' | 'filter') {
  const probe =
    what === 'sort' ? qs(['__bench__', 'ASC'], page.filter) : qs(page.sort, { ...page.filter, __bench__: 1 });
  const a = await c.send({ method: 'GET', path: `/api/admin/${page.path}${probe}`, headers: auth });
  const text = JSON.stringify(a.body);
  const m = /allowed: ([a-zA-Z, ]+)/.exec(text);
  return m ? m[1]!.split(',').map((s) => s.trim()) : [];
}

async function measure(c: Client, auth: Record<string, string>, url: string, n: number) {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const a = await c.send({ method: 'GET', path: url, headers: auth });
    times.push(performance.now() - t);
    if (a.status !== 200) errors++;
    if (a.status !== 200 && errors === 1)
      console.error(`[bench admin] ${url} → ${a.status} ${JSON.stringify(a.body)}`);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), errors };
}

export async function runAdmin(opts: BenchOptions): Promise<Row[]> {
  // BENCH_ADMIN_DATABASE names a database an earlier run kept (BENCH_KEEP=1): migrated again, not refilled
  // (a full-volume one: --quick then only takes fewer requests per variant).
  const kept = process.env.BENCH_ADMIN_DATABASE;
  const v = volume(opts.quick && !kept);
  const n = opts.quick ? 30 : 200;
  const database = kept ? { name: kept, url: databaseUrl(kept) } : await createDatabase('admin');
  const servers: Server[] = [];
  const rows: Row[] = [];
  let plans: PlanLog | null = null;
  try {
    const handle = await connect({ databaseUrl: database.url, poolSize: 4 });
    await migrateToLatest(handle.db);
    const clock = new TestClock();
    if (!kept)
      await createStaff(handle.db, clock, {
        actor: systemActor,
        input: { email: 'admin@bench.test', name: 'Rina Wulandari', role: 'admin', password: PASSWORD },
      });
    // OPS-7: the admin signs in with a second factor (a kept database from before it may lack one).
    const admin = await handle.db
      .selectFrom('staff')
      .select('id')
      .where('email', '=', 'admin@bench.test')
      .executeTakeFirstOrThrow();
    await enrolSecondFactor(handle.db, admin.id, clock.now());
    await sql`analyze`.execute(handle.db);
    const planFile = process.env.BENCH_ADMIN_PLANS;
    plans = planFile ? await startPlanLog(handle.db, database.name, planFile) : null;
    await handle.close();
    if (!kept) await makeVolume(database.url, v, (m) => opts.log(m));
    const server = await startServer('product', 'product.ts', {
      NODE_ENV: 'development',
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      PASAR_DEMO: '0',
      PASAR_SCHEDULER_INTERVAL: '0',
      PASAR_UPLOAD_DIR: mkdtempSync(path.join(os.tmpdir(), 'pasar-bench-uploads-')),
    });
    servers.push(server);
    const c = client(server.url, 1);
    const { auth } = await staffLogin(c, 'admin@bench.test', PASSWORD);
    const scale = `${v.orders / 1000}k orders, ${v.users / 1000}k users, ${(2 * v.entries) / 1e6}M postings`;
    opts.log(`admin: ${n} sequential requests per variant at ${scale}`);
    for (const page of PAGES) {
      const sorts = await allowed(c, auth, page, 'sort');
      const filterNames = await allowed(c, auth, page, 'filter');
      const variants: [string, string][] = [['default', qs(page.sort, page.filter)]];
      for (const s of sorts)
        for (const dir of ['ASC', 'DESC'] as const)
          if (!(s === page.sort[0] && dir === page.sort[1]))
            variants.push([`sort ${s} ${dir}`, qs([s, dir], page.filter)]);
      if (filterNames.includes('q'))
        for (const q of page.searches ?? PEOPLE)
          variants.push([`q "${q}"`, qs(page.sort, { ...page.filter, q })]);
      for (const [name, query] of variants) {
        const url = `/api/admin/${page.path}${query}`;
        await measure(c, auth, url, 3); // warm the plan and the cache
        const r = await measure(c, auth, url, n);
        const ok = r.p95 <= TARGET_P95_MS && r.errors === 0;
        rows.push({
          measure: `admin ${page.path}: ${name}`,
          product: [{ rate: 1000 / r.p50, p99Ms: r.p99, errors: r.errors }],
          notes:
            `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms (target ≤ ` +
            `${TARGET_P95_MS}) ${ok ? 'met' : 'NOT MET'}`,
        });
        opts.log(rows.at(-1)!.measure + ' ' + rows.at(-1)!.notes!);
        if (plans) {
          const from = plans.mark();
          await measure(c, auth, url, 1);
          await plans.record(`${rows.at(-1)!.measure} (${rows.at(-1)!.notes!})`, from);
        }
      }
    }
    c.close();
  } finally {
    for (const s of servers) await s.stop();
    if (plans) {
      const handle = await connect({ databaseUrl: database.url, poolSize: 1 });
      await stopPlanLog(handle.db, database.name);
      await handle.close();
    }
    if (process.env.BENCH_KEEP === '1') opts.log(`kept database ${database.name}`);
    else await dropDatabase(database.name);
  }
  return rows;
}
