import { connect, type DbHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { ConfigError, loadConfig, type Config } from '../server/config.js';

/** Shared start-up of the scripts: configuration, database, migrations. */
export async function boot(
  options: { migrate?: boolean } = {},
): Promise<{ config: Config; handle: DbHandle; applied: string[] }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`pasar: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const handle = await connect({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    poolSize: config.dbPoolSize,
    prepare: config.dbPrepare,
  });
  const applied = options.migrate === false ? [] : await migrateToLatest(handle.db);
  return { config, handle, applied };
}

export function describeDatabase(config: Config): string {
  return config.databaseUrl
    ? `PostgreSQL at ${config.databaseUrl.replace(/:[^:@/]*@/, ':***@')}`
    : `embedded PostgreSQL (PGlite) in ${config.dataDir}`;
}
