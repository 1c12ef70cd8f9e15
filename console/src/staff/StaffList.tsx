import {
  BooleanField,
  Datagrid,
  DateField,
  EmailField,
  List,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
} from 'react-admin';
import { roleChoices } from './roleChoices';

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
];

export function StaffList() {
  return (
    <List filters={filters} sort={{ field: 'name', order: 'ASC' }}>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="name" />
        <EmailField source="email" />
        <SelectField source="role" choices={roleChoices} />
        <BooleanField source="active" sortable={false} />
        <DateField source="lastLoginAt" showTime emptyText="—" />
      </Datagrid>
    </List>
  );
}
