import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
// Issue #15: the word index of order titles (2026-11-29T00-00-00) indexed what PostgreSQL's text-search
// parser makes of a title, and the parser leaves some tokens out (a URL's protocol, an HTML-like tag that may
// span spaces), so a phrase search could miss a title the substring check would find. The parser now sees
// only runs of letters and digits between spaces, as the search's words are.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists orders_title_words`.execute(db);
  await sql`create index orders_title_words on orders
    using gin (to_tsvector('simple', regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists orders_title_words`.execute(db);
  await sql`create index orders_title_words on orders using gin (to_tsvector('simple', title))`.execute(db);
}
