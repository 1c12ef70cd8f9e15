import {
  Datagrid,
  DateField,
  DateTimeInput,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TextInput,
} from 'react-admin';

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
        <DateField source="at" showTime />
        <FunctionField
          source="actorName"
          render={(r) =>
            r.actorType === 'system' ? 'system' : `${r.actorName ?? '?'} (${r.actorRole ?? r.actorType})`
          }
          sortable={false}
        />
        <TextField source="action" />
        <FunctionField
          source="subjectType"
          render={(r) => `${r.subjectType}${r.subjectId ? ` #${r.subjectId}` : ''}`}
          sortable={false}
        />
        <TextField source="reason" sortable={false} />
      </Datagrid>
    </List>
  );
}
