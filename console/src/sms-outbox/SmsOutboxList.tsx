import { ChipField, Datagrid, List, SelectInput, TextField, TextInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="status"
    source="status"
    choices={['pending', 'sent', 'failed'].map((s) => ({ id: s, name: s }))}
  />,
];

/** ACC-10: the SMS the development sender "sent" (phone codes), beside the mail outbox. */
export function SmsOutboxList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <TextField source="id" />
        <DateTimeField source="createdAt" />
        <TextField source="to" sortable={false} />
        <TextField source="text" sortable={false} />
        <ChipField source="status" />
      </Datagrid>
    </List>
  );
}
