import { Datagrid, DateField, List, SelectInput, TextField, TextInput } from 'react-admin';
import { Money } from './Money';
import { LinkField } from '../common/links';

const KINDS = [
  'credit',
  'pending',
  'available',
  'withdrawing',
  'held',
  'gateway',
  'escrow',
  'revenue',
  'fees_payment',
  'arbitration_fees',
].map((id) => ({ id, name: id }));
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={KINDS} />,
];

export function AccountList() {
  return (
    <List filters={filters} sort={{ field: 'code', order: 'ASC' }} perPage={50}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="code" />
        <TextField source="kind" />
        <LinkField
          source="userId"
          nameSource="userName"
          reference="users"
          label="resources.accounts.fields.userName"
          emptyText="—"
          sortable={false}
        />
        <Money source="balance" />
        <DateField source="createdAt" sortable={false} />
      </Datagrid>
    </List>
  );
}
