import { useEffect, useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import {
  Button,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { moneyAxis, useChartFormat } from '../dashboard/charts';
import { API_ROOT, httpClient } from '../api';
import { download, thisMonth } from '../common/download';

type Month = { month: string } & Record<string, number>;

const CHART = ['commission', 'retainedMarketplaceFees', 'retainedPaymentFees', 'arbitrationFees'] as const;
const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;

/** INV-4: the monthly revenue report from the ledger, as a table, a chart and a CSV download. */
export function RevenueReport() {
  const translate = useTranslate();
  const f = useChartFormat();
  const notify = useNotify();
  const [until, setUntil] = useState(thisMonth());
  const [report, setReport] = useState<{ lines: string[]; months: Month[] } | null>(null);
  useEffect(() => {
    if (!/^\d{4}-\d{2}$/.test(until)) return;
    httpClient(`${API_ROOT}/revenue?until=${until}&months=12`).then(
      ({ json }) => setReport(json as { lines: string[]; months: Month[] }),
      (e: Error) => notify(e.message, { type: 'warning' }),
    );
  }, [until, notify]);
  const label = (line: string) => translate(`resources.revenue.line.${line}`);
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('resources.revenue.name')} />
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
          <TextField
            size="small"
            label={translate('resources.revenue.until')}
            value={until}
            onChange={(e) => setUntil(e.target.value)}
          />
          <Button
            variant="outlined"
            size="small"
            onClick={() =>
              void download(`/revenue.csv?until=${until}&months=12`, `revenue-${until}.csv`).then(
                (problem) => problem && notify(problem, { type: 'warning' }),
              )
            }
          >
            {translate('resources.revenue.download')}
          </Button>
        </Stack>
        {report && (
          <>
            <BarChart
              height={300}
              xAxis={[{ scaleType: 'band', data: report.months.map((m) => m.month) }]}
              // Wide enough for "Rp 12,5 jt": the default 30 px cut every label off.
              // The series go along: without them the axis takes the empty chart's 0..1 and cuts every bar.
              yAxis={[
                moneyAxis(
                  f.compactMoney,
                  undefined,
                  CHART.map((line) => report.months.map((m) => m[line] ?? 0)),
                ),
              ]}
              series={CHART.map((line) => ({
                data: report.months.map((m) => m[line] ?? 0),
                label: label(line),
                stack: 'revenue',
                valueFormatter: f.money,
              }))}
            />
            <Table size="small" aria-label={translate('resources.revenue.name')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.revenue.month')}</TableCell>
                  {report.lines.map((l) => (
                    <TableCell key={l} align="right">
                      {label(l)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {report.months.map((m) => (
                  <TableRow key={m.month}>
                    <TableCell>{m.month}</TableCell>
                    {report.lines.map((l) => (
                      <TableCell key={l} align="right">
                        {rupiah(m[l] ?? 0)}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </CardContent>
    </Card>
  );
}
