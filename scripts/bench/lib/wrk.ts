import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Sample } from './stats.js';

const run = promisify(execFile);

function ms(value: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(value.trim());
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

/** Parses wrk's report (with --latency): requests/s, p99, non-2xx answers and socket errors. */
export function parseWrk(out: string): Sample {
  const rate = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const p99 = ms(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socket = sock ? sock.slice(1).reduce((a, n) => a + Number(n), 0) : 0;
  const detail: Record<string, number> = {};
  if (non2xx) detail['non-2xx'] = non2xx;
  if (socket) detail.socket = socket;
  return { rate, p99Ms: p99, errors: non2xx + socket, detail };
}

/** `wrk -t1 -c16 -dNs --latency` against one URL, with optional headers (the bearer token). */
export async function wrk(
  url: string,
  opts: { seconds: number; connections?: number; headers?: Record<string, string> },
): Promise<Sample> {
  const args = ['-t1', `-c${opts.connections ?? 16}`, `-d${opts.seconds}s`, '--latency'];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  args.push(url);
  const { stdout } = await run('wrk', args, { maxBuffer: 1 << 20 });
  return parseWrk(stdout);
}
