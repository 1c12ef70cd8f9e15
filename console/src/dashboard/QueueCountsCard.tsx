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
import { Link, useTranslate } from 'react-admin';
import type { Filter, QueueCounts } from './useDashboard';

const COLUMNS = ['open', 'dueToday', 'overdue', 'assignedToMe'] as const;

/** The filtered list a count stands for (react-admin reads `filter` from the list's URL). */
export const listLink = (resource: string, filter: Filter) =>
  `/${resource}?${new URLSearchParams({ filter: JSON.stringify(filter) }).toString()}`;

/** OPS-2: each queue of the role with open, due today, overdue and assigned-to-me, every count a link. */
export function QueueCountsCard({ queues }: { queues: QueueCounts[] }) {
  const translate = useTranslate();
  return (
    <Card data-testid="queue-counts">
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('app.dashboard.queues')}
        </Typography>
        <Table size="small" aria-label={translate('app.dashboard.queues')}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('app.dashboard.queue_name')}</TableCell>
              {COLUMNS.map((c) => (
                <TableCell key={c} align="right">
                  {translate(`app.dashboard.count.${c}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {queues.map((q) => {
              const name = translate(`app.dashboard.queue.${q.key}`);
              return (
                <TableRow key={q.key} data-testid={`queue-${q.key}`}>
                  <TableCell component="th" scope="row">
                    <Link to={listLink(q.resource, q.links.open)}>{name}</Link>
                  </TableCell>
                  {COLUMNS.map((c) => {
                    const value = q[c];
                    const filter = q.links[c];
                    const late = c === 'overdue' && (value ?? 0) > 0;
                    return (
                      <TableCell key={c} align="right">
                        {value === null || !filter ? (
                          <span aria-label={translate('app.dashboard.not_applicable')}>—</span>
                        ) : (
                          <Link
                            to={listLink(q.resource, filter)}
                            aria-label={translate('app.dashboard.count_link', {
                              queue: name,
                              count: value,
                              what: translate(`app.dashboard.count.${c}`),
                            })}
                            sx={{
                              fontWeight: late ? 700 : undefined,
                              color: late ? 'error.dark' : undefined,
                            }}
                          >
                            {value}
                          </Link>
                        )}
                      </TableCell>
                    );
                  })}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
