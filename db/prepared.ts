import { createHash } from 'node:crypto';
import { sql } from 'kysely';

/**
 * Hot statements of fixed text are planned once per connection and kept (named prepared statements) instead
 * of parsed and planned on every call (issue #14: the order detail's one statement spent 1.2 of its 1.8 ms in
 * PostgreSQL's planner). A statement is marked by this comment at its start, or right after `select` (where
 * Kysely's `modifyFront` puts it); the `pg` pool in `connect.ts` sends marked statements under a name taken
 * from their text. PGlite reads the mark as a comment.
 *
 * Mark only statements whose text comes from a bounded set (placeholders for values, never a list whose
 * length varies): each distinct text stays prepared on every pooled connection for the connection's life.
 * A marked statement that selects `*` (Kysely's `selectAll`) is sent unnamed, planned each time: a migration
 * that adds a column would change a kept plan's result type, which PostgreSQL refuses ("cached plan must not
 * change result type") until the connection ends. Name the columns of a hot select.
 */
export const PREPARED = '/* prepared */';

const SELECT_MARKED = `select ${PREPARED}`;

/** `*` or `"table".*` as a column (not `count(*)`, not a comment's star). */
const STAR_COLUMN = /(^|[\s,])("[^"]+"\.)?\*(\s|,|$)/;

/** Each marked text's statement name, or null for a marked select of `*`: decided once per text. */
const names = new Map<string, string | null>();

/** The name a statement is prepared under, or undefined when it is sent unnamed. */
export function statementName(text: string): string | undefined {
  if (!text.startsWith(PREPARED) && !text.startsWith(SELECT_MARKED)) return undefined;
  let name = names.get(text);
  if (name === undefined) {
    name = STAR_COLUMN.test(text) ? null : 'p' + createHash('sha1').update(text).digest('hex').slice(0, 24);
    names.set(text, name);
  }
  return name ?? undefined;
}

export function isMarkedPrepared(text: string): boolean {
  return statementName(text) !== undefined;
}

/** The mark for a Kysely select builder: `qb.modifyFront(preparedMark)`. */
export const preparedMark = sql.raw(PREPARED);
