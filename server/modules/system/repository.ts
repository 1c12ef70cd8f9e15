import { sql } from 'kysely';
import type { Executor } from '../../../db/schema.js';

/** One round trip to the database: throws when it cannot be reached. */
export async function ping(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}
