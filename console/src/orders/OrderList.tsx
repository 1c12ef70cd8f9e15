import { Datagrid, FunctionField, List, SelectInput, TextField, TextInput } from 'react-admin';
import { Chip } from '@mui/material';
import { Money } from '../ledger/Money';
import { DateTimeField } from '../common/DateTimeField';
import { useEnumLabel } from '../common/EnumField';
import { LinkField } from '../common/links';

export const ORDER_STATUSES = ['awaiting_payment', 'in_progress', 'delivered', 'completed', 'cancelled'].map(
  (id) => ({ id, name: `resources.orders.status.${id}` }),
);
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={ORDER_STATUSES} />,
  <TextInput key="userId" source="userId" />,
];

export function OrderList() {
  const label = useEnumLabel();
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <TextField source="title" sortable={false} />
        <FunctionField
          source="status"
          render={(r) => (
            <Chip
              size="small"
              label={label('status.orders', r.status)}
              color={r.late ? 'error' : 'default'}
            />
          )}
        />
        <LinkField
          source="buyerId"
          nameSource="buyerName"
          reference="users"
          label="resources.orders.fields.buyerName"
          sortable={false}
        />
        <LinkField
          source="sellerId"
          nameSource="sellerName"
          reference="users"
          label="resources.orders.fields.sellerName"
          sortable={false}
        />
        <Money source="total" />
        <DateTimeField source="createdAt" showTime={false} />
        <DateTimeField source="dueAt" showTime={false} />
      </Datagrid>
    </List>
  );
}
