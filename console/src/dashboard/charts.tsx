import { useState, type ReactNode } from 'react';
import { Card, CardContent, MenuItem, TextField, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatMoney } from '../ledger/Money';
import type { DashboardData } from './useDashboard';

const HEIGHT = 260;

/** Numbers and days in the console's language (issue 16 item 6); days are the server's local days. */
export function useChartFormat() {
  const [locale] = useLocaleState();
  const tag = locale === 'id' ? 'id-ID' : 'en-GB';
  const dayFormat = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const compact = new Intl.NumberFormat(tag, {
    style: 'currency',
    currency: 'IDR',
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return {
    day: (iso: string) => dayFormat.format(new Date(`${iso}T00:00:00Z`)),
    /** Axis ticks: short enough to fit the axis (Rp 1,2 jt / IDR 1.2M). */
    compactMoney: (v: number | null) => (v === null ? '' : compact.format(v)),
    money: (v: number | null) => (v === null ? '—' : formatMoney(v)),
    percent: (v: number | null) => (v === null ? '—' : `${v}%`),
    hours: (v: number | null) => (v === null ? '—' : `${v} h`),
  };
}

/** An empty series still gets a readable 0..1 axis instead of a collapsed one with clipped ticks. */
const emptyMax = (series: (number | null)[][]) => (series.flat().some((v) => (v ?? 0) > 0) ? undefined : 1);

/** A y-axis wide enough for its longest tick label (the revenue chart's were cut off). */
export const moneyAxis = (
  format: (v: number | null) => string,
  id?: string,
  series: (number | null)[][] = [],
) => ({
  id,
  width: 84,
  min: 0,
  max: emptyMax(series),
  valueFormatter: (v: number | null) => format(v),
});

/** A count axis: whole numbers from zero. */
const countAxis = (series: number[][], id?: string, position?: 'left' | 'right') => ({
  id,
  position,
  width: 48,
  min: 0,
  max: emptyMax(series),
  tickMinStep: 1,
  valueFormatter: (v: number | null) => (v === null ? '' : String(Math.round(v))),
});

function ChartCard({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card data-testid={testId}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/** Inflow and resolved per day for one queue at a time (the role's queues in a picker). */
export function FlowChart({ data }: { data: DashboardData }) {
  const translate = useTranslate();
  const f = useChartFormat();
  const [key, setKey] = useState(data.flow[0]?.key ?? '');
  const flow = data.flow.find((x) => x.key === key) ?? data.flow[0];
  if (!flow) return null;
  return (
    <ChartCard title={translate('app.dashboard.chart.flow')} testId="chart-flow">
      <TextField
        select
        size="small"
        label={translate('app.dashboard.queue_name')}
        value={flow.key}
        onChange={(e) => setKey(e.target.value)}
        sx={{ mt: 1, minWidth: 220 }}
      >
        {data.flow.map((q) => (
          <MenuItem key={q.key} value={q.key}>
            {translate(`app.dashboard.queue.${q.key}`)}
          </MenuItem>
        ))}
      </TextField>
      <BarChart
        height={HEIGHT}
        xAxis={[{ scaleType: 'band', data: data.days, valueFormatter: f.day }]}
        yAxis={[countAxis([flow.inflow, flow.resolved])]}
        series={[
          { data: flow.inflow, label: translate('app.dashboard.chart.inflow') },
          { data: flow.resolved, label: translate('app.dashboard.chart.resolved') },
        ]}
      />
    </ChartCard>
  );
}

/** OPS-2: the share of each day's finished items finished within their SLA, per queue. */
export function SlaChart({ data }: { data: DashboardData }) {
  const translate = useTranslate();
  const f = useChartFormat();
  const measured = data.flow.filter((q) => q.slaAttainment.some((v) => v !== null));
  return (
    <ChartCard title={translate('app.dashboard.chart.sla')} testId="chart-sla">
      {measured.length === 0 ? (
        <Typography color="text.secondary">{translate('app.dashboard.chart.no_data')}</Typography>
      ) : (
        <LineChart
          height={HEIGHT}
          xAxis={[{ scaleType: 'point', data: data.days, valueFormatter: f.day }]}
          yAxis={[{ width: 48, min: 0, max: 100, valueFormatter: (v: number | null) => f.percent(v) }]}
          series={measured.map((q) => ({
            data: q.slaAttainment,
            label: translate(`app.dashboard.queue.${q.key}`),
            connectNulls: true,
            valueFormatter: f.percent,
          }))}
        />
      )}
    </ChartCard>
  );
}

/** REF-1, DSP-1: refund requests and disputes per day, and per 100 orders placed that day. */
export function CasesChart({ data }: { data: DashboardData }) {
  const translate = useTranslate();
  const f = useChartFormat();
  const c = data.cases;
  if (!c) return null;
  return (
    <ChartCard title={translate('app.dashboard.chart.cases')} testId="chart-cases">
      <Typography variant="body2" color="text.secondary">
        {translate('app.dashboard.chart.cases_rate', {
          refunds: f.percent(c.totals.refundRate),
          disputes: f.percent(c.totals.disputeRate),
        })}
      </Typography>
      <BarChart
        height={HEIGHT}
        xAxis={[{ scaleType: 'band', data: data.days, valueFormatter: f.day }]}
        yAxis={[countAxis([c.refundRequests, c.disputesOpened])]}
        series={[
          { data: c.refundRequests, label: translate('app.dashboard.chart.refund_requests') },
          { data: c.disputesOpened, label: translate('app.dashboard.chart.disputes') },
        ]}
      />
      <LineChart
        height={200}
        xAxis={[{ scaleType: 'point', data: data.days, valueFormatter: f.day }]}
        yAxis={[
          {
            width: 48,
            min: 0,
            max: emptyMax([c.refundRate, c.disputeRate]) ?? undefined,
            valueFormatter: (v: number | null) => f.percent(v),
          },
        ]}
        series={[
          {
            data: c.refundRate,
            label: translate('app.dashboard.chart.refund_rate'),
            connectNulls: true,
            valueFormatter: f.percent,
          },
          {
            data: c.disputeRate,
            label: translate('app.dashboard.chart.dispute_rate'),
            connectNulls: true,
            valueFormatter: f.percent,
          },
        ]}
      />
    </ChartCard>
  );
}

/** WDR-4: payouts paid per day, amount (left axis) and count (right axis). */
export function PayoutsChart({ data }: { data: DashboardData }) {
  const translate = useTranslate();
  const f = useChartFormat();
  if (!data.payouts) return null;
  return (
    <ChartCard title={translate('app.dashboard.chart.payouts')} testId="chart-payouts">
      <BarChart
        height={HEIGHT}
        xAxis={[{ scaleType: 'band', data: data.days, valueFormatter: f.day }]}
        yAxis={[
          moneyAxis(f.compactMoney, 'amount', [data.payouts.amount]),
          countAxis([data.payouts.count], 'count', 'right'),
        ]}
        series={[
          {
            data: data.payouts.amount,
            label: translate('app.dashboard.chart.payout_amount'),
            yAxisId: 'amount',
            valueFormatter: f.money,
          },
          {
            data: data.payouts.count,
            label: translate('app.dashboard.chart.payout_count'),
            yAxisId: 'count',
          },
        ]}
      />
    </ChartCard>
  );
}

/** WRN-9: funds held for blocked users at the end of each day. */
export function HeldChart({ data }: { data: DashboardData }) {
  const translate = useTranslate();
  const f = useChartFormat();
  if (!data.held) return null;
  return (
    <ChartCard title={translate('app.dashboard.chart.held')} testId="chart-held">
      <Typography variant="body2" color="text.secondary">
        {translate('app.dashboard.chart.held_now', {
          total: f.money(data.held.total),
          users: data.held.users,
        })}
      </Typography>
      <LineChart
        height={HEIGHT}
        xAxis={[{ scaleType: 'point', data: data.days, valueFormatter: f.day }]}
        yAxis={[moneyAxis(f.compactMoney, undefined, [data.held.endOfDay])]}
        series={[
          {
            data: data.held.endOfDay,
            label: translate('app.dashboard.chart.held_series'),
            area: true,
            valueFormatter: f.money,
          },
        ]}
      />
    </ChartCard>
  );
}

/** SUP-3: median hours to the first response and to the resolution of the tickets of each day. */
export function TicketTimesChart({ data }: { data: DashboardData }) {
  const translate = useTranslate();
  const f = useChartFormat();
  const t = data.tickets;
  const any = [...t.firstResponseHours, ...t.resolutionHours].some((v) => v !== null);
  return (
    <ChartCard title={translate('app.dashboard.chart.ticket_times')} testId="chart-ticket-times">
      {!any ? (
        <Typography color="text.secondary">{translate('app.dashboard.chart.no_data')}</Typography>
      ) : (
        <LineChart
          height={HEIGHT}
          xAxis={[{ scaleType: 'point', data: data.days, valueFormatter: f.day }]}
          yAxis={[{ width: 56, min: 0, valueFormatter: (v: number | null) => f.hours(v) }]}
          series={[
            {
              data: t.firstResponseHours,
              label: translate('app.dashboard.first_response_hours'),
              connectNulls: true,
              valueFormatter: f.hours,
            },
            {
              data: t.resolutionHours,
              label: translate('app.dashboard.resolution_hours'),
              connectNulls: true,
              valueFormatter: f.hours,
            },
          ]}
        />
      )}
    </ChartCard>
  );
}
