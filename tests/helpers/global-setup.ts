import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrateToLatest } from '../../db/migrate.js';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from '../../db/pglite-dialect.js';
import { pgliteExtensions } from '../../db/connect.js';
import { adminUrl, databaseUrl, hostTag, runPrefix } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of the migrated template database on the real server, or '' on PGlite. */
    templateDatabase: string;
    /** Path of a gzipped PGlite data directory, migrated to the latest schema ('' on the real server). */
    pgliteDump: string;
  }
}

/**
 * Migrate once, copy per file. With TEST_DATABASE_URL: migrate into a template database;
 * every test file then gets its own `CREATE DATABASE … TEMPLATE` copy
 * (tests/helpers/databases.ts), dropped after the file. Without it: migrate one in-memory
 * PGlite and dump its data directory to a file; every test file starts its own in-memory
 * PGlite from that dump (`loadDataDir`), which skips initdb and the migrations.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    project.provide('templateDatabase', '');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pasar-pglite-'));
    const file = path.join(dir, 'migrated.tar.gz');
    const pglite = new PGlite({ extensions: pgliteExtensions });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely
    const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) });
    await migrateToLatest(db);
    const dump = await pglite.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.destroy();
    project.provide('pgliteDump', file);
    return () => rmSync(dir, { recursive: true, force: true });
  }
  project.provide('pgliteDump', '');
  const template = `${runPrefix('template')}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  await dropLeftovers(admin);
  await admin.query(`CREATE DATABASE ${template}`);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely
  const db = new Kysely<any>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: databaseUrl(url, template), max: 1 }),
    }),
  });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('templateDatabase', template);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  };
}

/**
 * Databases of earlier runs on this machine whose process is gone: a run killed mid-file (a mutation run's
 * worker stopped on a timeout, a Ctrl-C) cannot drop its own. Names carry this machine and the run's process
 * (`runPrefix`); another machine's databases on a shared server, and a live run's, are left alone.
 */
async function dropLeftovers(admin: pg.Client) {
  const mine = new RegExp(`^pasar_(?:test|template)_${hostTag()}_(\\d+)_`);
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'pasar\\_%'`,
  );
  for (const { datname } of rows) {
    const pid = Number(mine.exec(datname)?.[1]);
    if (pid && !alive(pid)) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
