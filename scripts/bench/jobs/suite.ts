import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { connect } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import type { BenchOptions } from '../index.js';
import { createDatabase, dropDatabase } from '../lib/db.js';
import { pgbenchDatabase } from '../lib/pgbench.js';
import { startWorker } from '../lib/proc.js';
import type { Row } from '../lib/report.js';
import { median } from '../lib/stats.js';

/**
 * `npm run bench -- jobs` (issue #15): due clearances (CLR-1, the commonest job: a ledger entry moving a
 * seller's earnings from pending to available, with its order event) run by two scheduler workers, each
 * its own process on the product's Scheduler. Measured from the commit that makes them due to the last
 * one done; checked afterwards: every job done once (one clearance entry per job, by its unique
 * reference) and the ledger's postings still sum to zero.
 */
const TARGET_JOBS_PER_SECOND = 2000;

function sizes(quick: boolean) {
  return quick
    ? { sellers: 500, jobs: 4000, rounds: 1, pgbenchSeconds: 2 }
    : { sellers: 2000, jobs: 20_000, rounds: 3, pgbenchSeconds: 5 };
}

async function setup(url: string, sellers: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`
      insert into users (name, email, username, password_hash, status, is_seller, created_at, activated_at)
      select 'Seller ' || i, 'seller' || i || '@jobs.test', 'seller' || i, 'x', 'active', i > 1, now(), now()
      from generate_series(1, ${sellers + 1}) as i;
      insert into orders (buyer_id, seller_id, title, status, total, revisions_included, commission_bp,
                          created_at, updated_at)
      select 1, u.id, 'Order of ' || u.name, 'completed', 100000000, 1, 2000, now(), now()
      from users u where u.is_seller;
      insert into ledger_accounts (code, kind, user_id, balance, may_go_negative, created_at)
      values ('platform:gateway', 'gateway', null, 0, true, now()) on conflict (code) do nothing;
      insert into ledger_accounts (code, kind, user_id, balance, created_at)
      select 'user:' || u.id || ':' || k, k, u.id, case k when 'pending' then 100000000 else 0 end, now()
      from users u, unnest(array['pending', 'available']) as k where u.is_seller;
      -- The pending money came in through the gateway: one opening entry per seller keeps the books whole.
      with e as (
        insert into journal_entries (kind, memo, at, user_id, reference)
        select 'payment', 'Opening balance for the jobs benchmark', now(), u.id, 'bench-opening:' || u.id
        from users u where u.is_seller
        returning id, user_id)
      insert into postings (entry_id, account_id, amount)
      select e.id, a.id, case a.kind when 'gateway' then -100000000 else 100000000 end
      from e join ledger_accounts a
        on (a.user_id = e.user_id and a.kind = 'pending') or a.code = 'platform:gateway';
    `);
  } finally {
    await c.end();
  }
}

async function dueJobs(url: string, round: number, n: number, sellers: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `insert into scheduled_jobs (kind, run_at, payload, created_at)
       select 'ledger.clear-earnings', now() - interval '1 minute',
              jsonb_build_object('ref', 'bench-${round}-' || i, 'orderId', o.id, 'sellerId', o.seller_id,
                                 'amount', 1000),
              now()
       from generate_series(1, $1::int) as i
       join orders o on o.id = 1 + i % $2::int`,
      [n, sellers],
    );
  } finally {
    await c.end();
  }
}

export async function runJobs(opts: BenchOptions): Promise<Row[]> {
  const size = sizes(opts.quick);
  const database = await createDatabase('jobs');
  // The anchor: what this PostgreSQL commits per second for two clients of small write transactions.
  const pgb = await pgbenchDatabase();
  const anchor: Awaited<ReturnType<typeof pgb.run>>[] = [];
  const workers: ChildProcess[] = [];
  const c = new pg.Client({ connectionString: database.url });
  try {
    const handle = await connect({ databaseUrl: database.url, poolSize: 2 });
    await migrateToLatest(handle.db);
    await handle.close();
    await setup(database.url, size.sellers);
    await c.connect();
    workers.push(await startWorker(database.url), await startWorker(database.url));
    const samples: { rate: number; p99Ms: number; errors: number }[] = [];
    for (let round = 1; round <= size.rounds; round++) {
      anchor.push(await pgb.run(2, size.pgbenchSeconds));
      opts.log(`jobs: round ${round}, ${size.jobs} due clearances, two workers`);
      const started = performance.now();
      await dueJobs(database.url, round, size.jobs, size.sellers);
      for (;;) {
        const r = await c.query<{ n: number }>(
          `select count(*)::int as n from scheduled_jobs where status = 'pending'`,
        );
        if (r.rows[0]!.n === 0) break;
        await new Promise((res) => setTimeout(res, 25));
      }
      const seconds = (performance.now() - started) / 1000;
      const check = await c.query<{ entries: number; failed: number; sum: string }>(
        `select (select count(*)::int from journal_entries
                 where reference like 'clearance:bench-${round}-%') as entries,
                (select count(*)::int from scheduled_jobs where status = 'failed') as failed,
                (select coalesce(sum(amount), 0) from postings) as sum`,
      );
      const { entries, failed, sum } = check.rows[0]!;
      const errors = Math.abs(entries - size.jobs) + failed + (Number(sum) === 0 ? 0 : 1);
      samples.push({ rate: size.jobs / seconds, p99Ms: NaN, errors });
      opts.log(
        `jobs: ${(size.jobs / seconds).toFixed(0)} jobs/s; ${entries} entries for ${size.jobs} jobs,` +
          ` ${failed} failed, postings sum ${sum}`,
      );
    }
    const rate = median(samples.map((s) => s.rate));
    return [
      {
        measure: `jobs: due clearances, 2 workers (${size.jobs} per round)`,
        product: samples,
        anchorName: 'pgbench tpcb-like, 2 clients',
        anchor,
        notes:
          `target ≥ ${TARGET_JOBS_PER_SECOND}/s ${rate >= TARGET_JOBS_PER_SECOND ? 'met' : 'NOT MET'};` +
          ` each job once, books balanced: ${samples.every((s) => s.errors === 0) ? 'yes' : 'NO'}`,
      },
    ];
  } finally {
    for (const w of workers) {
      w.removeAllListeners('exit');
      w.kill('SIGTERM');
    }
    await c.end().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    await dropDatabase(database.name);
    await pgb.close();
  }
}
