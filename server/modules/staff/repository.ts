import type { Executor } from '../../../db/schema.js';
import { camel } from '../../http/camel.js';

/** When the staff member last signed in (the staff list shows it). */
export async function setLastLogin(db: Executor, staffId: number, at: Date): Promise<void> {
  await db.updateTable('staff').set({ last_login_at: at }).where('id', '=', staffId).execute();
}

/** Staff accounts as the admin reads them. */
export function staffAccounts(db: Executor) {
  return db
    .selectFrom('staff')
    .select(['id', 'email', 'name', 'role', 'active', ...camel('created_at', 'last_login_at')]);
}
