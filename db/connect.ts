import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGliteDialect } from './pglite-dialect.js';
import { startFromTemplate } from './pglite-template.js';
import { statementName } from './prepared.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DbConfig {
  /** postgres://… : a real server through `pg`. Absent: embedded PGlite. */
  databaseUrl?: string;
  /** PGlite data folder; absent (with no databaseUrl) means in memory. */
  dataDir?: string;
  /** An in-memory PGlite starts from this dump (`PGlite.dumpDataDir()`) instead of an empty cluster. */
  loadDataDir?: Blob;
  poolSize?: number;
  /**
   * Send hot statements as named prepared statements (`prepared.ts`); default on. Off for a connection
   * pooler in transaction mode that cannot keep them (PgBouncer before 1.21, or without
   * `max_prepared_statements`).
   */
  prepare?: boolean;
}

export interface DbHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

const INT8_OID = 20;

/** MNY-1: money is bigint in the database and a safe integer in JavaScript, never a float. */
export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`int8 value ${value} is outside the safe integer range`);
  return n;
}

pg.types.setTypeParser(INT8_OID, parseInt8);

/** The `pg` pool as Kysely sees it: the statements `prepared.ts` names are sent as prepared statements. */
function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      return {
        release: () => client.release(),
        query: ((text: unknown, values?: unknown[]) => {
          const name = typeof text === 'string' ? statementName(text, values?.length ?? 0) : undefined;
          return name
            ? client.query({ name, text: text as string, values })
            : client.query(text as string, values);
        }) as never,
      };
    },
  };
}

/**
 * Extensions the migrations create, bundled with PGlite and shipped with PostgreSQL's contrib: pg_trgm
 * indexes the admin lists' substring search.
 */
export const pgliteExtensions = { pg_trgm };

/**
 * PGlite's start parameters: its own, with 16 MB of shared buffers instead of the 128 MB its initdb writes
 * into postgresql.conf. The buffers live in the WebAssembly heap and are zeroed at start, so they were
 * resident from the first second: 16 MB took 110 MB off the process and a second off the start (issue #15;
 * the data of a development or demo database fits, and the operating system caches the files behind).
 */
export const pgliteStartParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

export async function connect(config: DbConfig): Promise<DbHandle> {
  await Promise.resolve();
  if (config.databaseUrl) {
    // JIT compilation pays off for long analytical queries, not for an OLTP product: on a list sorted by a
    // computed column it spent 330 of 340 ms compiling a plan that runs in 10 (issue #15). Parallel workers
    // likewise: starting them took 7-25 ms for an order search that reads 0.3 ms of index alone, and no other
    // query of the admin lists at a million orders was planned in parallel. This holds for every query of
    // the pool, the scheduler's and the reports' too: they read by index; a long report would run serially.
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: config.poolSize ?? 10,
      options: '-c jit=off -c max_parallel_workers_per_gather=0',
    });
    // An idle connection the server closed (restart, admin shutdown) is dropped from the pool;
    // without a listener Node would treat it as an uncaught error. Queries in flight still fail loudly.
    pool.on('error', (err) => console.warn(`pasar: idle database connection closed: ${err.message}`));
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: config.prepare === false ? pool : preparingPool(pool) }),
    });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (config.dataDir) {
    mkdirSync(config.dataDir, { recursive: true });
    // A new folder: a copy of the migrated template instead of initdb and every migration.
    if (!config.loadDataDir) await startFromTemplate(config.dataDir, pgliteExtensions, pgliteStartParams);
  }
  // One options object: `new PGlite(undefined, options)` ignores its options.
  const pglite = new PGlite({
    extensions: pgliteExtensions,
    startParams: pgliteStartParams,
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
    parsers: { [INT8_OID]: parseInt8 },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}
