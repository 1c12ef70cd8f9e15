import { sql } from 'kysely';
import type { Executor, User } from '../../../db/schema.js';
import { SMS_PREFIX } from '../../notifications/templates.js';

/** A user by id. */
export async function findUser(db: Executor, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A user by email address, whatever its case (through the unique index on lower(email)). */
export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/** The SMS of the outbox (ACC-10) as staff read them: the number without its prefix. */
export function smsMessages(db: Executor) {
  return db
    .selectFrom('outbox')
    .select((eb) => [
      'id',
      'kind',
      eb.fn<string>('substr', ['recipient', eb.val(SMS_PREFIX.length + 1)]).as('to'),
      'body as text',
      'created_at as createdAt',
      'status',
      'sent_at as sentAt',
      'last_error as lastError',
    ])
    .where('recipient', 'like', `${SMS_PREFIX}%`);
}
