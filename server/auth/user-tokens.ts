import { createHash, randomBytes } from 'node:crypto';
import type { Executor, User } from '../../db/schema.js';

export const TOKEN_TTL_DAYS = 30;

/** Only the SHA-256 of a token is stored: a database leak does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Where a session was opened, for the user's list of sessions (ACC-11). */
export interface TokenOrigin {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export async function issueToken(
  db: Executor,
  userId: number,
  now: Date,
  origin: TokenOrigin = {},
): Promise<{ token: string; expiresAt: Date; tokenId: number }> {
  const token = `psr_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_DAYS * 86_400_000);
  const row = await db
    .insertInto('user_tokens')
    .values({
      user_id: userId,
      token_hash: hashToken(token),
      created_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      last_used_at: null,
      ip: origin.ip?.slice(0, 100) ?? null,
      user_agent: origin.userAgent?.slice(0, 500) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, expiresAt, tokenId: row.id };
}

/**
 * Verified tokens, for a few seconds: a request costs no hash lookup and no UPDATE. Only the token's
 * identity is kept that long; revocation (`revokeTokens`) drops entries at once and keeps the revoked
 * tokens out of the cache until their revocation has surely committed. Another process that revokes a
 * token is seen here after at most CACHE_MS.
 *
 * The user's row rides along for `userTtlMs` (PASAR_READ_CACHE_MS, issue #14), so most requests make no
 * statement at all for authentication. What this process changes is seen at once: `forgetUsers` (called
 * when a state-changing request ends, see server/auth/user-auth.ts) drops the rows, and a row read while a
 * change was under way is not kept. A change made by another process (a block by a staff member served
 * elsewhere, a job) is seen after at most `userTtlMs`.
 */
const CACHE_MS = 10_000;
/** `last_used_at` is written at most this often per token. */
const TOUCH_MS = 60_000;
const CACHE_MAX = 50_000;

interface VerifiedToken {
  tokenId: number;
  userId: number;
  expiresAt: number;
  cachedAt: number;
  touchedAt: number;
  /** The user's row and when it was read (by the auth clock), while it may be trusted. */
  user?: { row: User; readAt: number } | undefined;
}

const verified = new Map<string, VerifiedToken>();
/** Users and tokens revoked a moment ago: read from the database, never cached, until this time. */
const uncachedUntil = new Map<string, number>();
/** Bumped by every `forgetUsers`: a user row read across a bump is not kept. */
let userGeneration = 0;

/**
 * Drops the cached rows of these users (all users when none are named): the next request of theirs reads
 * the row again. Called after a change to users' rows has committed (or failed) in this process.
 */
export function forgetUsers(userIds?: readonly number[]): void {
  userGeneration++;
  if (userIds && userIds.length === 0) return;
  for (const entry of verified.values())
    if (entry.user && (!userIds || userIds.includes(entry.userId))) entry.user = undefined;
}

/**
 * Forgets every cached token, row and revocation mark: for a process that starts over on another database
 * (the test suite runs its files one after another in each worker, each on a fresh database).
 */
export function forgetAllTokens(): void {
  verified.clear();
  uncachedUntil.clear();
  userGeneration++;
}

function cacheable(entry: VerifiedToken, now: number): boolean {
  for (const key of [`user:${entry.userId}`, `token:${entry.tokenId}`]) {
    const until = uncachedUntil.get(key);
    if (until === undefined) continue;
    if (until > now) return false;
    uncachedUntil.delete(key);
  }
  return true;
}

export async function findTokenUser(
  db: Executor,
  token: string,
  now: Date,
  userTtlMs = 0,
): Promise<{ user: User; tokenId: number } | null> {
  const hash = hashToken(token);
  const t = now.getTime();
  let entry = verified.get(hash);
  if (entry && (t - entry.cachedAt >= CACHE_MS || entry.expiresAt <= t || !cacheable(entry, t))) {
    verified.delete(hash);
    entry = undefined;
  }
  let user: User | undefined;
  const generation = userGeneration;
  if (entry?.user && t - entry.user.readAt < userTtlMs && entry.user.readAt <= t) {
    user = entry.user.row;
  } else if (entry) {
    user = await db.selectFrom('users').selectAll().where('id', '=', entry.userId).executeTakeFirst();
    if (user && userTtlMs > 0 && generation === userGeneration) entry.user = { row: user, readAt: t };
  } else {
    const row = await db
      .selectFrom('user_tokens')
      .innerJoin('users', 'users.id', 'user_tokens.user_id')
      .selectAll('users')
      .select([
        'user_tokens.id as token_id',
        'user_tokens.expires_at as token_expires_at',
        'user_tokens.last_used_at as token_last_used_at',
      ])
      .where('user_tokens.token_hash', '=', hash)
      .where('user_tokens.revoked_at', 'is', null)
      .where('user_tokens.expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return null;
    const { token_id, token_expires_at, token_last_used_at, ...rest } = row;
    user = rest;
    entry = {
      tokenId: token_id,
      userId: rest.id,
      expiresAt: token_expires_at.getTime(),
      cachedAt: t,
      touchedAt: token_last_used_at?.getTime() ?? 0,
      user: userTtlMs > 0 && generation === userGeneration ? { row: rest, readAt: t } : undefined,
    };
    if (cacheable(entry, t)) {
      if (verified.size >= CACHE_MAX) verified.clear();
      verified.set(hash, entry);
    }
  }
  if (!user) return null;
  if (t - entry.touchedAt >= TOUCH_MS) {
    entry.touchedAt = t;
    await db.updateTable('user_tokens').set({ last_used_at: now }).where('id', '=', entry.tokenId).execute();
  }
  return { user, tokenId: entry.tokenId };
}

/**
 * The one way tokens end (logout, deactivation, block; a password change must call it too): revoked in
 * the database and forgotten by the cache of verified tokens at once.
 */
export async function revokeTokens(
  db: Executor,
  which: { tokenId: number } | { userId: number; exceptTokenId?: number | undefined },
  now: Date,
): Promise<void> {
  const key = 'tokenId' in which ? `token:${which.tokenId}` : `user:${which.userId}`;
  const t = now.getTime();
  // Marks are kept in time order (a mark set again moves to the back), so the lapsed ones are at the front:
  // drop them here, or a process would keep one mark per logout for ever.
  for (const [k, until] of uncachedUntil) {
    if (until > t) break;
    uncachedUntil.delete(k);
  }
  // Until the caller's transaction has committed, a concurrent request could still read the token as
  // valid: keep it out of the cache for one cache lifetime. The mark also drops every entry of the token (or
  // the user) cached before it: such an entry expires within one cache lifetime of its caching, before the
  // mark lapses, and `cacheable` refuses it at its next look-up until then.
  uncachedUntil.delete(key);
  uncachedUntil.set(key, t + CACHE_MS);
  userGeneration++;
  let q = db.updateTable('user_tokens').set({ revoked_at: now }).where('revoked_at', 'is', null);
  q = 'tokenId' in which ? q.where('id', '=', which.tokenId) : q.where('user_id', '=', which.userId);
  if ('userId' in which && which.exceptTokenId !== undefined) q = q.where('id', '!=', which.exceptTokenId);
  await q.execute();
}

/** How many revocation marks this process holds (tests: they lapse after one cache lifetime). */
export function revocationMarks(): number {
  return uncachedUntil.size;
}

export function revokeToken(db: Executor, tokenId: number, now: Date): Promise<void> {
  return revokeTokens(db, { tokenId }, now);
}

/**
 * Blocking or deactivating an account ends every session it has; a password change ends every session but
 * the one it was made from (`except`).
 */
export function revokeAllTokens(
  db: Executor,
  userId: number,
  now: Date,
  opts: { except?: number } = {},
): Promise<void> {
  return revokeTokens(db, { userId, exceptTokenId: opts.except }, now);
}
