import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrateToLatest } from '../../db/migrate.js';
import { adminUrl, databaseUrl } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of the migrated template database on the real server, or '' on PGlite. */
    templateDatabase: string;
  }
}

/**
 * With TEST_DATABASE_URL: migrate once into a template database; every test file then
 * gets its own `CREATE DATABASE … TEMPLATE` copy (tests/helpers/databases.ts), dropped
 * after the file. Without it, every file runs on its own in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    project.provide('templateDatabase', '');
    return;
  }
  const template = `pasar_template_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
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
