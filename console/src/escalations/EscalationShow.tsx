import { TextField, Show, SimpleShowLayout, TopToolbar, useRecordContext } from 'react-admin';
import { useEffect, useState } from 'react';
import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { API_ROOT, httpClient } from '../api';
import { formatMoney } from '../ledger/Money';
import { Money } from '../ledger/Money';
import { allows } from '../common/allowed';
import { ActionDialogButton } from '../common/ActionDialogButton';
import { TimelineList, type TimelineItem } from '../orders/OrderShow';
import { CaseNotes } from '../decisions/CaseNotes';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { LinkField, PartyRoleField } from '../common/links';
import { QueueBar } from '../common/QueueBar';

function Timeline() {
  const record = useRecordContext<{ order: { timeline: TimelineItem[] } }>();
  return record?.order ? <TimelineList items={record.order.timeline} /> : null;
}

const OUTCOMES = [
  { id: 'cancel_full', name: 'resources.escalations.outcome.cancel_full' },
  { id: 'cancel_partial', name: 'resources.escalations.outcome.cancel_partial' },
  { id: 'continue', name: 'resources.escalations.outcome.continue' },
];

interface Split {
  milestoneId: number;
  held: number;
  toBuyer: number;
  toSeller: number;
  commission: number;
}

/** RES-7: what the chosen outcome would post, from the server's own rule, before confirming. */
function OutcomePreview({ id, outcome, amount }: { id: number; outcome?: string; amount?: string }) {
  const translate = useTranslate();
  const [split, setSplit] = useState<Split[] | null>(null);
  useEffect(() => {
    if (!outcome) return setSplit(null);
    const q = new URLSearchParams({ outcome, ...(amount ? { amount: amount.replace(/\D/g, '') } : {}) });
    httpClient(`${API_ROOT}/escalations/${id}/preview?${q}`).then(
      ({ json }) => setSplit(json.preview as Split[]),
      () => setSplit(null),
    );
  }, [id, outcome, amount]);
  if (!split) return null;
  if (!split.length)
    return <Alert severity="info">{translate('resources.escalations.preview_continue')}</Alert>;
  const sum = (k: keyof Split) => formatMoney(split.reduce((a, s) => a + s[k], 0));
  return (
    <Alert severity="info" data-testid="escalation-preview">
      {translate('resources.escalations.preview', {
        buyer: sum('toBuyer'),
        seller: sum('toSeller'),
        commission: sum('commission'),
      })}
    </Alert>
  );
}

function Decide() {
  const record = useRecordContext<{ id: number; status: string }>();
  if (!record || !allows(record, 'support-decide')) return null;
  return (
    <TopToolbar sx={{ gap: 1 }}>
      <ActionDialogButton
        resource="escalations"
        action="decide"
        label="resources.escalations.action.decide"
        fields={[
          {
            name: 'outcome',
            label: 'resources.escalations.fields.outcome',
            type: 'select',
            required: true,
            choices: OUTCOMES,
          },
          {
            name: 'amount',
            label: 'resources.escalations.fields.buyerCredit',
            type: 'money',
            helper: 'resources.escalations.amount_helper',
          },
          {
            name: 'notSellerFault',
            label: 'decisions.escalation.not_seller_fault',
            type: 'boolean',
            helper: 'decisions.escalation.not_seller_fault_helper',
          },
          {
            name: 'reason',
            label: 'resources.refund-requests.fields.reason_for_decision',
            type: 'text',
            required: true,
            reasonAction: 'escalation.decide',
          },
        ]}
        extra={(v) => <OutcomePreview id={Number(record.id)} outcome={v.outcome} amount={v.amount} />}
      />
    </TopToolbar>
  );
}

export function EscalationShow() {
  return (
    <Show actions={<Decide />}>
      <SimpleShowLayout>
        <QueueBar resource="escalations" />
        <LinkField
          source="orderId"
          nameSource="orderTitle"
          reference="orders"
          label="resources.escalations.fields.orderTitle"
        />
        <EnumField source="status" kind="status.escalations" />
        <DateTimeField source="slaDueAt" />
        <PartyRoleField source="requesterRole" label="resources.escalations.fields.requesterRole" />
        <LinkField source="buyerId" nameSource="buyerName" reference="users" label="app.cases.fields.buyer" />
        <LinkField
          source="sellerId"
          nameSource="sellerName"
          reference="users"
          label="app.cases.fields.seller"
        />
        <TextField source="requestReason" />
        <TextField source="requestMessage" />
        <TextField source="declineAnswer" emptyText="—" />
        <TextField source="statement" />
        <Money source="escrow" />
        <EnumField source="outcome" kind="escalation_outcome" />
        <Money source="buyerCredit" />
        <TextField source="decisionReason" emptyText="—" />
        <CaseNotes kind="escalations" />
        <Timeline />
      </SimpleShowLayout>
    </Show>
  );
}
