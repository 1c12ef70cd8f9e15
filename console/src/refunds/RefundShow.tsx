import {
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
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
import { CaseNotes } from '../decisions/CaseNotes';
import { LiveRefundPreview } from '../decisions/LiveRefundPreview';
import { DateTimeField, useFormatDateTime } from '../common/DateTimeField';
import { EnumField, useEnumLabel } from '../common/EnumField';
import { LinkField, RecordLink } from '../common/links';
import { QueueBar } from '../common/QueueBar';

interface Party {
  id: number;
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
        <Typography variant="h6">
          <RecordLink resource="users" id={party.id}>
            {party.name}
          </RecordLink>
        </Typography>
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
  const record = useRecordContext<{ preview: Preview; allowedActions: string[] }>();
  const translate = useTranslate();
  const label = useEnumLabel();
  if (!record?.preview || !allows(record, 'support-approve', 'support-approve-partial')) return null;
  const p = record.preview;
  return (
    <Alert severity="info" data-testid="refund-preview">
      {translate('resources.refund-requests.preview', {
        amount: formatMoney(p.amount),
        from: label('refund_from', p.from),
        destination: label('refund_from', p.destination),
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
  const label = useEnumLabel();
  if (!record?.order) return null;
  return (
    <Box>
      <Typography variant="h6" sx={{ mt: 2 }}>
        {translate('resources.orders.tabs.timeline')}
      </Typography>
      {record.order.milestones.map((m) => (
        <Typography key={m.seq} variant="body2">
          #{m.seq} {m.title}: {formatMoney(m.amount)} ({label('status.milestones', m.status)})
        </Typography>
      ))}
      <TimelineList items={record.order.timeline} />
    </Box>
  );
}

function Decisions() {
  const record = useRecordContext<{ id: number; status: string; allowedActions: string[] }>();
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
            reasonAction: 'refund.approve',
          },
        ]}
      />
      <ActionDialogButton
        resource="refund-requests"
        action="approve"
        transition="support-approve-partial"
        label="resources.refund-requests.action.approve_part"
        color="warning"
        extra={(v) => <LiveRefundPreview id={Number(record?.id)} amount={v.amount} />}
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
            reasonAction: 'refund.approve_partial',
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
            reasonAction: 'refund.reject',
          },
        ]}
      />
    </TopToolbar>
  );
}

export function RefundShow() {
  const formatDate = useFormatDateTime();
  return (
    <Show actions={<Decisions />}>
      <SimpleShowLayout>
        <QueueBar resource="refund-requests" />
        <EnumField source="kind" kind="refund_kind" />
        <EnumField source="status" kind="status.refund_requests" />
        <FunctionField
          source="slaDueAt"
          render={(r) => (
            <Typography color={r.overdue ? 'error' : undefined}>{formatDate(r.slaDueAt)}</Typography>
          )}
        />
        <LinkField
          source="buyerId"
          nameSource="buyerName"
          reference="users"
          label="resources.refund-requests.fields.buyerName"
        />
        <LinkField
          source="sellerId"
          nameSource="sellerName"
          reference="users"
          label="app.cases.fields.seller"
        />
        <LinkField
          source="orderId"
          nameSource="orderTitle"
          reference="orders"
          label="resources.refund-requests.fields.orderTitle"
          emptyText="—"
        />
        <Money source="amount" />
        <EnumField source="destination" kind="destination" />
        <EnumField source="reason" kind="reason.refund" />
        <TextField source="message" />
        <PreviewBox />
        <Labeled label="resources.refund-requests.fields.evidence">
          <Evidence />
        </Labeled>
        <Money source="approvedAmount" />
        <Money source="paidOut" />
        <TextField source="decisionReason" emptyText="—" />
        <DateTimeField source="decidedAt" />
        <Parties />
        <CaseNotes kind="refund-requests" />
        <OrderTimeline />
      </SimpleShowLayout>
    </Show>
  );
}
