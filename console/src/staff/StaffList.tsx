import {
  BooleanField,
  Datagrid,
  EmailField,
  List,
  SelectField,
  SelectInput,
  TextField,
  TextInput,
} from 'react-admin';
import { roleChoices } from './roleChoices';
import { DateTimeField } from '../common/DateTimeField';

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
        <DateTimeField source="lastLoginAt" />
      </Datagrid>
    </List>
  );
}
