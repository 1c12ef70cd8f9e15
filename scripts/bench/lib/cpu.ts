import { readFileSync, readdirSync } from 'node:fs';
import type { Sample } from './stats.js';

/**
 * CPU time per operation, read from Linux's /proc: what a request costs the application process and what
 * it costs PostgreSQL, beside the anchor's own. A ratio of rates says how far the product is from its
 * anchor; these say where the time goes (issue #14). The product's PostgreSQL figure is its database's
 * backends; pgbench's is every `postgres` process of the machine, exited backends included (their time is
 * added to the postmaster's reaped-children counters), so it means something only on an idle machine.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

interface ProcStat {
  ppid: number;
  comm: string;
  self: number;
  reaped: number;
}

function procStat(pid: number | string): ProcStat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return {
      ppid: Number(f[1]),
      comm: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')),
      self: Number(f[11]) + Number(f[12]),
      reaped: Number(f[13]) + Number(f[14]),
    };
  } catch {
    return null; // exited between the listing and the read, or not Linux
  }
}

/** CPU milliseconds one process has used so far. */
function processCpuMs(pid: number): number {
  return (procStat(pid)?.self ?? 0) * TICK_MS;
}

/**
 * CPU milliseconds PostgreSQL has used so far: with `database`, its live backends of that database (the
 * product's pool keeps its connections through a measure, so this holds on a busy machine too); without,
 * every PostgreSQL process of the machine, exited backends included (pgbench's connections end with its run).
 */
function postgresCpuMs(database?: string): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = procStat(entry);
    if (s?.comm !== 'postgres') continue;
    if (database) {
      if (commandLine(entry).split(' ').includes(database)) ticks += s.self;
      continue;
    }
    ticks += s.self;
    if (procStat(s.ppid)?.comm !== 'postgres') ticks += s.reaped; // the postmaster
  }
  return ticks * TICK_MS;
}

function commandLine(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * Runs one measure and adds its CPU per operation to the sample: `pid` is the process that served it (the
 * product, an anchor server; none for pgbench, whose client is not what is compared), `database` the
 * database whose backends served it (none: the whole machine's PostgreSQL).
 */
export async function metered<T extends Sample & { done?: number }>(
  at: { pid?: number; database?: string },
  run: () => Promise<T>,
): Promise<T> {
  const { pid, database } = at;
  const app0 = pid ? processCpuMs(pid) : 0;
  const db0 = postgresCpuMs(database);
  const t0 = performance.now();
  const sample = await run();
  const ops = sample.done ?? (sample.rate * (performance.now() - t0)) / 1000;
  if (ops > 0)
    sample.cpu = {
      appMs: ((pid ? processCpuMs(pid) : 0) - app0) / ops,
      dbMs: (postgresCpuMs(database) - db0) / ops,
    };
  return sample;
}
