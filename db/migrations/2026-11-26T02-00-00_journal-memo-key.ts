import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #16 item 6: a journal entry's memo is English text built on the server; the console shows it in the
// staff member's language from a key and its parameters. The English memo stays for the API and old entries.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table journal_entries add column memo_key text, add column memo_params jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table journal_entries drop column memo_params, drop column memo_key`.execute(db);
}
