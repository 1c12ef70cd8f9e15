import { Card, CardContent, Typography } from '@mui/material';
import { useGetList, usePermissions, useTranslate } from 'react-admin';

/** OPS-2 / REF-4: open and overdue items of the support queues. */
export function SupportQueueCard() {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const enabled = permissions === 'support' || permissions === 'admin';
  const page = { pagination: { page: 1, perPage: 1 } };
  const refunds = useGetList('refund-requests', { ...page, filter: { status: 'open' } }, { enabled });
  const refundsLate = useGetList(
    'refund-requests',
    { ...page, filter: { status: 'open', overdue: true } },
    { enabled },
  );
  const esc = useGetList('escalations', { ...page, filter: { status: 'open' } }, { enabled });
  const escLate = useGetList(
    'escalations',
    { ...page, filter: { status: 'open', overdue: true } },
    { enabled },
  );
  if (!enabled) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">{translate('app.dashboard.support_queue')}</Typography>
        <Typography data-testid="refunds-open">
          {translate('app.dashboard.refunds_open', {
            open: refunds.total ?? '…',
            overdue: refundsLate.total ?? '…',
          })}
        </Typography>
        <Typography color={escLate.total ? 'error' : undefined}>
          {translate('app.dashboard.escalations_open', {
            open: esc.total ?? '…',
            overdue: escLate.total ?? '…',
          })}
        </Typography>
      </CardContent>
    </Card>
  );
}
