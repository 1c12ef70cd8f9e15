import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { runAdmin } from './admin/suite.js';
import { runConsole } from './console/suite.js';
import { runCore } from './core/suite.js';
import { runJobs } from './jobs/suite.js';
import { runMail } from './mail/suite.js';
import { runStartup } from './startup/suite.js';
import { machine, renderTable, type Row } from './lib/report.js';

/**
 * `npm run bench [-- <suite>] [-- --quick]`: starts what it measures on fresh PostgreSQL databases it
 * creates and drops, runs each measure against its anchor interleaved over rounds, prints one table.
 * Not part of `npm test` or CI.
 */
export interface BenchOptions {
  quick: boolean;
  log(message: string): void;
}

/**
 * The suites. `core` (the default) is issue #14: read path and money path. Issue #15: `admin` (the admin
 * lists at marketplace volume), `jobs` (scheduler throughput), `mail` (outbox delivery over SMTP),
 * `startup` (npm start to health, memory), `console` (cold load in Chromium). Each is a function in its
 * own folder under scripts/bench/ that returns table rows, and reuses lib/ (databases, servers, wrk,
 * pgbench, load).
 */
const SUITES: Record<string, (opts: BenchOptions) => Promise<Row[]>> = {
  core: runCore,
  admin: runAdmin,
  jobs: runJobs,
  mail: runMail,
  startup: runStartup,
  console: runConsole,
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { quick: { type: 'boolean', default: false } },
});
const names = positionals.length ? positionals : ['core'];
for (const n of names)
  if (!SUITES[n]) {
    console.error(`unknown suite ${n}; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
const started = performance.now();
const opts: BenchOptions = {
  quick: values.quick ?? false,
  log: (m) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(0)}s] ${m}`),
};
const at = `Machine: ${machine()}`;
const rows: Row[] = [];
for (const n of names) rows.push(...(await SUITES[n]!(opts)));
console.log(`\n${at}${opts.quick ? ' (--quick)' : ''}`);
console.log(
  `Finished: load average ${machine().split('load average ')[1]}, ` +
    `${((performance.now() - started) / 1000).toFixed(0)} s\n`,
);
console.log(renderTable(rows));
