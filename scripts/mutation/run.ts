import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MUTATION_PLAN, testFile } from './plan.js';

/**
 * `npm run test:mutation` (issue #21): Stryker on each file of `stryker.config.mjs`'s `mutate`, one file
 * at a time with the test files of scripts/mutation/plan.ts, each result kept in tests/mutation/results/
 * (committed) with the SHA-256 of the file and of its test files, then one table over every file.
 *
 *   npm run test:mutation                  files without a result or whose result is stale, then the table
 *   npm run test:mutation -- <file> …      those files again (whole files), then the table
 *   npm run test:mutation -- --all         every file again
 *   npm run test:mutation -- --report      the table only
 *   npm run test:mutation -- --confirm [<file> …]   survivors of kept results again on their own (`confirm`)
 *   … -- <file> --concurrency 2            what follows the files goes to Stryker as it is
 *
 * A result is stale when the file or one of its test files changed since it ran. Each run is incremental
 * (reports/mutation/incremental/): Stryker tests again only the mutants that changed code or tests touch.
 * The score counts killed and timed-out mutants against survived and uncovered ones, as Stryker's does;
 * mutants that do not compile or fail at run time are left out (Stryker's "invalid").
 */

type Status = 'Killed' | 'Timeout' | 'Survived' | 'NoCoverage' | 'CompileError' | 'RuntimeError' | 'Ignored';
interface StoredMutant {
  at: string;
  mutator: string;
  replacement: string;
  status: Status;
}
interface StoredResult {
  file: string;
  sha: string;
  tests: Record<string, string>;
  ranAt: string;
  /** When its survivors were run again on their own (`confirm`). */
  confirmedAt?: string;
  mutants: StoredMutant[];
}
interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  status: Status;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS = path.join(ROOT, 'tests/mutation/results');
const sha = (file: string) =>
  createHash('sha256')
    .update(readFileSync(path.join(ROOT, file)))
    .digest('hex');
const resultPath = (file: string) => path.join(RESULTS, `${file.replaceAll('/', '__')}.json`);

/** The files `stryker.config.mjs` mutates: its globs (`*` within one folder) matched against the tree. */
async function configuredFiles(): Promise<string[]> {
  const url = pathToFileURL(path.join(ROOT, 'stryker.config.mjs')).href;
  const { default: config } = (await import(url)) as { default: { mutate: string[] } };
  const patterns = config.mutate.map(
    (g) => new RegExp(`^${g.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}$`),
  );
  const walk = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
    );
  return walk('server')
    .filter((f) => patterns.some((p) => p.test(f)))
    .sort();
}

function stored(file: string): StoredResult | undefined {
  const p = resultPath(file);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as StoredResult) : undefined;
}

function isFresh(r: StoredResult): boolean {
  const tests = (MUTATION_PLAN[r.file] ?? []).map(testFile);
  return (
    r.sha === sha(r.file) &&
    tests.length === Object.keys(r.tests).length &&
    tests.every((t) => existsSync(path.join(ROOT, t)) && r.tests[t] === sha(t))
  );
}

/** Stryker on `mutate` (a file, or ranges of it) with the test files planned for `file`: its mutants. */
function stryker(file: string, mutate: string, args: string[]): StoredMutant[] {
  const tests = MUTATION_PLAN[file]!.map(testFile);
  const done = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs', '--mutate', mutate, ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      VITEST_INCLUDE: tests.join(','),
      STRYKER_CHECKERS: process.env.STRYKER_CHECKERS ?? 'none',
    },
  });
  if (done.status !== 0) throw new Error(`Stryker stopped on ${file} (exit ${done.status ?? done.signal})`);
  const report = JSON.parse(readFileSync(path.join(ROOT, 'reports/mutation/mutation.json'), 'utf8')) as {
    files: Record<string, { mutants: ReportMutant[] }>;
  };
  return (report.files[file]?.mutants ?? [])
    .map((m): StoredMutant => ({
      at: `${at(m.location.start)}-${at(m.location.end)}`,
      mutator: m.mutatorName,
      replacement: (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80),
      status: m.status,
    }))
    .sort((a, b) => a.at.localeCompare(b.at, 'en', { numeric: true }));
}

function save(r: StoredResult): void {
  const { mutants, ...head } = r;
  // One mutant a line: a rerun's diff shows which mutants changed status.
  const top = JSON.stringify(head, null, 1).slice(0, -2);
  const body = mutants.map((m) => `  ${JSON.stringify(m)}`).join(',\n');
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(resultPath(r.file), `${top},\n "mutants": [\n${body}\n ]\n}\n`);
}

function run(file: string, strykerArgs: string[]): void {
  const tests = MUTATION_PLAN[file]!.map(testFile);
  const before = { sha: sha(file), tests: Object.fromEntries(tests.map((t) => [t, sha(t)])) };
  const slug = file.replaceAll('/', '__');
  console.log(`\n== ${file} with ${tests.join(', ')}`);
  const incremental = ['--incrementalFile', `reports/mutation/incremental/${slug}.json`];
  const mutants = stryker(file, file, [...incremental, ...strykerArgs]);
  save({ file, ...before, ranAt: new Date().toISOString(), mutants });
  confirm(file, strykerArgs);
}

/**
 * Survivors are run again on their own before they count: in a long run Stryker's vitest runner now and
 * then reports survived a mutant its tests kill (seen: `insertInto('user_tokens')` → `""`, which fails
 * every test that signs in, and one of `revokeTokens`' conditions, each killed when run again). A mutant
 * killed the second time counts as killed; one that survives both runs is a survivor.
 */
function confirm(file: string, strykerArgs: string[]): void {
  const r = stored(file)!;
  const survivors = r.mutants.filter((m) => m.status === 'Survived');
  if (!survivors.length || r.confirmedAt) return;
  console.log(`\n== ${file}: ${survivors.length} survivors again, on their own`);
  // Whole lines (Stryker's ranges count columns differently from its report); other mutants of those lines
  // run too and are left as they were.
  const lines = (m: StoredMutant) => m.at.replace(/:\d+-(\d+):\d+$/, '-$1');
  const ranges = [...new Set(survivors.map((m) => `${file}:${lines(m)}`))].join(',');
  const own = `reports/mutation/incremental/confirm-${file.replaceAll('/', '__')}.json`;
  const again = stryker(file, ranges, ['--force', '--incrementalFile', own, ...strykerArgs]);
  const same = (a: StoredMutant, b: StoredMutant) =>
    a.at === b.at && a.mutator === b.mutator && a.replacement === b.replacement;
  for (const m of survivors) {
    const second = again.find((a) => same(a, m))?.status;
    if (second === 'Killed' || second === 'Timeout') m.status = second;
  }
  save({ ...r, confirmedAt: new Date().toISOString() });
}

function count(r: StoredResult) {
  const n = (s: Status) => r.mutants.filter((m) => m.status === s).length;
  const killed = n('Killed');
  const timeout = n('Timeout');
  const survived = n('Survived');
  const noCoverage = n('NoCoverage');
  return { killed, timeout, survived, noCoverage, scored: killed + timeout + survived + noCoverage };
}

const at = (p: { line: number; column: number }) => `${p.line}:${p.column}`;
const pct = (detected: number, scored: number) => (scored ? ((100 * detected) / scored).toFixed(2) : '-');

function report(files: string[]): void {
  const rows = [['file', 'mutants', 'killed', 'timeout', 'survived', 'no cov', 'score', 'result']];
  const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, scored: 0 };
  const missing: string[] = [];
  for (const file of files) {
    const r = stored(file);
    if (!r) {
      missing.push(file);
      continue;
    }
    const c = count(r);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
    const state = isFresh(r) ? r.ranAt.slice(0, 10) : `STALE (${r.ranAt.slice(0, 10)})`;
    const score = pct(c.killed + c.timeout, c.scored);
    rows.push([file, c.scored, c.killed, c.timeout, c.survived, c.noCoverage, score, state].map(String));
  }
  const t = total;
  rows.push(['all files with a result', t.scored, t.killed, t.timeout, t.survived, t.noCoverage].map(String));
  rows[rows.length - 1]!.push(
    pct(t.killed + t.timeout, t.scored),
    `${files.length - missing.length}/${files.length}`,
  );
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log('');
  for (const r of rows)
    console.log(
      r
        .map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    );
  if (missing.length) console.log(`\nNo result yet (${missing.length}): ${missing.join(', ')}`);
  const unlisted = files.flatMap((file) =>
    (stored(file)?.mutants ?? [])
      .filter((m) => (m.status === 'Survived' || m.status === 'NoCoverage') && !isListed(file, m.at))
      .map((m) => `  ${file}:${m.at} ${m.mutator} → ${m.replacement} (${m.status})`),
  );
  if (unlisted.length)
    console.log(
      `\nSurvivors whose line ${EQUIVALENTS} does not name (${unlisted.length}):\n${unlisted.join('\n')}`,
    );
}

/**
 * The lines each entry of the equivalent-mutants file names: `server/x.ts:12`, `:12-14`, and further
 * `:40` of the same entry (the file named last before them).
 */
function listedLines(): Map<string, [number, number][]> {
  const lines = new Map<string, [number, number][]>();
  const text = readFileSync(path.join(ROOT, EQUIVALENTS), 'utf8');
  for (const entry of text.split(/\n(?=- )/).filter((e) => e.startsWith('- server/'))) {
    let file = '';
    for (const m of entry.matchAll(/(server\/[\w/.-]+?\.ts)?:(\d+)(?:-(\d+))?/g)) {
      const before = entry[m.index - 1] ?? ' ';
      if (!m[1] && !/[\s(,]/.test(before)) continue;
      file = m[1] ?? file;
      const range: [number, number] = [Number(m[2]), Number(m[3] ?? m[2])];
      lines.set(file, [...(lines.get(file) ?? []), range]);
    }
  }
  return lines;
}
const EQUIVALENTS = 'tests/mutation/equivalent-mutants.md';
let listed: Map<string, [number, number][]> | undefined;
function isListed(file: string, at: string): boolean {
  listed ??= listedLines();
  const [from, to] = at.split('-').map((p) => Number(p.split(':')[0])) as [number, number];
  return (listed.get(file) ?? []).some(([a, b]) => a <= to && from <= b);
}

const argv = process.argv.slice(2);
const OURS = ['--all', '--report', '--confirm'];
const firstStryker = argv.findIndex((a) => a.startsWith('--') && !OURS.includes(a));
const ours = firstStryker === -1 ? argv : argv.slice(0, firstStryker);
const strykerArgs = firstStryker === -1 ? [] : argv.slice(firstStryker);
const files = await configuredFiles();
const unplanned = files.filter((f) => !MUTATION_PLAN[f]);
if (unplanned.length)
  throw new Error(`No test files planned for ${unplanned.join(', ')} (scripts/mutation/plan.ts)`);
const named = ours.filter((a) => !a.startsWith('--'));
const unknown = named.filter((f) => !files.includes(f));
if (unknown.length) throw new Error(`Not mutated by stryker.config.mjs: ${unknown.join(', ')}`);
if (!ours.includes('--report')) {
  const todo = ours.includes('--all')
    ? files
    : named.length
      ? named
      : files.filter((f) => {
          const r = stored(f);
          return !r || !isFresh(r);
        });
  // --confirm: only the survivors of the fresh kept results (of the files named, or all) not yet run again
  // on their own (`confirm`).
  if (ours.includes('--confirm')) {
    for (const file of named.length ? named : files)
      if (stored(file) && isFresh(stored(file)!)) confirm(file, strykerArgs);
  } else for (const file of todo) run(file, strykerArgs);
}
report(files);
