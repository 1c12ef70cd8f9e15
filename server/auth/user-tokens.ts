import { createHash, randomBytes } from 'node:crypto';
import type { Executor, User } from '../../db/schema.js';

export const TOKEN_TTL_DAYS = 30;

/** Only the SHA-256 of a token is stored: a database leak does not leak usable tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function issueToken(
  db: Executor,
  userId: number,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = `psr_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_DAYS * 86_400_000);
  await db
    .insertInto('user_tokens')
    .values({
      user_id: userId,
      token_hash: hashToken(token),
      created_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      last_used_at: null,
    })
    .execute();
  return { token, expiresAt };
}

export async function findTokenUser(
  db: Executor,
  token: string,
  now: Date,
): Promise<{ user: User; tokenId: number } | null> {
  const row = await db
    .selectFrom('user_tokens')
    .innerJoin('users', 'users.id', 'user_tokens.user_id')
    .selectAll('users')
    .select('user_tokens.id as token_id')
    .where('user_tokens.token_hash', '=', hashToken(token))
    .where('user_tokens.revoked_at', 'is', null)
    .where('user_tokens.expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  const { token_id, ...user } = row;
  await db.updateTable('user_tokens').set({ last_used_at: now }).where('id', '=', token_id).execute();
  return { user, tokenId: token_id };
}

export async function revokeToken(db: Executor, tokenId: number, now: Date): Promise<void> {
  await db
    .updateTable('user_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Blocking or deactivating an account ends every session it has; a password change ends every session but
 * the one it was made from (`except`). The one place that revokes a user's tokens in bulk.
 */
export async function revokeAllTokens(
  db: Executor,
  userId: number,
  now: Date,
  opts: { except?: number } = {},
): Promise<void> {
  let q = db
    .updateTable('user_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (opts.except !== undefined) q = q.where('id', '!=', opts.except);
  await q.execute();
}
