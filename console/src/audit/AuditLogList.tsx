import { Datagrid, DateTimeInput, List, SelectInput, TextField, TextInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { AuditActorField, AuditSubjectField } from '../common/links';

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput
    key="actorType"
    source="actorType"
    choices={[
      { id: 'staff', name: 'staff' },
      { id: 'user', name: 'user' },
      { id: 'system', name: 'system' },
    ]}
  />,
  <TextInput key="action" source="action" />,
  <TextInput key="subjectType" source="subjectType" />,
  <TextInput key="subjectId" source="subjectId" />,
  <DateTimeInput key="since" source="since" />,
  <DateTimeInput key="until" source="until" />,
];

export function AuditLogList() {
  return (
    <List filters={filters} sort={{ field: 'id', order: 'DESC' }} perPage={50}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <DateTimeField source="at" />
        <AuditActorField source="actorName" sortable={false} />
        <EnumField source="action" kind="audit" />
        <AuditSubjectField source="subjectType" sortable={false} />
        <TextField source="reason" sortable={false} />
      </Datagrid>
    </List>
  );
}
