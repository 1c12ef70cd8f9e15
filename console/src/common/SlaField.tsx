import { FunctionField, useTranslate } from 'react-admin';
import { Chip, Tooltip } from '@mui/material';
import { useFormatDateTime } from './DateTimeField';

export type SlaState = 'on_time' | 'due_soon' | 'breached';

export interface SlaRecord {
  slaDueAt?: string | null;
  slaLeftMs?: number | null;
  slaState?: SlaState | null;
  overdue?: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Business time as "2 d 3 h", "3 h", "45 min": the two largest units are enough to act on. */
export function useDuration() {
  const translate = useTranslate();
  return (ms: number) => {
    const abs = Math.abs(ms);
    const d = Math.floor(abs / DAY);
    const h = Math.floor((abs % DAY) / HOUR);
    const m = Math.max(1, Math.floor((abs % HOUR) / MINUTE));
    if (d > 0)
      return [translate('app.queue.d', { n: d }), h ? translate('app.queue.h', { n: h }) : '']
        .join(' ')
        .trim();
    if (h > 0) return translate('app.queue.h', { n: h });
    return translate('app.queue.min', { n: m });
  };
}

// Amber and red with dark and white text that keep 4.5:1 contrast (the MUI warning chip does not).
const COLOURS: Record<SlaState, { bgcolor: string; color: string }> = {
  on_time: { bgcolor: '#e8eaf0', color: '#1f2430' },
  due_soon: { bgcolor: '#ffd54f', color: '#3e2a00' },
  breached: { bgcolor: '#b71c1c', color: '#ffffff' },
};

/**
 * OPS-2: a case's SLA countdown in business time, computed by the server on its clock ("due in 3 h"),
 * amber in the last quarter of the SLA and red once breached; the due date in the tooltip.
 */
export function SlaCountdown({ record }: { record: SlaRecord }) {
  const translate = useTranslate();
  const formatDate = useFormatDateTime();
  const duration = useDuration();
  if (!record.slaDueAt) return <>—</>;
  const at = formatDate(record.slaDueAt);
  const state = record.slaState;
  if (!state || record.slaLeftMs === null || record.slaLeftMs === undefined)
    return <>{translate('app.queue.due_at', { at })}</>;
  const text =
    state === 'breached'
      ? translate('app.queue.overdue_by', { time: duration(record.slaLeftMs) })
      : translate('app.queue.due_in', { time: duration(record.slaLeftMs) });
  return (
    <Tooltip
      title={`${translate(`app.queue.sla_state.${state}`)} · ${translate('app.queue.due_at', { at })}`}
    >
      <Chip size="small" data-testid="sla-countdown" data-sla={state} label={text} sx={COLOURS[state]} />
    </Tooltip>
  );
}

/**
 * A queue row's SLA column. Give it `label` and `source` where it is used (a Datagrid reads the header from
 * its children's own props).
 */
export function SlaField(_props: { label?: string; source?: string; sortBy?: string }) {
  return <FunctionField source="slaDueAt" render={(r: SlaRecord) => <SlaCountdown record={r} />} />;
}
