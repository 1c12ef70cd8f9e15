import { ChipField, Datagrid, List, SelectInput, TextField, TextInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    choices={['pending', 'sent', 'failed'].map((s) => ({ id: s, name: s }))}
  />,
  <TextInput key="to" source="to" />,
];

export function OutboxList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <DateTimeField source="createdAt" />
        <TextField source="to" />
        <TextField source="subject" sortable={false} />
        <ChipField source="status" />
        <DateTimeField source="sentAt" sortable={false} />
        <TextField source="lastError" emptyText="—" sortable={false} />
      </Datagrid>
    </List>
  );
}
