import { Datagrid, List, SelectInput, TextField, TextInput } from 'react-admin';
import { Money } from './Money';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
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
].map((id) => ({ id, name: `enums.account.${id}` }));
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={KINDS} />,
];

export function AccountList() {
  return (
    <List filters={filters} sort={{ field: 'code', order: 'ASC' }} perPage={50}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="code" />
        <EnumField source="kind" kind="account" />
        <LinkField
          source="userId"
          nameSource="userName"
          reference="users"
          label="resources.accounts.fields.userName"
          emptyText="—"
          sortable={false}
        />
        <Money source="balance" />
        <DateTimeField source="createdAt" sortable={false} showTime={false} />
      </Datagrid>
    </List>
  );
}
