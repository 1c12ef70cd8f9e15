import { useEffect, useState } from 'react';
import {
  Card,
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { usePermissions, useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';

interface Stats {
  byAgent: { staffId: number | null; name: string | null; ratings: number; average: number }[];
  byTopic: { topic: string; ratings: number; average: number }[];
  times: {
    topic: string;
    tickets: number;
    firstResponseHours: number | null;
    resolutionHours: number | null;
  }[];
}

const hours = (h: number | null) => (h === null ? '—' : h.toFixed(1));

/** SUP-6: ratings per agent and topic; first-response and resolution times (medians, hours). */
export function SatisfactionCard() {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const enabled = ['admin', 'support', 'trust_safety', 'finance'].includes(String(permissions));
  const [stats, setStats] = useState<Stats | null>(null);
  useEffect(() => {
    if (!enabled) return;
    httpClient(`${API_ROOT}/tickets-satisfaction`).then(
      ({ json }) => setStats(json as Stats),
      () => setStats(null),
    );
  }, [enabled]);
  if (!enabled || !stats) return null;
  return (
    <Card data-testid="ticket-satisfaction">
      <CardContent>
        <Typography variant="h6">{translate('app.dashboard.satisfaction')}</Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.dashboard.agent')}</TableCell>
              <TableCell align="right">{translate('app.dashboard.ratings')}</TableCell>
              <TableCell align="right">{translate('app.dashboard.average')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {stats.byAgent.map((a) => (
              <TableRow key={a.staffId ?? 0}>
                <TableCell>{a.name ?? translate('app.dashboard.automatic')}</TableCell>
                <TableCell align="right">{a.ratings}</TableCell>
                <TableCell align="right">{a.average.toFixed(2)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Table size="small" sx={{ mt: 2 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.tickets.fields.topic')}</TableCell>
              <TableCell align="right">{translate('app.dashboard.ratings')}</TableCell>
              <TableCell align="right">{translate('app.dashboard.average')}</TableCell>
              <TableCell align="right">{translate('app.dashboard.first_response_hours')}</TableCell>
              <TableCell align="right">{translate('app.dashboard.resolution_hours')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {stats.times.map((t) => {
              const r = stats.byTopic.find((x) => x.topic === t.topic);
              return (
                <TableRow key={t.topic}>
                  <TableCell>{translate(`resources.tickets.topic.${t.topic}`)}</TableCell>
                  <TableCell align="right">{r?.ratings ?? 0}</TableCell>
                  <TableCell align="right">{r ? r.average.toFixed(2) : '—'}</TableCell>
                  <TableCell align="right">{hours(t.firstResponseHours)}</TableCell>
                  <TableCell align="right">{hours(t.resolutionHours)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
