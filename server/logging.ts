import { pino, type DestinationStream, type Logger } from 'pino';

/** Headers that carry a credential: a log line must never hold one (issue #13, item 13). */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-csrf-token', 'proxy-authorization'];

/** Body and object fields that hold a secret, wherever they appear in something logged. */
const SECRET_FIELDS = ['password', 'currentPassword', 'newPassword', 'token', 'csrfToken', 'cardToken'];

export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  ...SECRET_FIELDS.map((f) => `*.*.${f}`),
  ...SECRET_HEADERS.map((h) => `req.headers["${h}"]`),
  ...SECRET_HEADERS.map((h) => `res.headers["${h}"]`),
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS } }, destination);
}

/** Replaces credential headers in a serialized request or response, whatever logger writes it. */
export function withoutSecrets<T extends { headers?: Record<string, unknown> }>(serialized: T): T {
  if (!serialized.headers) return serialized;
  const headers = { ...serialized.headers };
  for (const h of SECRET_HEADERS) if (h in headers) headers[h] = '[Redacted]';
  return { ...serialized, headers };
}
