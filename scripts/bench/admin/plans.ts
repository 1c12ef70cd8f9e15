import { appendFileSync, mkdirSync, openSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';

/**
 * The plans behind the admin lists (issue #15): with `BENCH_ADMIN_PLANS=<PostgreSQL's log file>` the admin
 * suite turns auto_explain on for its database, asks each variant once more after measuring it and writes
 * the plans PostgreSQL logged for that request to reports/bench/admin-plans.md: each statement's time and
 * its plan's nodes (costs and row counts left out), the session and staff look-ups every request makes left
 * out. The log file must be readable by the bench (on Debian: /var/log/postgresql/postgresql-15-main.log).
 * auto_explain with `log_analyze` runs for the whole run, so the timings of such a run are inflated: measure
 * without it.
 */
export interface PlanLog {
  /** Where the log ends now: what a request logs after this is its own. */
  mark(): number;
  /** Writes what the log got since `from` as the plans of one variant. */
  record(variant: string, from: number): Promise<void>;
}

const OUT = path.join('reports', 'bench', 'admin-plans.md');
const IGNORED = /staff_sessions|select \* from "staff" where "id" = \$1|select "sess"/;

export async function startPlanLog(db: Kysely<Database>, database: string, file: string): Promise<PlanLog> {
  const name = sql.id(database);
  await sql`alter database ${name} set session_preload_libraries = 'auto_explain'`.execute(db);
  await sql`alter database ${name} set auto_explain.log_min_duration = 0`.execute(db);
  await sql`alter database ${name} set auto_explain.log_analyze = on`.execute(db);
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `# Plans behind the admin lists (${database})\n`);
  return {
    mark: () => statSync(file).size,
    async record(variant, from) {
      await new Promise((r) => setTimeout(r, 100)); // the server writes its log asynchronously
      const size = Math.max(0, statSync(file).size - from); // a rotated log restarts at 0
      const buffer = Buffer.alloc(Math.max(0, size));
      const fd = openSync(file, 'r');
      readSync(fd, buffer, 0, size, from);
      closeSync(fd);
      const plans = buffer
        .toString('utf8')
        .split(/\n(?=\S[^\n]*LOG: {2}duration: )/)
        .flatMap((entry) => {
          const ms = /duration: ([\d.]+) ms {2}plan:/.exec(entry)?.[1];
          const text = /Query Text: (.*)/.exec(entry)?.[1] ?? '';
          if (!ms || IGNORED.test(text)) return [];
          const nodes = entry
            .split('\n')
            .filter((l) => /^\t\s*(->\s+)?[A-Z][A-Za-z ]+[a-z](\s|$)/.test(l) && /\(cost=/.test(l))
            .map((l) => l.replace(/\t/, '').replace(/\s+\(cost=.*$/, ''));
          return [
            [
              `- ${ms} ms: \`${text.slice(0, 100)}…\``,
              '',
              '  ```',
              ...nodes.map((n) => `  ${n}`),
              '  ```',
            ].join('\n'),
          ];
        });
      appendFileSync(OUT, `\n## ${variant}\n\n${plans.join('\n')}\n`);
    },
  };
}

export async function stopPlanLog(db: Kysely<Database>, database: string) {
  const name = sql.id(database);
  await sql`alter database ${name} reset session_preload_libraries`.execute(db);
  await sql`alter database ${name} reset auto_explain.log_min_duration`.execute(db);
  await sql`alter database ${name} reset auto_explain.log_analyze`.execute(db);
}
