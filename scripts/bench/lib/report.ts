import os from 'node:os';
import { median, type Sample } from './stats.js';

/** One line of the table: a measure of the product against its anchor, medians over the rounds. */
export interface Row {
  measure: string;
  product: Sample[];
  anchorName?: string;
  anchor?: Sample[];
  /** Free text: the target, deadlocks, checks. */
  notes?: string;
}

const fmt = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '-');

export function ratioOf(row: Row): number {
  if (!row.anchor?.length) return NaN;
  return median(row.product.map((s) => s.rate)) / median(row.anchor.map((s) => s.rate));
}

/** Median CPU ms per operation of the serving process + PostgreSQL, e.g. `1.10+0.52`. */
function cpuOf(samples: Sample[] | undefined): string {
  const measured = (samples ?? []).flatMap((s) => (s.cpu ? [s.cpu] : []));
  if (!measured.length) return '';
  const app = median(measured.map((c) => c.appMs));
  const db = median(measured.map((c) => c.dbMs));
  return `${app.toFixed(2)}+${db.toFixed(2)}`;
}

export function renderTable(rows: Row[]): string {
  const withCpu = rows.some((r) => r.product.some((s) => s.cpu));
  const header = ['measure', 'product/s', 'anchor', 'anchor/s', 'ratio', 'p99 ms', 'errors'];
  // CPU ms per operation, the serving process + PostgreSQL (lib/cpu.ts), product then anchor.
  if (withCpu) header.push('CPU ms/op', 'anchor CPU ms/op');
  header.push('notes');
  const lines = rows.map((r) => {
    const ratio = ratioOf(r);
    return [
      r.measure,
      fmt(median(r.product.map((s) => s.rate))),
      r.anchorName ?? '',
      r.anchor?.length ? fmt(median(r.anchor.map((s) => s.rate))) : '',
      Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '',
      fmt(median(r.product.map((s) => s.p99Ms))),
      String(r.product.reduce((a, s) => a + s.errors, 0)),
      ...(withCpu ? [cpuOf(r.product), cpuOf(r.anchor)] : []),
      r.notes ?? '',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n');
}

/** The machine, as the README's Performance section quotes it. */
export function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2));
  return (
    `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB,` +
    ` Node ${process.version}, load average ${load.join(' ')}`
  );
}
