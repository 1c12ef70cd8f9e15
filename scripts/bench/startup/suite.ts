import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchOptions } from '../index.js';
import { createDatabase, dropDatabase } from '../lib/db.js';
import { freePort, healthy } from '../lib/proc.js';
import type { Row } from '../lib/report.js';

/**
 * `npm run bench -- startup` (issue #15): `npm start` as a user runs it (scripts/launch.mjs: the bundled
 * server,
 * demo data on), from spawn to the first 200 on /api/health, and its resident memory 3 s later. Cold: a
 * new PGlite folder (migrate and seed); warm: the same folder again. PostgreSQL: a new database, then
 * again. The console must be built (`npm run build`) so that no start builds it. A start before them, not
 * measured, bundles the server when a source changed. Each row also gives the CPU time the process used to
 * health, which the machine's load disturbs less than the clock.
 */
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const TARGETS = { pgWarmS: 2, pgliteWarmS: 3, pgliteColdS: 8, pgRssMb: 250 };

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** CPU seconds (user and system) the process has used: what a start costs whatever else runs. */
const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

/** Starts the product, waits for health, reads its CPU time and memory, stops it. */
async function startOnce(
  env: Record<string, string>,
): Promise<{ seconds: number; cpu: number; rss: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/launch.mjs', 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      if (await healthy(port)) break;
      if (performance.now() - started > 120_000) throw new Error('no health after 120 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(child.pid!);
    await new Promise((r) => setTimeout(r, 3000));
    return { seconds, cpu, rss: rssMb(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

const row = (
  measure: string,
  r: { seconds: number; cpu: number; rss: number },
  target: number,
  rssTarget?: number,
): Row => ({
  measure,
  product: [{ rate: 1 / r.seconds, p99Ms: NaN, errors: 0 }],
  notes:
    `${r.seconds.toFixed(2)} s (target ≤ ${target} s) ${r.seconds <= target ? 'met' : 'NOT MET'}; ` +
    `CPU ${r.cpu.toFixed(1)} s; ` +
    `RSS ${r.rss.toFixed(0)} MB` +
    (rssTarget ? ` (target ≤ ${rssTarget} MB) ${r.rss <= rssTarget ? 'met' : 'NOT MET'}` : ''),
});

export async function runStartup(opts: BenchOptions): Promise<Row[]> {
  if (!existsSync(path.join(ROOT, 'console/dist/index.html')))
    throw new Error('startup: build the console first (npm run build)');
  const rows: Row[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pasar-bench-startup-'));
  const database = await createDatabase('startup');
  try {
    // Not measured: a start on a folder of its own, so that the measured ones find the server bundled
    // (scripts/launch.mjs rebuilds it after a source changed) and the migrated PGlite folder made (npm run
    // build makes it too), as a user's first start after `npm run build` and one earlier start would.
    opts.log('startup: warm-up start (bundle and migrated PGlite folder, not measured)');
    await startOnce({ PASAR_DATA_DIR: path.join(dir, 'warm-up'), PASAR_DEMO: '0' });
    const pglite = { PASAR_DATA_DIR: path.join(dir, 'data'), PASAR_DEMO: '1' };
    opts.log('startup: PGlite cold (new folder: migrate and seed)');
    rows.push(row('startup: PGlite cold, migrate + seed', await startOnce(pglite), TARGETS.pgliteColdS));
    opts.log('startup: PGlite warm');
    rows.push(row('startup: PGlite warm', await startOnce(pglite), TARGETS.pgliteWarmS));
    const pg = { DATABASE_URL: database.url, PASAR_DEMO: '1', PASAR_DATA_DIR: path.join(dir, 'data') };
    opts.log('startup: PostgreSQL first start (migrate and seed)');
    rows.push(row('startup: PostgreSQL first, migrate + seed', await startOnce(pg), TARGETS.pgWarmS));
    opts.log('startup: PostgreSQL warm');
    rows.push(row('startup: PostgreSQL warm', await startOnce(pg), TARGETS.pgWarmS, TARGETS.pgRssMb));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(database.name);
  }
  return rows;
}
