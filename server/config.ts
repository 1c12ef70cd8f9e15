import path from 'node:path';

export interface Config {
  port: number;
  env: 'production' | 'development' | 'test';
  databaseUrl?: string;
  /** Connections in the pool to PostgreSQL (PASAR_DB_POOL); ignored on PGlite. */
  dbPoolSize: number;
  dataDir: string;
  sessionSecret: string;
  testClock: boolean;
  timezone: string;
  demo: boolean;
  demoPassword: string;
  /** Seconds between scheduler ticks inside the web process; 0 disables the in-process scheduler. */
  schedulerIntervalSeconds: number;
  logLevel: string;
  /** Base URL of links in emails (activation). */
  publicUrl: string;
  /** Folder of uploaded evidence files. */
  uploadDir: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const testClock = env.PASAR_TEST_CLOCK === '1';
  if (testClock && nodeEnv === 'production') {
    throw new ConfigError(
      'PASAR_TEST_CLOCK=1 is refused when NODE_ENV=production: a movable clock must never run in production',
    );
  }
  if (nodeEnv === 'production' && !env.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET is required when NODE_ENV=production');
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, got ${env.PORT}`);
  const dbPoolSize = Number(env.PASAR_DB_POOL || 20);
  if (!Number.isInteger(dbPoolSize) || dbPoolSize < 1 || dbPoolSize > 1000)
    throw new ConfigError(`PASAR_DB_POOL must be a number of connections (1-1000), got ${env.PASAR_DB_POOL}`);
  const timezone = env.PASAR_TIMEZONE || 'Asia/Jakarta';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new ConfigError(`PASAR_TIMEZONE ${timezone} is not a known IANA time zone`);
  }
  return {
    port,
    env: nodeEnv,
    databaseUrl: env.DATABASE_URL || undefined,
    dbPoolSize,
    dataDir: path.resolve(env.PASAR_DATA_DIR || '.data'),
    sessionSecret: env.SESSION_SECRET || 'pasar-development-secret-not-for-production',
    testClock,
    timezone,
    demo: env.PASAR_DEMO !== '0',
    demoPassword: env.PASAR_DEMO_PASSWORD || 'PasarDemo1',
    schedulerIntervalSeconds: Number(env.PASAR_SCHEDULER_INTERVAL ?? 5),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    uploadDir: path.resolve(env.PASAR_UPLOAD_DIR || path.join(env.PASAR_DATA_DIR || '.data', 'uploads')),
    publicUrl: (env.PASAR_PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
  };
}
