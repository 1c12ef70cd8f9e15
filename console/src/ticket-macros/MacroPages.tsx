import {
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  Edit,
  List,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { STAFF_STATUS } from '../tickets/choices';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';

const STATUS_CHOICES = STAFF_STATUS.map((s) => ({
  id: s.status,
  name: `resources.tickets.status.${s.status}`,
}));

export function MacroList() {
  return (
    <List sort={{ field: 'name', order: 'ASC' }} filters={[<TextInput key="q" source="q" alwaysOn />]}>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="name" />
        <EnumField source="setStatus" kind="status.tickets" sortable={false} />
        <TextField source="addTag" emptyText="—" sortable={false} />
        <BooleanField source="active" sortable={false} />
        <DateTimeField source="updatedAt" />
      </Datagrid>
    </List>
  );
}

function MacroForm() {
  return (
    <SimpleForm>
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput
        source="bodyEn"
        validate={required()}
        multiline
        minRows={4}
        fullWidth
        helperText="resources.ticket-macros.placeholders"
      />
      <TextInput
        source="bodyId"
        validate={required()}
        multiline
        minRows={4}
        fullWidth
        helperText="resources.ticket-macros.placeholders"
      />
      <SelectInput source="setStatus" choices={STATUS_CHOICES} emptyText="—" />
      <TextInput source="addTag" />
      <BooleanInput source="active" defaultValue />
    </SimpleForm>
  );
}

export function MacroEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <MacroForm />
    </Edit>
  );
}

export function MacroCreate() {
  return (
    <Create redirect="list">
      <MacroForm />
    </Create>
  );
}
