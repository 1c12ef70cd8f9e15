import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDatabase, dropDatabase, SERVER_URL } from './db.js';
import { BENCH_DIR } from './proc.js';
import { percentile, type Sample } from './stats.js';

const run = promisify(execFile);

/**
 * Anchor for writes: `pgbench -b tpcb-like` (scale 1, the default) on the same server, in a database of its
 * own made by `init` and dropped by `close`.
 */
export async function pgbenchDatabase() {
  const db = await createDatabase('pgbench');
  const conn = [
    '-h',
    new URL(SERVER_URL).hostname,
    '-p',
    new URL(SERVER_URL).port || '5432',
    '-U',
    'postgres',
  ];
  await run('pgbench', [...conn, '-i', '-q', db.name], { maxBuffer: 1 << 22 });
  return {
    name: db.name,
    async run(clients: number, seconds: number): Promise<Sample> {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pasar-pgbench-'));
      try {
        const { stdout } = await run(
          'pgbench',
          [
            ...conn,
            '-n',
            '-b',
            'tpcb-like',
            `-c${clients}`,
            `-j${Math.min(clients, 2)}`,
            `-T${seconds}`,
            '-l',
            `--log-prefix=${path.join(dir, 'tx')}`,
            db.name,
          ],
          { maxBuffer: 1 << 22, cwd: dir },
        );
        const rate = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? NaN);
        const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
        // Per-transaction log lines: client, transaction, latency in µs, script, epoch, µs.
        const latencies: number[] = [];
        for (const f of readdirSync(dir))
          for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
            const us = Number(line.split(' ')[2]);
            if (Number.isFinite(us) && line) latencies.push(us / 1000);
          }
        return { rate, p99Ms: percentile(latencies, 99), errors: failed };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    /** The same transaction sent from Node by `pg` (anchors/pg-tpcb.ts): a reference row. */
    async runFromNode(clients: number, seconds: number): Promise<Sample> {
      const entry = path.join(BENCH_DIR, 'anchors/pg-tpcb.ts');
      const { stdout } = await run(process.execPath, ['--import', 'tsx', entry], {
        env: { ...process.env, DATABASE_URL: db.url, CLIENTS: String(clients), SECONDS: String(seconds) },
      });
      return JSON.parse(stdout) as Sample;
    },
    close: () => dropDatabase(db.name),
  };
}
