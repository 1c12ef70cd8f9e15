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

/**
 * Lines go to stdout without blocking: with pino's synchronous default every request line was a write system
 * call on the request's path (6-7% of the busy time of a process under a card-payment load, CPU profile,
 * issue #14), and a slow reader of stdout (a log shipper behind) would stall every request. Lines written
 * while a write is under way are coalesced into the next; pino flushes what is left when the process exits.
 * Behind a reader that stopped, lines past 16 MB are dropped rather than kept until memory runs out.
 */
export function createLogger(
  level: string,
  destination: DestinationStream = pino.destination({ sync: false, maxLength: 16 * 1024 * 1024 }),
): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS } }, destination);
}

/**
 * The URL with the values of its credential parameters replaced: a support contact link carries its
 * `token` in the query string, and the request line is logged whole.
 */
export function urlWithoutSecrets(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const params = new URLSearchParams(url.slice(at + 1));
  const secret = [...params.keys()].filter((k) => SECRET_FIELDS.includes(k));
  if (!secret.length) return url;
  for (const k of secret) params.set(k, '[Redacted]');
  return `${url.slice(0, at)}?${params.toString()}`;
}

const redacted = (values: Record<string, unknown>, secret: string[]) =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, secret.includes(k) ? '[Redacted]' : v]));

/**
 * Replaces credentials in a serialized request or response (headers, the URL and its parsed query),
 * whatever logger writes it.
 */
export function withoutSecrets<
  T extends { headers?: Record<string, unknown>; url?: unknown; query?: unknown },
>(serialized: T): T {
  const { headers, url, query } = serialized;
  return {
    ...serialized,
    ...(headers ? { headers: redacted(headers, SECRET_HEADERS) } : {}),
    ...(typeof url === 'string' ? { url: urlWithoutSecrets(url) } : {}),
    ...(query && typeof query === 'object'
      ? { query: redacted(query as Record<string, unknown>, SECRET_FIELDS) }
      : {}),
  };
}
