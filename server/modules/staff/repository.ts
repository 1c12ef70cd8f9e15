import type { Executor } from '../../../db/schema.js';

/** When the staff member last signed in (the staff list shows it). */
export async function setLastLogin(db: Executor, staffId: number, at: Date): Promise<void> {
  await db.updateTable('staff').set({ last_login_at: at }).where('id', '=', staffId).execute();
}
