import { Datagrid, DateField, FunctionField, List, SelectInput, TextField, BooleanInput, Show, SimpleShowLayout, TopToolbar, useRecordContext } from 'react-admin';
import { Chip } from '@mui/material';
import { Money } from '../ledger/Money';
import { ActionDialogButton, ClaimButton } from '../common/ActionDialogButton';
import { TimelineList, type TimelineItem } from '../orders/OrderShow';

const filters = [<SelectInput key="status" source="status" choices={[{ id: 'open', name: 'open' }, { id: 'decided', name: 'decided' }]} alwaysOn />, <BooleanInput key="overdue" source="overdue" />];

export function EscalationList() {
  return (
    <List filters={filters} filterDefaultValues={{ status: 'open' }} sort={{ field: 'slaDueAt', order: 'ASC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <FunctionField source="slaDueAt" render={(r) => <Chip size="small" color={r.overdue ? 'error' : 'default'} label={new Date(r.slaDueAt).toLocaleString()} />} />
        <TextField source="orderTitle" sortable={false} />
        <TextField source="requesterRole" sortable={false} />
        <TextField source="requestReason" sortable={false} />
        <Money source="orderTotal" sortable={false} />
        <TextField source="assignedName" sortable={false} emptyText="—" />
        <TextField source="outcome" sortable={false} emptyText="—" />
      </Datagrid>
    </List>
  );
}

function Timeline() {
  const record = useRecordContext<{ order: { timeline: TimelineItem[] } }>();
  return record?.order ? <TimelineList items={record.order.timeline} /> : null;
}

const OUTCOMES = [{ id: 'cancel_full', name: 'resources.escalations.outcome.cancel_full' }, { id: 'cancel_partial', name: 'resources.escalations.outcome.cancel_partial' }, { id: 'continue', name: 'resources.escalations.outcome.continue' }];

function Decide() {
  const record = useRecordContext<{ status: string }>();
  if (record?.status !== 'open') return null;
  return (
    <TopToolbar sx={{ gap: 1 }}>
      <ClaimButton resource="escalations" />
      <ActionDialogButton resource="escalations" action="decide" label="resources.escalations.action.decide"
        fields={[{ name: 'outcome', label: 'resources.escalations.fields.outcome', type: 'select', required: true, choices: OUTCOMES },
          { name: 'amount', label: 'resources.escalations.fields.buyerCredit', type: 'money', helper: 'resources.escalations.amount_helper' },
          { name: 'reason', label: 'resources.refund-requests.fields.reason_for_decision', type: 'text', required: true }]} />
    </TopToolbar>
  );
}

export function EscalationShow() {
  return (
    <Show actions={<Decide />}>
      <SimpleShowLayout>
        <TextField source="orderTitle" />
        <TextField source="status" />
        <DateField source="slaDueAt" showTime />
        <TextField source="requesterRole" />
        <TextField source="requestReason" />
        <TextField source="requestMessage" />
        <TextField source="declineAnswer" emptyText="—" />
        <TextField source="statement" />
        <Money source="escrow" />
        <TextField source="outcome" emptyText="—" />
        <Money source="buyerCredit" />
        <TextField source="decisionReason" emptyText="—" />
        <Timeline />
      </SimpleShowLayout>
    </Show>
  );
}
