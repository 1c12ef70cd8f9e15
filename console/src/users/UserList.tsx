import { BooleanField, Datagrid, List, NumberField, SelectInput, TextField, TextInput } from 'react-admin';
import { Money } from '../ledger/Money';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';

const STATUSES = ['pending_activation', 'active', 'suspended', 'blocked', 'deactivated'].map((id) => ({
  id,
  name: `resources.users.status.${id}`,
}));

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={STATUSES} />,
  <SelectInput
    key="isSeller"
    source="isSeller"
    choices={[
      { id: true, name: 'ra.boolean.true' },
      { id: false, name: 'ra.boolean.false' },
    ]}
  />,
];

export function UserList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <TextField source="name" />
        <TextField source="email" />
        <TextField source="username" sortable={false} />
        <EnumField source="status" kind="status.users" />
        <BooleanField source="isSeller" sortable={false} />
        <EnumField source="sellerLevel" kind="resources.users.level" sortable={false} />
        <Money source="credit" />
        <Money source="pending" />
        <Money source="available" />
        <Money source="withdrawing" sortable={false} />
        <Money source="held" sortable={false} />
        <NumberField source="orderCount" sortable={false} />
        <NumberField source="disputeCount" sortable={false} />
        <DateTimeField source="createdAt" showTime={false} />
      </Datagrid>
    </List>
  );
}
