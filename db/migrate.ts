import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The migrations this code has, in order, without their extension (`.ts` under tsx, `.js` bundled). */
export async function migrationNames(): Promise<string[]> {
  return (await readdir(migrationsDir))
    .filter((f) => /^\d{4}-.*\.(ts|js)$/.test(f))
    .sort()
    .map((f) => f.replace(/\.(ts|js)$/, ''));
}

/** Loads `db/migrations/*.ts` in name order (names start with an ISO timestamp). */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(migrationsDir)).filter((f) => /^\d{4}-.*\.(ts|js)$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.(ts|js)$/, '')] = (await import(
        pathToFileURL(path.join(migrationsDir, file)).href
      )) as Migration;
    }
    return migrations;
  }
}

/**
 * Applies the pending migrations. On PostgreSQL, Kysely's Migrator runs them in one transaction holding a
 * session advisory lock (`pg_advisory_lock`, PostgresAdapter.acquireMigrationLock): instances that start
 * together wait for the first, then find nothing left to apply (tests/adapters/instances.test.ts).
 */
// Migrations run on an untyped Kysely (frozen in time).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(
      `migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message ?? error}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations this code knows that the database has not applied (readiness: empty when current). */
// Migrations run on an untyped Kysely (frozen in time).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderMigrationProvider() });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
