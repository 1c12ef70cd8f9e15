import { useEffect, useState } from 'react';
import {
  ArrayField,
  Datagrid,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  BooleanField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Alert, Box, Link, Typography } from '@mui/material';
import { Money, formatMoney } from '../ledger/Money';
import { allows } from '../common/allowed';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { TimelineList, type TimelineItem } from '../orders/OrderShow';
import { API_ROOT, httpClient } from '../api';
import { CaseNotes } from '../decisions/CaseNotes';
import { AwardPreview } from '../decisions/AwardPreview';
import { DateTimeField, useFormatDateTime } from '../common/DateTimeField';
import { EnumField, useEnumLabel } from '../common/EnumField';
import { LinkField, PartyRoleField } from '../common/links';
import { QueueBar } from '../common/QueueBar';

interface Preview {
  escrow: number;
  toBuyer: number;
  toSellerAfterCommission: number;
  commission: number;
  fee: number | null;
  feeReturnedTo: 'buyer' | 'seller' | null;
}

/** DSP-10/11: the amounts and the fee outcome of a split, from the server, before confirming. */
function SplitPreview({ id, buyerPercent }: { id: number; buyerPercent?: string }) {
  const translate = useTranslate();
  const [p, setP] = useState<Preview | null>(null);
  useEffect(() => {
    const n = Number(buyerPercent);
    if (buyerPercent === undefined || buyerPercent === '' || !Number.isInteger(n) || n < 0 || n > 100)
      return setP(null);
    httpClient(`${API_ROOT}/disputes/${id}/preview?buyerPercent=${n}`).then(
      ({ json }) => setP(json as Preview),
      () => setP(null),
    );
  }, [id, buyerPercent]);
  if (!p) return null;
  return (
    <Alert severity="info" data-testid="split-preview">
      {translate('resources.disputes.preview', {
        buyer: formatMoney(p.toBuyer),
        seller: formatMoney(p.toSellerAfterCommission),
        commission: formatMoney(p.commission),
        fee: p.feeReturnedTo
          ? translate(`resources.disputes.fee_back_${p.feeReturnedTo}`)
          : translate('resources.disputes.fee_back_none'),
      })}
    </Alert>
  );
}

function Actions() {
  const record = useRecordContext<{ id: number; stage: string }>();
  if (!record) return null;
  const reason = {
    name: 'reason',
    label: 'resources.refund-requests.fields.reason_for_decision',
    type: 'text' as const,
    required: true,
  };
  return (
    <TopToolbar sx={{ gap: 1 }}>
      {allows(record, 'support-approve-default-award', 'support-approve-final-award') && (
        <>
          <ActionDialogButton
            resource="disputes"
            action="approve-award"
            label="resources.disputes.action.approve_award"
            color="success"
            fields={[{ ...reason, reasonAction: 'dispute.approve_award' }]}
            extra={() => <AwardPreview id={record.id} />}
          />
          <ActionDialogButton
            resource="disputes"
            action="refuse-award"
            label="resources.disputes.action.refuse_award"
            color="error"
            fields={[{ ...reason, reasonAction: 'dispute.refuse_award' }]}
          />
        </>
      )}
      {allows(record, 'support-decide-arbitration') && (
        <ActionDialogButton
          resource="disputes"
          action="decide"
          label="resources.disputes.action.decide"
          fields={[
            {
              name: 'buyerPercent',
              label: 'resources.disputes.fields.buyerPercent',
              type: 'number',
              required: true,
            },
            {
              name: 'sellerPercent',
              label: 'resources.disputes.fields.sellerPercent',
              type: 'number',
              required: true,
            },
            { ...reason, reasonAction: 'dispute.arbitration' },
          ]}
          extra={(v) => <SplitPreview id={record.id} buyerPercent={v.buyerPercent} />}
        />
      )}
    </TopToolbar>
  );
}

function Thread() {
  const label = useEnumLabel();
  const formatDate = useFormatDateTime();
  const record = useRecordContext<{
    statements?: { id: number; authorRole: string; text: string; createdAt: string }[];
    buyerName?: string;
    sellerName?: string;
    evidence?: { id: number; filename: string; size: number }[];
  }>();
  const translate = useTranslate();
  if (!record?.statements) return null;
  return (
    <Box>
      <Typography variant="h6">{translate('resources.disputes.thread')}</Typography>
      {record.statements.map((s) => (
        <Alert
          key={s.id}
          severity={s.authorRole === 'buyer' ? 'info' : 'success'}
          icon={false}
          sx={{ my: 0.5 }}
        >
          <strong>
            {label('actor', s.authorRole)}
            {(s.authorRole === 'buyer' ? record.buyerName : record.sellerName) &&
              ` (${s.authorRole === 'buyer' ? record.buyerName : record.sellerName})`}
          </strong>{' '}
          · {formatDate(s.createdAt)} — {s.text}
        </Alert>
      ))}
      {(record.evidence ?? []).map((f) => (
        <Box key={f.id}>
          <Link href={`/api/admin/evidence/${f.id}`}>
            {f.filename} ({Math.ceil(f.size / 1024)} KB)
          </Link>
        </Box>
      ))}
    </Box>
  );
}

function OrderTimeline() {
  const record = useRecordContext<{ order?: { timeline: TimelineItem[] } }>();
  return record?.order ? <TimelineList items={record.order.timeline} /> : null;
}

export function DisputeShow() {
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <QueueBar resource="disputes" />
        <LinkField
          source="orderId"
          nameSource="orderTitle"
          reference="orders"
          label="resources.disputes.fields.orderTitle"
        />
        <EnumField source="stage" kind="status.disputes" />
        <PartyRoleField source="openerRole" label="resources.disputes.fields.openerRole" />
        <LinkField source="buyerId" nameSource="buyerName" reference="users" label="app.cases.fields.buyer" />
        <LinkField
          source="sellerId"
          nameSource="sellerName"
          reference="users"
          label="app.cases.fields.seller"
        />
        <TextField source="reason" />
        <Money source="escrowAmount" />
        <Money source="escrowNow" />
        <Money source="openerAmount" />
        <DateTimeField source="respondBy" />
        <Money source="arbitrationFee" />
        <BooleanField source="buyerFeePaid" />
        <BooleanField source="sellerFeePaid" />
        <DateTimeField source="feeDueAt" />
        <EnumField source="outcome" kind="dispute_outcome" />
        <TextField source="decisionReason" emptyText="—" />
        <Thread />
        <ArrayField source="offers">
          <Datagrid bulkActionButtons={false}>
            <EnumField source="byRole" kind="actor" />
            <Money source="sellerAmount" />
            <EnumField source="status" kind="status.dispute_offers" />
            <DateTimeField source="createdAt" />
          </Datagrid>
        </ArrayField>
        <CaseNotes kind="disputes" />
        <OrderTimeline />
      </SimpleShowLayout>
    </Show>
  );
}
