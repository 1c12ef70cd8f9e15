import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server the benchmark runs on (BENCH_DATABASE_URL, default the local trust-auth one). */
export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: databaseUrl('postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Every database the run makes is named pasar_bench_*, created here and dropped by `drop`. */
export async function createDatabase(purpose: string): Promise<{ name: string; url: string }> {
  const name = `pasar_bench_${purpose}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Deadlocks PostgreSQL detected in one database since its statistics began. */
export async function deadlocks(name: string): Promise<number> {
  return admin(async (c) => {
    // The statistics collector reports with a delay; ask for a fresh snapshot.
    await c.query('select pg_stat_clear_snapshot()');
    const r = await c.query<{ deadlocks: string }>(
      'select deadlocks from pg_stat_database where datname = $1',
      [name],
    );
    return Number(r.rows[0]?.deadlocks ?? 0);
  });
}
