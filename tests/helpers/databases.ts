import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { connect, type DbHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';

/** Six hex digits of this machine's name: database names say which machine made them. */
export const hostTag = () => createHash('sha256').update(os.hostname()).digest('hex').slice(0, 6);

/**
 * `pasar_<kind>_<machine>_<process>`: the start of the name of each database a test run makes, so the next
 * run can drop what a killed one left (tests/helpers/global-setup.ts). The process is the one that runs
 * global-setup; the test files' databases name it too (parsed back from the template's name).
 */
export const runPrefix = (kind: 'test' | 'template', pid = process.pid) =>
  `pasar_${kind}_${hostTag()}_${pid}`;

/** The same server URL pointed at another database. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The maintenance database of the server, for CREATE / DROP DATABASE. */
export function adminUrl(url: string): string {
  return databaseUrl(url, 'postgres');
}

export interface TestDatabase {
  handle: DbHandle;
  kind: 'pglite' | 'postgres';
  /** Connection string of the per-file database (real server only). */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: on the real server a copy of the
 * template made by global-setup, dropped afterwards; otherwise an in-memory PGlite
 * loaded from the migrated dump global-setup wrote (or migrated here, without one).
 */
export async function freshDatabase(template: string, pgliteDump = ''): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl || !template) {
    if (pgliteDump) {
      const handle = await connect({
        loadDataDir: new Blob([readFileSync(pgliteDump)], { type: 'application/x-gzip' }),
      });
      return { handle, kind: 'pglite', drop: () => handle.close() };
    }
    const handle = await connect({});
    await migrateToLatest(handle.db);
    return { handle, kind: 'pglite', drop: () => handle.close() };
  }
  const runPid = Number(/^pasar_template_[0-9a-f]+_(\d+)_/.exec(template)?.[1] ?? process.pid);
  const name = `${runPrefix('test', runPid)}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(serverUrl) });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(serverUrl, name);
  const handle = await connect({ databaseUrl: url, poolSize: 25 });
  return {
    handle,
    kind: 'postgres',
    url,
    async drop() {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl(serverUrl) });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
