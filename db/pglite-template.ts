import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import path from 'node:path';
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { checkoutRoot } from './checkout.js';
import { migrationNames, migrateToLatest } from './migrate.js';
import { PGliteDialect } from './pglite-dialect.js';

/**
 * A new PGlite data folder starts as a copy of a migrated one (issue #15): initdb inside WebAssembly and
 * every migration took most of a cold first start (17 of 27 s under load, 5 of it migrating). The migrated
 * folder is made once per set of migrations and PGlite version and kept in
 * node_modules/.cache/pasar/pglite-<key> (`npm run build` makes it; the first start that needs it
 * otherwise); a data folder copied from it then migrates only what is newer, as any other.
 */
const CACHE = path.join(checkoutRoot(), 'node_modules/.cache/pasar');

function pgliteVersion(): string {
  try {
    const file = path.join(checkoutRoot(), 'node_modules/@electric-sql/pglite/package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The cached migrated folder for these migrations and this PGlite, made when missing. */
export async function migratedTemplate(extensions: Extensions, startParams: string[]): Promise<string> {
  const key = createHash('sha256')
    .update(`${pgliteVersion()}\n${(await migrationNames()).join('\n')}`)
    .digest('hex')
    .slice(0, 16);
  const template = path.join(CACHE, `pglite-${key}`);
  if (existsSync(path.join(template, 'PG_VERSION'))) return template;
  mkdirSync(CACHE, { recursive: true });
  // Made in a folder of its own and moved into place with one rename: instances starting together each make
  // one, the first rename wins and the others use it.
  const tmp = mkdtempSync(path.join(CACHE, '.making-'));
  try {
    const pglite = new PGlite({ dataDir: tmp, extensions, startParams });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely
    const db = new Kysely<any>({ dialect: new PGliteDialect(pglite) });
    await migrateToLatest(db);
    await db.destroy();
    try {
      renameSync(tmp, template);
    } catch (error) {
      if (!existsSync(path.join(template, 'PG_VERSION'))) throw error;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  // Templates of older migrations go.
  for (const name of readdirSync(CACHE))
    if (/^pglite-[0-9a-f]{16}$/.test(name) && path.join(CACHE, name) !== template)
      rmSync(path.join(CACHE, name), { recursive: true, force: true });
  return template;
}

/** Fills a data folder with no cluster in it (a new one, or one holding only uploads) from the template. */
export async function startFromTemplate(
  dataDir: string,
  extensions: Extensions,
  startParams: string[],
): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  cpSync(await migratedTemplate(extensions, startParams), dataDir, { recursive: true });
}
