import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// The language a user reads mail in: Indonesian unless they choose English.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column locale text not null default 'id' check (locale in ('id', 'en'))`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop column locale`.execute(db);
}
