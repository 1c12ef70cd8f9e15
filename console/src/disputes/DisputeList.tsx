import { BooleanInput, Datagrid, FunctionField, List, SelectInput, TextField, TextInput } from 'react-admin';
import { Chip } from '@mui/material';
import { Money } from '../ledger/Money';
import { DateTimeField } from '../common/DateTimeField';
import { LinkField, PartyRoleField } from '../common/links';
import { SlaField } from '../common/SlaField';
import { useAssignedToMeFilter } from '../common/QueueList';

const STAGES = [
  'negotiation',
  'awaiting_default_approval',
  'final_offer',
  'awaiting_final_approval',
  'arbitration',
  'closed',
].map((id) => ({ id, name: `resources.disputes.stage.${id}` }));

/** Awaiting approval and in arbitration first (the server's `priority` sort), then by deadline. */
export function DisputeList() {
  const filters = [
    <TextInput key="q" source="q" alwaysOn />,
    <SelectInput key="stage" source="stage" choices={STAGES} alwaysOn />,
    <BooleanInput key="overdue" source="overdue" />,
    useAssignedToMeFilter(),
  ];
  return (
    <List filters={filters} sort={{ field: 'priority', order: 'ASC' }} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <FunctionField
          source="stage"
          sortable={false}
          render={(r) => (
            <Chip
              size="small"
              color={r.stage.startsWith('awaiting') || r.stage === 'arbitration' ? 'warning' : 'default'}
              label={r.stage}
            />
          )}
        />
        <LinkField
          source="orderId"
          nameSource="orderTitle"
          reference="orders"
          label="resources.disputes.fields.orderTitle"
          sortable={false}
        />
        <PartyRoleField source="openerRole" label="resources.disputes.fields.openerRole" sortable={false} />
        <Money source="escrowAmount" sortable={false} />
        <SlaField source="slaDueAt" label="app.queue.sla" />
        <TextField source="assignedName" label="app.queue.assigned_to" sortable={false} emptyText="—" />
        <DateTimeField source="createdAt" showTime={false} />
      </Datagrid>
    </List>
  );
}
