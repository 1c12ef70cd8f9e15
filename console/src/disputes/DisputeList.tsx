import { BooleanInput, Datagrid, FunctionField, List, SelectInput, TextField, TextInput } from 'react-admin';
import { Chip } from '@mui/material';
import { Money } from '../ledger/Money';
import { DateTimeField, useFormatDateTime } from '../common/DateTimeField';
import { LinkField, PartyRoleField } from '../common/links';

const STAGES = [
  'negotiation',
  'awaiting_default_approval',
  'final_offer',
  'awaiting_final_approval',
  'arbitration',
  'closed',
].map((id) => ({ id, name: `resources.disputes.stage.${id}` }));
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="stage" source="stage" choices={STAGES} alwaysOn />,
  <BooleanInput key="overdue" source="overdue" />,
];

/** Awaiting approval and in arbitration first (the server's `priority` sort), then by deadline. */
export function DisputeList() {
  const formatDate = useFormatDateTime();
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
        <FunctionField
          source="slaDueAt"
          render={(r) =>
            r.slaDueAt ? (
              <Chip size="small" color={r.overdue ? 'error' : 'default'} label={formatDate(r.slaDueAt)} />
            ) : (
              '—'
            )
          }
        />
        <DateTimeField source="createdAt" showTime={false} />
      </Datagrid>
    </List>
  );
}
