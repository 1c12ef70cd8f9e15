import { createHash, randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, Executor } from '../../../db/schema.js';
import { problems } from '../../http/problem.js';

/**
 * Single-use links sent by email (ACC-8 password reset, ACC-9 email change; staff password reset too).
 * Only the SHA-256 of a token is stored; a new link of the same purpose supersedes the owner's earlier ones.
 */
export type AccountTokenPurpose = 'password_reset' | 'email_change';
export type TokenOwner = { userId: number } | { staffId: number };

export const hashLinkToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newLinkToken = () => randomBytes(32).toString('base64url');

const ownerWhere = (owner: TokenOwner) =>
  'userId' in owner ? (['user_id', owner.userId] as const) : (['staff_id', owner.staffId] as const);

/** Ends every live link of an owner (of one purpose, or all): a newer link or a reset makes them void. */
export async function supersedeTokens(
  db: Executor,
  owner: TokenOwner,
  now: Date,
  purpose?: AccountTokenPurpose,
): Promise<void> {
  const [column, id] = ownerWhere(owner);
  let q = db
    .updateTable('account_tokens')
    .set({ superseded_at: now })
    .where(column, '=', id)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null);
  if (purpose) q = q.where('purpose', '=', purpose);
  await q.execute();
}

export async function issueLinkToken(
  trx: Transaction<Database>,
  owner: TokenOwner,
  t: { purpose: AccountTokenPurpose; now: Date; ttlMs: number; data?: Record<string, unknown> },
): Promise<string> {
  const { purpose, now, ttlMs, data = {} } = t;
  await supersedeTokens(trx, owner, now, purpose);
  const token = newLinkToken();
  await trx
    .insertInto('account_tokens')
    .values({
      user_id: 'userId' in owner ? owner.userId : null,
      staff_id: 'staffId' in owner ? owner.staffId : null,
      purpose,
      token_hash: hashLinkToken(token),
      data: JSON.stringify(data),
      created_at: now,
      expires_at: new Date(now.getTime() + ttlMs),
      used_at: null,
      superseded_at: null,
    })
    .execute();
  return token;
}

/** Looks a link up without using it (to check a new password against its owner before hashing it). */
export async function peekLinkToken(db: Executor, purpose: AccountTokenPurpose, token: string) {
  return db
    .selectFrom('account_tokens')
    .selectAll()
    .where('token_hash', '=', hashLinkToken(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

/** Locks a link, checks it is live, and marks it used: it works once (ACC-8). */
export async function consumeLinkToken(
  trx: Transaction<Database>,
  purpose: AccountTokenPurpose,
  token: string,
  now: Date,
) {
  const row = await trx
    .selectFrom('account_tokens')
    .selectAll()
    .where('token_hash', '=', hashLinkToken(token))
    .where('purpose', '=', purpose)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw problems.unprocessable('link-invalid', 'Invalid link', 'This link is not valid.');
  if (row.used_at)
    throw problems.conflict('link-used', 'Link already used', 'This link was used already; it works once.');
  if (row.superseded_at)
    throw problems.unprocessable(
      'link-superseded',
      'Link replaced',
      'This link no longer works: a newer one was sent, or the account was secured since. Use the latest.',
    );
  if (row.expires_at <= now)
    throw problems.unprocessable('link-expired', 'Link expired', 'This link has expired; ask for a new one.');
  await trx.updateTable('account_tokens').set({ used_at: now }).where('id', '=', row.id).execute();
  return row;
}
