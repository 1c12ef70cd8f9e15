import type { AppContext } from '../../context.js';
import { listResource } from '../../http/list.js';
import { withQueueFilters } from '../dashboards/queues.js';
import { businessMsBetween, type Calendar } from '../../time/business-days.js';
import { settingsAt } from '../settings/repository.js';

export interface SlaRow {
  slaDueAt: Date | string | null;
  slaStartedAt: Date | string | null;
  slaRunning: boolean;
}

export type SlaState = 'on_time' | 'due_soon' | 'breached';

export interface Sla {
  /** Business time left until the SLA falls due; negative once breached (how long ago, in business time). */
  slaLeftMs: number | null;
  /** The SLA's whole length in business time, start to due. */
  slaTotalMs: number | null;
  /** `due_soon` in the last quarter of the SLA, `breached` past it; null when no SLA runs (decided). */
  slaState: SlaState | null;
}

/**
 * OPS-2: the countdown of one case on the server's clock, in business time (weekends and holidays stand
 * still).
 */
export function slaOf(row: SlaRow, now: Date, calendar: Calendar): Sla {
  if (!row.slaRunning || !row.slaDueAt) return { slaLeftMs: null, slaTotalMs: null, slaState: null };
  const due = new Date(row.slaDueAt);
  const started = row.slaStartedAt ? new Date(row.slaStartedAt) : null;
  const breached = now >= due;
  const left = breached ? -businessMsBetween(due, now, calendar) : businessMsBetween(now, due, calendar);
  const total = started && started < due ? businessMsBetween(started, due, calendar) : null;
  const state: SlaState = breached
    ? 'breached'
    : total !== null && left <= total / 4
      ? 'due_soon'
      : 'on_time';
  return { slaLeftMs: left, slaTotalMs: total, slaState: state };
}

/** The marketplace's business calendar now: its time zone and the holidays of the current settings. */
export async function calendarNow(ctx: AppContext): Promise<Calendar> {
  const s = await settingsAt(ctx.db, ctx.clock.now());
  return { timezone: ctx.config.timezone, holidays: s.holidays };
}

/** Queue rows with their SLA countdown added. */
export async function withSla<R extends SlaRow>(ctx: AppContext, rows: R[]): Promise<(R & Sla)[]> {
  const now = ctx.clock.now();
  const calendar = await calendarNow(ctx);
  return rows.map((r) => ({ ...r, ...slaOf(r, now, calendar) }));
}

/**
 * OPS-2: one page of a staff queue: the list helper with the queue's own filters (due today, overdue,
 * assigned to; `queue` names it in the registry) and each row's SLA countdown.
 */
export async function queuePage<R extends SlaRow>(
  ctx: AppContext,
  o: Parameters<typeof listResource<R>>[1] & { queue?: string },
): Promise<(R & Sla)[]> {
  const spec = o.queue ? withQueueFilters(ctx, o.spec, o.queue) : o.spec;
  return withSla(ctx, await listResource(ctx.db, { res: o.res, base: o.base, spec, query: o.query }));
}
