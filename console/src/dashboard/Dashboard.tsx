import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { SystemCard } from './SystemCard';
import { TrialBalanceCard } from './TrialBalanceCard';
import { FinanceCard } from './FinanceCard';
import { SatisfactionCard } from './SatisfactionCard';
import { QueueCountsCard } from './QueueCountsCard';
import { CasesChart, FlowChart, HeldChart, PayoutsChart, SlaChart, TicketTimesChart } from './charts';
import { useDashboard } from './useDashboard';

/**
 * Each role's dashboard (issue 16 item 7): its queues with counts that open the filtered lists, then the
 * last 30 days of its work drawn from GET /api/admin/dashboard/:role.
 */
export function Dashboard() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const role = identity?.role as string | undefined;
  const { data, error } = useDashboard(role);
  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 2 }}>
      <Title title={translate('app.title')} />
      <Card>
        <CardContent>
          <Typography variant="h5" component="h1">
            {translate('app.dashboard.welcome', { name: identity?.fullName ?? '' })}
          </Typography>
          {role && (
            <Typography>
              {translate('app.dashboard.role', { role: translate(`roles.${role}`) })}
              {data &&
                ` ${translate('app.dashboard.window', { days: data.days.length, timezone: data.timezone })}`}
            </Typography>
          )}
        </CardContent>
      </Card>
      {error && <Alert severity="error">{error}</Alert>}
      {data && <QueueCountsCard queues={data.queues} />}
      {data && (
        <Box
          data-testid="dashboard-charts"
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: '1fr', lg: 'repeat(2, minmax(0, 1fr))' },
            gap: 2,
          }}
        >
          <FlowChart data={data} />
          <SlaChart data={data} />
          <CasesChart data={data} />
          <PayoutsChart data={data} />
          <HeldChart data={data} />
          <TicketTimesChart data={data} />
        </Box>
      )}
      <SatisfactionCard />
      <FinanceCard />
      <TrialBalanceCard />
      <SystemCard />
    </Stack>
  );
}
