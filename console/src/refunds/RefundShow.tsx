import {
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  DateField,
  TopToolbar,
  useRecordContext,
  useTranslate,
  FunctionField,
} from 'react-admin';
import { Alert, Box, Card, CardContent, Grid, Link, Stack, Typography } from '@mui/material';
import { Money, formatMoney } from '../ledger/Money';
import { allows } from '../common/allowed';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { TimelineList, type TimelineItem } from '../orders/OrderShow';
import { QueueBar } from '../common/QueueBar';

interface Party {
  name: string;
  email: string;
  orders: number;
  cancelledOrders: number;
  refundRequests: number;
  escalations: number;
  disputes: number;
  warnings: number;
  balances: Record<string, number>;
}
interface Preview {
  amount: number;
  paymentFee: number;
  marketplaceFee: number;
  net: number;
  destination: string;
  from: string;
}

function PartyCard({ title, party }: { title: string; party: Party | null }) {
  const translate = useTranslate();
  if (!party) return null;
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="overline">{translate(title)}</Typography>
        <Typography variant="h6">{party.name}</Typography>
        <Typography variant="body2">{party.email}</Typography>
        <Typography variant="body2">
          {translate('resources.refund-requests.history', {
            orders: party.orders,
            cancelled: party.cancelledOrders,
            refunds: party.refundRequests,
            escalations: party.escalations,
            disputes: party.disputes,
            warnings: party.warnings,
          })}
        </Typography>
        <Typography variant="body2">
          {translate('resources.users.fields.credit')}: {formatMoney(party.balances.credit ?? 0)} ·{' '}
          {translate('resources.users.fields.pending')}: {formatMoney(party.balances.pending ?? 0)} ·{' '}
          {translate('resources.users.fields.available')}: {formatMoney(party.balances.available ?? 0)}
        </Typography>
      </CardContent>
    </Card>
  );
}

/** REF-5: what approval would post, computed by the server with the same function the decision uses. */
function PreviewBox() {
  const record = useRecordContext<{ preview: Preview; status: string }>();
  const translate = useTranslate();
  if (!record?.preview || record.status !== 'open') return null;
  const p = record.preview;
  return (
    <Alert severity="info" data-testid="refund-preview">
      {translate('resources.refund-requests.preview', {
        amount: formatMoney(p.amount),
        from: p.from,
        destination: p.destination,
        paymentFee: formatMoney(p.paymentFee),
        marketplaceFee: formatMoney(p.marketplaceFee),
        net: formatMoney(p.net),
      })}
    </Alert>
  );
}

function Evidence() {
  const record = useRecordContext<{ evidence: { id: number; filename: string; size: number }[] }>();
  const translate = useTranslate();
  if (!record?.evidence) return null;
  if (!record.evidence.length)
    return <Typography variant="body2">{translate('resources.refund-requests.no_evidence')}</Typography>;
  return (
    <Stack>
      {record.evidence.map((f) => (
        <Link key={f.id} href={`/api/admin/evidence/${f.id}`}>
          {f.filename} ({Math.ceil(f.size / 1024)} KB)
        </Link>
      ))}
    </Stack>
  );
}

function Parties() {
  const record = useRecordContext<{ buyer: Party; seller: Party | null }>();
  if (!record) return null;
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 6 }}>
        <PartyCard title="resources.refund-requests.buyer" party={record.buyer} />
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <PartyCard title="resources.refund-requests.seller" party={record.seller} />
      </Grid>
    </Grid>
  );
}

function OrderTimeline() {
  const record = useRecordContext<{
    order: {
      timeline: TimelineItem[];
      milestones: { seq: number; title: string; amount: number; status: string }[];
    } | null;
  }>();
  const translate = useTranslate();
  if (!record?.order) return null;
  return (
    <Box>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('resources.orders.tabs.timeline')}
      </Typography>
      {record.order.milestones.map((m) => (
        <Typography key={m.seq} variant="body2">
          #{m.seq} {m.title}: {formatMoney(m.amount)} ({m.status})
        </Typography>
      ))}
      <TimelineList items={record.order.timeline} />
    </Box>
  );
}

function Decisions() {
  const record = useRecordContext<{ status: string; allowedActions: string[] }>();
  if (!allows(record, 'support-approve', 'support-approve-partial', 'support-reject')) return null;
  return (
    <TopToolbar sx={{ gap: 1 }}>
      <ActionDialogButton
        resource="refund-requests"
        action="approve"
        transition="support-approve"
        label="resources.refund-requests.action.approve_full"
        color="success"
        fields={[
          {
            name: 'reason',
            label: 'resources.refund-requests.fields.reason_for_decision',
            type: 'text',
            required: true,
          },
        ]}
      />
      <ActionDialogButton
        resource="refund-requests"
        action="approve"
        transition="support-approve-partial"
        label="resources.refund-requests.action.approve_part"
        color="warning"
        fields={[
          {
            name: 'amount',
            label: 'resources.refund-requests.fields.approved_amount',
            type: 'money',
            required: true,
          },
          {
            name: 'reason',
            label: 'resources.refund-requests.fields.reason_for_decision',
            type: 'text',
            required: true,
          },
        ]}
      />
      <ActionDialogButton
        resource="refund-requests"
        action="reject"
        transition="support-reject"
        label="resources.refund-requests.action.reject"
        color="error"
        fields={[
          {
            name: 'reason',
            label: 'resources.refund-requests.fields.reason_for_decision',
            type: 'text',
            required: true,
          },
        ]}
      />
    </TopToolbar>
  );
}

export function RefundShow() {
  return (
    <Show actions={<Decisions />}>
      <SimpleShowLayout>
        <QueueBar resource="refund-requests" />
        <TextField source="kind" />
        <TextField source="status" />
        <FunctionField
          source="slaDueAt"
          render={(r) => (
            <Typography color={r.overdue ? 'error' : undefined}>
              {new Date(r.slaDueAt).toLocaleString()}
            </Typography>
          )}
        />
        <TextField source="buyerName" />
        <TextField source="orderTitle" emptyText="—" />
        <Money source="amount" />
        <TextField source="destination" />
        <TextField source="reason" />
        <TextField source="message" />
        <PreviewBox />
        <Labeled label="resources.refund-requests.fields.evidence">
          <Evidence />
        </Labeled>
        <Money source="approvedAmount" />
        <Money source="paidOut" />
        <TextField source="decisionReason" emptyText="—" />
        <DateField source="decidedAt" showTime emptyText="—" />
        <Parties />
        <OrderTimeline />
      </SimpleShowLayout>
    </Show>
  );
}
