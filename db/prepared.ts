import { createHash } from 'node:crypto';
import { sql } from 'kysely';

/**
 * Hot statements of fixed text are planned once per connection and kept (named prepared statements) instead
 * of parsed and planned on every call (issue #14: the order detail's one statement spent 1.2 of its 1.8 ms in
 * PostgreSQL's planner). The `pg` pool in `connect.ts` sends under a name taken from their text:
 * - every write (insert, update, delete, or a CTE that writes) and every select that locks rows (`for update`
 *   and the like): the money path's statements, each written once in the code (a card payment sends about
 *   twenty, and parsing and planning them was half of PostgreSQL's time in the statement log);
 * - reads marked by this comment at their start, or right after `select` (where Kysely's `modifyFront` puts
 *   it). PGlite reads the mark as a comment.
 * Other reads are planned each time: their plans depend on the values (a filter's selectivity), and the admin
 * lists build texts from the filters in use.
 *
 * Mark only statements whose text comes from a bounded set (placeholders for values, never a list whose
 * length varies): each distinct text stays prepared on every pooled connection for the connection's life.
 * A statement that selects or returns `*` (Kysely's `selectAll`, `returningAll`) is sent unnamed, planned
 * each time: a migration that adds a column would change a kept plan's result type, which PostgreSQL refuses
 * ("cached plan must not change result type") until the connection ends. Name the columns of a hot select.
 * A migration that changes the type of a column a named statement returns does the same: restart the
 * processes after it (or deploy it with `PASAR_DB_PREPARE=0`).
 */
export const PREPARED = '/* prepared */';

const SELECT_MARKED = `select ${PREPARED}`;

/** `*` or `"table".*` as a column (not `count(*)`, not a comment's star). */
const STAR_COLUMN = /(^|[\s,])("[^"]+"\.)?\*(\s|,|$)/;

/** Writes (alone or in a CTE) and selects that lock rows: the statements of the money path. */
const WRITE = /^\s*(insert|update|delete)\s|^\s*with\s[\s\S]*\b(insert|update|delete)\s/i;
const SELECT = /^\s*select\s/i;
const LOCKING_END = /\sfor (update|no key update|share|key share)(\s+(nowait|skip locked))?\s*$/i;

const autoCandidate = (text: string) =>
  WRITE.test(text) || (SELECT.test(text) && LOCKING_END.test(text.slice(-40)));

/**
 * How many unmarked texts may be prepared (each on every pooled connection), and with how many parameters
 * at most. Writes and locking selects are written once in the code, but a batch (the clearance of up to 100
 * jobs, an update of the ids a worker claimed) makes a text per size: such a plan kept 0.4-1.2 MB of a
 * backend's memory, and hundreds of sizes would fill the cap. So a text with more parameters goes unnamed,
 * and past the cap a new text does too.
 */
export const AUTO_PREPARED_CAP = 200;
export const AUTO_PREPARED_MAX_PARAMS = 32;

/** A namer: each prepared text's name decided once (null: a marked select of `*`, sent unnamed). */
export function createNamer(cap = AUTO_PREPARED_CAP): (text: string, params?: number) => string | undefined {
  const names = new Map<string, string | null>();
  let autoPrepared = 0;
  return (text, params = 0) => {
    const known = names.get(text);
    if (known !== undefined) return known ?? undefined;
    const marked = text.startsWith(PREPARED) || text.startsWith(SELECT_MARKED);
    if (!marked && !autoCandidate(text)) return undefined;
    if (STAR_COLUMN.test(text)) {
      if (marked) names.set(text, null);
      return undefined;
    }
    if (!marked) {
      if (autoPrepared >= cap || params > AUTO_PREPARED_MAX_PARAMS) return undefined;
      autoPrepared += 1;
    }
    const name = 'p' + createHash('sha1').update(text).digest('hex').slice(0, 24);
    names.set(text, name);
    return name;
  };
}

let namer = createNamer();
/** The name a statement is prepared under, or undefined when it is sent unnamed (the pool's namer). */
export const statementName = (text: string, params?: number) => namer(text, params);
/**
 * Starts the process's names and cap over: for a process that goes on with new pools on another database
 * (the test suite runs its files one after another in each worker).
 */
export function forgetStatementNames(): void {
  namer = createNamer();
}

/** The mark for a Kysely select builder: `qb.modifyFront(preparedMark)`. */
export const preparedMark = sql.raw(PREPARED);
