import { useEffect, useState } from 'react';
import { Card, CardContent, Typography } from '@mui/material';
import { Link, useGetList, usePermissions, useTranslate } from 'react-admin';
import { useFormatDateTime } from '../common/DateTimeField';

interface Health {
  status: string;
  database: { kind: string; reachable: boolean; latencyMs: number | null };
  time: string;
}

function OutboxCounts() {
  const translate = useTranslate();
  const pending = useGetList('outbox', {
    pagination: { page: 1, perPage: 1 },
    filter: { status: 'pending' },
  });
  const failed = useGetList('outbox', { pagination: { page: 1, perPage: 1 }, filter: { status: 'failed' } });
  return (
    <>
      <Typography>
        {translate('app.dashboard.outbox_pending')}: {pending.total ?? '…'}
      </Typography>
      <Typography color={failed.total ? 'error' : undefined}>
        {translate('app.dashboard.outbox_failed')}: {failed.total ?? '…'}
      </Typography>
    </>
  );
}

/** OPS-4: scheduler jobs that failed their last attempt, linked to their list (retry is there). */
function FailedJobs() {
  const translate = useTranslate();
  const failed = useGetList('jobs', { pagination: { page: 1, perPage: 1 }, filter: { status: 'failed' } });
  if (failed.total === undefined) return null;
  if (failed.total === 0) return <Typography>{translate('app.dashboard.jobs_none')}</Typography>;
  return (
    <Typography color="error">
      <Link to={`/jobs?filter=${encodeURIComponent(JSON.stringify({ status: 'failed' }))}`} color="error">
        {translate('app.dashboard.jobs_failed', { count: failed.total })}
      </Link>
    </Typography>
  );
}

export function SystemCard() {
  const formatDate = useFormatDateTime();
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    // Anonymous /api/health says only up or down; the details are for admins.
    if (permissions !== 'admin') return;
    fetch('/api/admin/health', { credentials: 'same-origin' })
      .then((r) => r.json())
      .then(setHealth, () => setHealth(null));
  }, [permissions]);
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">{translate('app.dashboard.system')}</Typography>
        {health && (
          <>
            <Typography>
              {translate('app.dashboard.database')}: {health.database.kind} —{' '}
              {translate(health.database.reachable ? 'app.dashboard.reachable' : 'app.dashboard.unreachable')}
            </Typography>
            <Typography>
              {translate('app.dashboard.server_time')}: {formatDate(health.time, 'seconds')}
            </Typography>
          </>
        )}
        {permissions === 'admin' && <OutboxCounts />}
        {permissions === 'admin' && <FailedJobs />}
      </CardContent>
    </Card>
  );
}
