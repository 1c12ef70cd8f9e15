import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #15: staff search orders by a whole title ("logo work number 424242"). pg_trgm answers that from
// the posting lists of every trigram of the phrase, and words every title shares ("work number") make it
// read all of them (40-70 ms at a million orders). A word index lets GIN start from the rarest word and
// skip through the others; the search still checks the phrase itself on the few rows it finds.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index orders_title_words on orders using gin (to_tsvector('simple', title))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists orders_title_words`.execute(db);
}
