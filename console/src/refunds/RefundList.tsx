import { Datagrid, DateField, FunctionField, List, SelectInput, TextField, TextInput, BooleanInput, useGetIdentity } from 'react-admin';
import { Chip } from '@mui/material';
import { Money } from '../ledger/Money';

const STATUS = ['open', 'approved', 'partially_approved', 'rejected'].map((id) => ({ id, name: `resources.refund-requests.status.${id}` }));
const KIND = ['order', 'credit_to_source', 'duplicate_charge'].map((id) => ({ id, name: `resources.refund-requests.kind.${id}` }));

function Filters() {
  const { identity } = useGetIdentity();
  return [
    <TextInput key="q" source="q" alwaysOn />,
    <SelectInput key="status" source="status" choices={STATUS} alwaysOn />,
    <SelectInput key="kind" source="kind" choices={KIND} />,
    <BooleanInput key="overdue" source="overdue" />,
    <SelectInput key="assignedTo" source="assignedTo" choices={identity ? [{ id: identity.id, name: 'resources.refund-requests.assigned_to_me' }] : []} />,
  ];
}

export function RefundList() {
  return (
    <List filters={Filters()} filterDefaultValues={{ status: 'open' }} sort={{ field: 'slaDueAt', order: 'ASC' }} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <FunctionField source="slaDueAt" render={(r) => <Chip size="small" color={r.overdue ? 'error' : 'default'} label={new Date(r.slaDueAt).toLocaleString()} />} />
        <TextField source="kind" sortable={false} />
        <TextField source="buyerName" sortable={false} />
        <TextField source="orderTitle" sortable={false} emptyText="—" />
        <Money source="amount" />
        <TextField source="destination" sortable={false} />
        <TextField source="status" sortable={false} />
        <TextField source="assignedName" sortable={false} emptyText="—" />
        <DateField source="createdAt" />
      </Datagrid>
    </List>
  );
}
