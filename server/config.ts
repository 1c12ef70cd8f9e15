import path from 'node:path';
import { createHash } from 'node:crypto';
import type { InvoiceIssuer } from '../db/schema.js';
import { formatNpwp, normaliseNpwp } from './modules/invoices/rules.js';
import type { S3Settings } from './storage/s3.js';

export interface Config {
  port: number;
  env: 'production' | 'development' | 'test';
  databaseUrl?: string;
  /** Connections in the pool to PostgreSQL (PASAR_DB_POOL); ignored on PGlite. */
  dbPoolSize: number;
  /** PASAR_DB_PREPARE: named prepared statements for hot statements (`db/prepared.ts`); 0 for a pooler. */
  dbPrepare: boolean;
  /**
   * PASAR_READ_CACHE_MS (issue #14): how long this process trusts what it read of a user's row behind a
   * cached token and a public search answer, when no change made in this process says otherwise; it bounds
   * how late a change made by another process (or by SQL) is seen. 0 turns both caches off (the default
   * under NODE_ENV=test, whose tests change rows behind the API's back).
   */
  readCacheMs: number;
  dataDir: string;
  sessionSecret: string;
  /** Key sealing secrets kept in the database (staff TOTP secrets), from `PASAR_ENCRYPTION_KEY`. */
  encryptionKey: Buffer;
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
  /**
   * Express `trust proxy`: which hops may set the client address through X-Forwarded-For. Off unless
   * PASAR_TRUST_PROXY says so, or any client could pick the address the per-IP limits count.
   */
  trustProxy: false | number | string;
  /** SMTP server of real mail (`SMTP_URL`); absent: the development mailer (nothing leaves). */
  smtpUrl?: string;
  /** Sender of every mail (`MAIL_FROM`). */
  mailFrom: string;
  /** Where uploaded files go: `uploadDir` (local) or an S3-compatible bucket (`PASAR_STORAGE=s3`). */
  storage: { kind: 'local' } | ({ kind: 's3' } & S3Settings);
  /** The payment provider: the sandbox (default) or Midtrans' Core API (`PAYMENT_GATEWAY=midtrans`). */
  payments: { gateway: 'sandbox' } | { gateway: 'midtrans'; serverKey: string; baseUrl: string };
  /** Pasar's company details printed on invoices (`PASAR_COMPANY_*`), kept with each invoice issued. */
  issuer: InvoiceIssuer;
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
  if (nodeEnv === 'production' && !env.PASAR_ENCRYPTION_KEY) {
    throw new ConfigError(
      'PASAR_ENCRYPTION_KEY is required when NODE_ENV=production (e.g. `openssl rand -hex 32`)',
    );
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, got ${env.PORT}`);
  const dbPoolSize = Number(env.PASAR_DB_POOL || 20);
  if (!Number.isInteger(dbPoolSize) || dbPoolSize < 1 || dbPoolSize > 1000)
    throw new ConfigError(`PASAR_DB_POOL must be a number of connections (1-1000), got ${env.PASAR_DB_POOL}`);
  const dbPrepare = env.PASAR_DB_PREPARE || '1';
  if (dbPrepare !== '0' && dbPrepare !== '1')
    throw new ConfigError(`PASAR_DB_PREPARE must be 0 or 1, got ${dbPrepare}`);
  const readCacheMs = Number(env.PASAR_READ_CACHE_MS || (nodeEnv === 'test' ? 0 : 2000));
  if (!Number.isInteger(readCacheMs) || readCacheMs < 0 || readCacheMs > 60_000)
    throw new ConfigError(
      `PASAR_READ_CACHE_MS must be milliseconds (0-60000), got ${env.PASAR_READ_CACHE_MS}`,
    );
  const timezone = env.PASAR_TIMEZONE || 'Asia/Jakarta';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    throw new ConfigError(`PASAR_TIMEZONE ${timezone} is not a known IANA time zone`);
  }
  const trustProxy = parseTrustProxy(env.PASAR_TRUST_PROXY);
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    throw new ConfigError(
      `SMTP_URL must start with smtp:// or smtps://, got ${smtpUrl.replace(/:[^:@/]*@/, ':***@')}`,
    );
  if (nodeEnv === 'production' && smtpUrl && !env.MAIL_FROM)
    throw new ConfigError('MAIL_FROM is required with SMTP_URL when NODE_ENV=production');
  const issuer = parseIssuer(env, nodeEnv);
  const storage = parseStorage(env);
  const payments = parsePayments(env);
  return {
    issuer,
    payments,
    storage,
    smtpUrl,
    mailFrom: env.MAIL_FROM || 'Pasar <no-reply@pasar.test>',
    trustProxy,
    port,
    env: nodeEnv,
    databaseUrl: env.DATABASE_URL || undefined,
    dbPoolSize,
    dbPrepare: dbPrepare === '1',
    readCacheMs,
    dataDir: path.resolve(env.PASAR_DATA_DIR || '.data'),
    sessionSecret: env.SESSION_SECRET || 'pasar-development-secret-not-for-production',
    encryptionKey: parseEncryptionKey(env.PASAR_ENCRYPTION_KEY),
    testClock,
    timezone,
    demo: env.PASAR_DEMO !== '0',
    demoPassword: env.PASAR_DEMO_PASSWORD || 'Pasar-Demo-2026',
    schedulerIntervalSeconds: Number(env.PASAR_SCHEDULER_INTERVAL ?? 5),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    uploadDir: path.resolve(env.PASAR_UPLOAD_DIR || path.join(env.PASAR_DATA_DIR || '.data', 'uploads')),
    publicUrl: (env.PASAR_PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
  };
}

/**
 * `PASAR_ENCRYPTION_KEY`: 32 bytes as 64 hex characters or base64. In development and tests a fixed key
 * derived from a public string is used (the data is not secret there); production refuses to start
 * without one (server/config.ts).
 */
function parseEncryptionKey(raw: string | undefined): Buffer {
  if (!raw)
    return createHash('sha256').update('pasar-development-encryption-key-not-for-production').digest();
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32)
    throw new ConfigError(
      'PASAR_ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64 (e.g. `openssl rand -hex 32`)',
    );
  return key;
}

/** The development issuer: a made-up company, so that invoices in development look like real ones. */
const DEMO_ISSUER: InvoiceIssuer = {
  name: 'PT Pasar Digital Indonesia',
  address: ['Jl. Jenderal Sudirman Kav. 52-53', 'Jakarta Selatan 12190', 'Indonesia'],
  npwp: '01.234.567.8-901.000',
  email: 'finance@pasar.test',
};

/**
 * `PASAR_COMPANY_NAME`, `PASAR_COMPANY_ADDRESS` (lines separated by `;`), `PASAR_COMPANY_NPWP` and
 * `PASAR_COMPANY_EMAIL`: the company on every invoice (INV-2). Production must name its own; elsewhere the
 * demo company stands in for what is not set.
 */
function parseIssuer(env: NodeJS.ProcessEnv, nodeEnv: Config['env']): InvoiceIssuer {
  const given = {
    name: env.PASAR_COMPANY_NAME?.trim(),
    address: env.PASAR_COMPANY_ADDRESS?.split(';')
      .map((l) => l.trim())
      .filter(Boolean),
    npwp: env.PASAR_COMPANY_NPWP?.trim(),
    email: env.PASAR_COMPANY_EMAIL?.trim(),
  };
  if (nodeEnv === 'production') {
    const missing = (['name', 'address', 'npwp'] as const)
      .filter((k) => !given[k]?.length)
      .map((k) => `PASAR_COMPANY_${k.toUpperCase()}`);
    if (missing.length)
      throw new ConfigError(`${missing.join(', ')} required when NODE_ENV=production: invoices print them`);
  }
  let npwp = DEMO_ISSUER.npwp;
  if (given.npwp) {
    const digits = normaliseNpwp(given.npwp);
    if (!digits)
      throw new ConfigError(
        `PASAR_COMPANY_NPWP must be an NPWP of 15 digits (99.999.999.9-999.999) or 16, got ${given.npwp}`,
      );
    npwp = formatNpwp(digits);
  }
  return {
    name: given.name || DEMO_ISSUER.name,
    address: given.address?.length ? given.address : DEMO_ISSUER.address,
    npwp,
    email: given.email || (nodeEnv === 'production' ? null : DEMO_ISSUER.email),
  };
}

/** `PASAR_TRUST_PROXY`: unset or 0 for off, a hop count, or addresses/subnets (`loopback, 10.0.0.0/8`). */
function parseTrustProxy(raw: string | undefined): false | number | string {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0' || value === 'false') return false;
  if (/^[1-9][0-9]?$/.test(value)) return Number(value);
  if (value === 'true')
    throw new ConfigError(
      'PASAR_TRUST_PROXY=true would trust an X-Forwarded-For written by anyone; give the number of proxies' +
        ' in front of Pasar (e.g. 1) or their addresses (e.g. loopback, 10.0.0.0/8)',
    );
  return value;
}

/** `PASAR_STORAGE`: `local` (default) or `s3` with the bucket's S3_* variables. */
function parseStorage(env: NodeJS.ProcessEnv): Config['storage'] {
  const kind = env.PASAR_STORAGE || 'local';
  if (kind === 'local') return { kind };
  if (kind !== 's3') throw new ConfigError(`PASAR_STORAGE must be local or s3, got ${kind}`);
  const missing = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((v) => !env[v]);
  if (missing.length) throw new ConfigError(`PASAR_STORAGE=s3 needs ${missing.join(', ')}`);
  const endpoint = env.S3_ENDPOINT || undefined;
  if (endpoint && !/^https?:\/\//.test(endpoint))
    throw new ConfigError(`S3_ENDPOINT must be an http(s) URL, got ${endpoint}`);
  return {
    kind,
    endpoint,
    region: env.S3_REGION || 'us-east-1',
    bucket: env.S3_BUCKET!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    // Servers other than AWS (MinIO, Ceph, a local test server) want path-style URLs.
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE !== '0' : Boolean(endpoint),
  };
}

/** `PAYMENT_GATEWAY`: `sandbox` (default) or `midtrans` with MIDTRANS_SERVER_KEY (and MIDTRANS_BASE_URL). */
function parsePayments(env: NodeJS.ProcessEnv): Config['payments'] {
  const gateway = env.PAYMENT_GATEWAY || 'sandbox';
  if (gateway === 'sandbox') return { gateway };
  if (gateway !== 'midtrans')
    throw new ConfigError(`PAYMENT_GATEWAY must be sandbox or midtrans, got ${gateway}`);
  if (!env.MIDTRANS_SERVER_KEY) throw new ConfigError('PAYMENT_GATEWAY=midtrans needs MIDTRANS_SERVER_KEY');
  const baseUrl = (env.MIDTRANS_BASE_URL || 'https://api.sandbox.midtrans.com').replace(/\/$/, '');
  if (!/^https?:\/\//.test(baseUrl))
    throw new ConfigError(`MIDTRANS_BASE_URL must be an http(s) URL, got ${baseUrl}`);
  return { gateway, serverKey: env.MIDTRANS_SERVER_KEY, baseUrl };
}
