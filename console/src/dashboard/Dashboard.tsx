import { Card, CardContent, Stack, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { SystemCard } from './SystemCard';
import { TrialBalanceCard } from './TrialBalanceCard';
import { SupportQueueCard } from './SupportQueueCard';
import { FinanceCard } from './FinanceCard';
import { SatisfactionCard } from './SatisfactionCard';

export function Dashboard() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title={translate('app.title')} />
      <Card>
        <CardContent>
          <Typography variant="h5">
            {translate('app.dashboard.welcome', { name: identity?.fullName ?? '' })}
          </Typography>
          {identity && (
            <Typography>
              {translate('app.dashboard.role', { role: translate(`roles.${identity.role}`) })}
            </Typography>
          )}
          <Typography color="text.secondary">{translate('app.dashboard.queues_later')}</Typography>
        </CardContent>
      </Card>
      <SupportQueueCard />
      <FinanceCard />
      <SatisfactionCard />
      <TrialBalanceCard />
      <SystemCard />
    </Stack>
  );
}
