/** Small statistics over measured samples: medians of rounds, percentiles of latencies. */

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

/** One run of a measure: throughput (operations per second), its 99th percentile latency (ms), errors. */
export interface Sample {
  rate: number;
  p99Ms: number;
  errors: number;
  /** What went wrong, by kind (status code, "deadlock", "socket"…), for the notes column. */
  detail?: Record<string, number>;
  /** CPU milliseconds per operation of the serving process and of PostgreSQL (lib/cpu.ts). */
  cpu?: { appMs: number; dbMs: number };
}

export function addDetail(into: Record<string, number>, from: Record<string, number> | undefined) {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v;
}
