import {
  ArrayField,
  BooleanField,
  Datagrid,
  FunctionField,
  Labeled,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Box, Card, CardContent, Typography } from '@mui/material';
import { CaseLists, USER_CASES } from '../common/CaseLists';
import { LinkField } from '../common/links';
import { Money, formatMoney } from '../ledger/Money';
import { TrustActions } from './TrustActions';
import { AccountAccessPanel } from './AccountAccessPanel';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';

const KINDS = ['credit', 'pending', 'available', 'withdrawing', 'held'] as const;

/** A row of labelled figures, one card each (balances, seller metrics). */
function StatCards({ items, testId }: { items: [label: string, value: string][]; testId?: string }) {
  const translate = useTranslate();
  return (
    // Cards as wide as their figure, wrapping to the next line: an amount is never cut (issue 16, item 10).
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, my: 1 }} data-testid={testId}>
      {items.map(([label, value]) => (
        <Card key={label} variant="outlined" sx={{ minWidth: 140, flex: '0 0 auto' }}>
          <CardContent>
            <Typography variant="overline">{translate(label)}</Typography>
            <Typography variant="h6" sx={{ whiteSpace: 'nowrap' }}>
              {value}
            </Typography>
          </CardContent>
        </Card>
      ))}
    </Box>
  );
}

function Balances() {
  const record = useRecordContext<Record<string, number>>();
  if (!record) return null;
  return <StatCards items={KINDS.map((k) => [`resources.users.fields.${k}`, formatMoney(record[k] ?? 0)])} />;
}

interface Metrics {
  completed: number;
  cancelled: number;
  completionBp: number;
  ratingX100: number | null;
  onTimeBp: number;
  recentWarnings: number;
}

/** SEL-4: the seller's metrics over the level window, as the daily level run sees them. */
function SellerMetricsCard() {
  const m = useRecordContext<{ sellerMetrics: Metrics | null }>()?.sellerMetrics;
  if (!m) return null;
  const pct = (bp: number) => `${(bp / 100).toFixed(1)}%`;
  return (
    <StatCards
      testId="seller-metrics"
      items={(
        [
          ['completed', String(m.completed)],
          ['cancelled', String(m.cancelled)],
          ['completion', pct(m.completionBp)],
          ['rating', m.ratingX100 === null ? '—' : (m.ratingX100 / 100).toFixed(2)],
          ['on_time', pct(m.onTimeBp)],
          ['recent_warnings', String(m.recentWarnings)],
        ] as const
      ).map(([k, v]) => [`resources.users.metrics.${k}`, v])}
    />
  );
}

export function UserShow() {
  return (
    <Show actions={<TrustActions />}>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="email" />
        <TextField source="username" />
        <EnumField source="status" kind="status.users" />
        <BooleanField source="isSeller" />
        <EnumField source="sellerLevel" kind="resources.users.level" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="activatedAt" />
        <DateTimeField source="identityVerifiedAt" />
        <EnumField source="deactivationReason" kind="reason.deactivation" />
        <Labeled label="app.access.title">
          <AccountAccessPanel />
        </Labeled>
        <Labeled label="resources.users.balances">
          <Balances />
        </Labeled>
        <Labeled label="resources.users.metrics.title">
          <SellerMetricsCard />
        </Labeled>
        <NumberField source="disputeCount" />
        <TextField
          source="sellerApplication.status"
          label="resources.users.fields.sellerApplication"
          emptyText="—"
        />
        <ArrayField source="warnings" label="app.cases.sections.warnings">
          <Datagrid bulkActionButtons={false} empty={<span />}>
            <DateTimeField source="issuedAt" />
            <EnumField source="type" kind="resources.users.warning_type" />
            <EnumField source="consequence" kind="consequence" />
            <FunctionField
              source="levelAfter"
              render={(w) => (w.consequence === 'demotion' ? `${w.levelBefore} → ${w.levelAfter}` : '')}
            />
            <TextField source="reason" />
            <TextField source="evidence" />
            <DateTimeField source="suspendedUntil" />
          </Datagrid>
        </ArrayField>
        <ArrayField source="orders">
          <Datagrid
            rowClick={(_id, _resource, record) => `/orders/${record.id}/show`}
            bulkActionButtons={false}
          >
            <TextField source="id" />
            <TextField source="title" />
            <EnumField source="status" kind="status.orders" />
            <LinkField
              source="buyerId"
              nameSource="buyerName"
              reference="users"
              label="app.cases.fields.buyer"
            />
            <LinkField
              source="sellerId"
              nameSource="sellerName"
              reference="users"
              label="app.cases.fields.seller"
            />
            <Money source="total" />
            <DateTimeField source="createdAt" showTime={false} />
          </Datagrid>
        </ArrayField>
        <Labeled label="app.cases.title" fullWidth>
          <CaseLists target="userId" kinds={USER_CASES} />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
