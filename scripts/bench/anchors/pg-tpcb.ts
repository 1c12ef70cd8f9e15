import { performance } from 'node:perf_hooks';
import pg from 'pg';

/**
 * Reference for the money rows: pgbench's own tpcb-like transaction (scale 1) sent from Node by `pg`, as the
 * product sends its statements (prepared, one connection per client), on pgbench's database (DATABASE_URL),
 * by CLIENTS clients for SECONDS. Prints `{ rate, p99Ms, errors }`. Against `pgbench -c` it shows what
 * Node's PostgreSQL client costs: about nothing at this rate (measured ~1×), so the distance of a money row
 * from its anchor is the product's own statements and work, not the driver.
 */
const clients = Number(process.env.CLIENTS);
const seconds = Number(process.env.SECONDS);
const rand = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
const statement = (name: string, text: string) => (values: unknown[]) => ({ name, text, values });
const updateAccount = statement('a', 'UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2');
const readAccount = statement('b', 'SELECT abalance FROM pgbench_accounts WHERE aid = $1');
const updateTeller = statement('c', 'UPDATE pgbench_tellers SET tbalance = tbalance + $1 WHERE tid = $2');
const updateBranch = statement('d', 'UPDATE pgbench_branches SET bbalance = bbalance + $1 WHERE bid = $2');
const history = statement(
  'e',
  'INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)',
);

const latencies: number[] = [];
let errors = 0;
const start = performance.now();
const until = start + seconds * 1000;
await Promise.all(
  Array.from({ length: clients }, async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    while (performance.now() < until) {
      const [aid, tid, bid, delta] = [rand(1, 100_000), rand(1, 10), 1, rand(-5000, 5000)];
      const t0 = performance.now();
      try {
        await c.query('BEGIN');
        await c.query(updateAccount([delta, aid]));
        await c.query(readAccount([aid]));
        await c.query(updateTeller([delta, tid]));
        await c.query(updateBranch([delta, bid]));
        await c.query(history([tid, bid, aid, delta]));
        await c.query('COMMIT');
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
        await c.query('ROLLBACK').catch(() => undefined);
      }
    }
    await c.end();
  }),
);
latencies.sort((a, b) => a - b);
const rate = latencies.length / ((performance.now() - start) / 1000);
const p99Ms = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0;
console.log(JSON.stringify({ rate, p99Ms, errors }));
